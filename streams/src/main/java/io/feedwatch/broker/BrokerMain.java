package io.feedwatch.broker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;

/**
 * Entry point of the broker child JVM that {@link EmbeddedBroker} starts (see there for why it is a separate JVM);
 * not meant to be run by hand. Arguments: the generated {@code server.properties}, and the cluster id when the node is one
 * of several (they must share it). It formats the storage on first use, then runs Kafka until it is terminated or its
 * parent goes away.
 */
public final class BrokerMain {
    /** Classpath resource with the child's logging configuration: warnings and up, to stdout (the broker.log file). */
    static final String LOGBACK_CONFIG = "broker-logback.xml";

    private BrokerMain() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1 && args.length != 2) {
            System.err.println("usage: BrokerMain SERVER_PROPERTIES [CLUSTER_ID]");
            System.exit(2);
        }
        exitWhenParentIsGone(System.in);
        ignoreCtrlC();
        Path config = Path.of(args[0]);
        int formatted = StorageTool.execute(new String[] {
            "format", "--config", config.toString(), "--cluster-id", args.length == 2 ? args[1] : clusterId(config), "--ignore-formatted"
        }, System.out);
        if (formatted != 0) {
            System.exit(formatted);
        }
        kafka.Kafka.main(new String[] {config.toString()});
    }

    /**
     * The parent holds the other end of our stdin and never writes to it; end of input means that it closed the pipe
     * or died (even by SIGKILL). Exiting then runs Kafka's shutdown hook, so the broker stops cleanly and never
     * outlives feedwatch.
     */
    private static void exitWhenParentIsGone(InputStream parentPipe) {
        Thread watchdog = new Thread(() -> {
            try {
                parentPipe.transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                System.err.println("broker: lost the pipe from feedwatch (" + e.getMessage() + "), stopping");
            }
            System.exit(0);
        }, "feedwatch-parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /**
     * Ctrl-C in a terminal signals the whole foreground process group, this child as well as feedwatch. feedwatch stops
     * the broker itself (SIGTERM, or closing the pipe) once it no longer needs it: a demo still exports and prints after
     * Ctrl-C. Kafka chains its own logging handler to this one, which does nothing.
     */
    private static void ignoreCtrlC() {
        sun.misc.Signal.handle(new sun.misc.Signal("INT"), signal -> { });
    }

    /** The id the storage is already formatted with (formatting insists on it), or a new one. */
    private static String clusterId(Path config) throws IOException {
        Path meta = Path.of(load(config).getProperty("log.dirs")).resolve("meta.properties");
        String existing = Files.exists(meta) ? load(meta).getProperty("cluster.id") : null;
        return existing != null ? existing : Uuid.randomUuid().toString();
    }

    private static Properties load(Path file) throws IOException {
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(in);
        }
        return props;
    }
}
