package io.feedwatch.cli;

import io.feedwatch.app.TopicSetup;
import io.feedwatch.broker.BrokerOptions;
import io.feedwatch.broker.BrokerStartException;
import io.feedwatch.broker.EmbeddedCluster;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code feedwatch broker}: a local Kafka cluster (one node by default) with the feedwatch topics, until Ctrl-C. */
@Command(
        name = "broker",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a local Kafka cluster on 127.0.0.1 (one node by default; each node a separate JVM that is broker and "
                    + "controller) and creates the feedwatch topics, so that 'feedwatch run' and 'feedwatch simulate' have a "
                    + "cluster to talk to.",
            "For trying feedwatch out, not for production: no security. With --nodes 3 or more, topics get 3 replicas "
                    + "and min.insync.replicas=2, so that one node can be killed without losing an acknowledged write."
        })
public final class BrokerCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerCommand.class);
    private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(30);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--port", paramLabel = "N", defaultValue = "9092", converter = Converters.Port.class,
            description = "Port for Kafka clients on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}, "
                    + "where feedwatch looks by default).")
    int port;

    @Option(names = "--nodes", paramLabel = "N", defaultValue = "1", converter = Converters.AtLeastOne.class,
            description = "Nodes in the cluster (default: ${DEFAULT-VALUE}); topics get min(3, N) replicas.")
    int nodes;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where the broker keeps its data and log (default: a new temporary directory). "
                    + "Must be empty, or a directory a previous 'feedwatch broker --keep-data' used.")
    Path dataDir;

    @Option(names = "--keep-data", description = "Keep the data on exit, to start again with it (use with --data-dir).")
    boolean keepData;

    @Option(names = "--no-topics", description = "Do not create the feedwatch topics.")
    boolean noTopics;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "3", converter = Converters.AtLeastOne.class,
            description = "Partitions of each topic created (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        try (StopSignal stop = StopSignal.install("broker")) {
            EmbeddedCluster broker = start();
            try {
                // closing ends the broker process, which is what the wait below is for
                stop.onRequest(broker::close);
                if (!noTopics) {
                    createTopics(broker);
                }
                out.println((nodes == 1 ? "Kafka broker" : "Kafka cluster of " + nodes + " nodes") + " ready at "
                        + broker.bootstrapServers() + " (data: " + broker.dataDir() + ")");
                out.println("Press Ctrl-C to stop it" + (keepData ? "; the data is kept." : "; its data is removed then."));
                out.flush();
                EmbeddedCluster.NodeExit exit = broker.awaitAnyExit();
                if (!stop.requested()) {
                    LOG.warn("Last lines of the broker log:\n{}", broker.logTail(exit.index()));
                    throw new CliException("the Kafka broker stopped unexpectedly (" + (nodes == 1 ? "" : "node " + (exit.index() + 1) + ", ")
                            + "exit code " + exit.exitCode() + ")");
                }
            } finally {
                broker.close();
            }
            out.println((nodes == 1 ? "Kafka broker" : "Kafka cluster") + " stopped" + (keepData ? "; its data is kept in " + broker.dataDir() : "; its data is removed"));
            out.flush();
            return 0;
        }
    }

    private EmbeddedCluster start() {
        try {
            return EmbeddedCluster.start(nodes, new BrokerOptions(port, 0, dataDir, keepData, BrokerOptions.DEFAULT_HEAP));
        } catch (BrokerStartException e) {
            if (!e.logTail().isEmpty()) {
                LOG.warn("Last lines of the broker log:\n{}", e.logTail());
            }
            throw new CliException("cannot start the Kafka broker: " + e.reason(), e);
        }
    }

    private void createTopics(EmbeddedCluster broker) {
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try {
            TopicSetup.ensureTopics(admin, partitions, broker.replicationFactor(), TOPIC_TIMEOUT);
        } catch (KafkaException e) {
            throw new CliException("cannot create the feedwatch topics: " + e.getMessage(), e);
        }
    }
}
