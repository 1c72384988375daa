package io.feedwatch.cli;

import io.feedwatch.config.ConfigException;
import io.feedwatch.config.FeedwatchConfig;
import io.feedwatch.http.FeedwatchServer;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.streams.KafkaStreams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** Runs the streams application against any Kafka cluster until interrupted. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Runs the feedwatch streams application against a Kafka cluster (bootstrap.servers and every other "
                + "setting from --config; documented defaults in feedwatch-defaults.properties). Stops cleanly on Ctrl-C.")
public final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    HttpOptions http;

    @Override
    public Integer call() throws InterruptedException {
        FeedwatchConfig cfg = http.applyTo(kafka.load());
        PrintWriter out = spec.commandLine().getOut();
        try (StopSignal stop = StopSignal.install("run")) {
            CountDownLatch finished = new CountDownLatch(1);
            FeedwatchServer server;
            try {
                server = FeedwatchServer.start(cfg, false, (now, before) -> {
                    out.println("feedwatch: " + before + " -> " + now);
                    out.flush();
                    if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
                        finished.countDown();
                    }
                });
            } catch (ConfigException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new CliException("cannot start against " + cfg.bootstrapServers() + ": " + Main.oneLine(e), e);
            }
            stop.onRequest(finished::countDown);
            out.printf("feedwatch running against %s (application.id=%s); Ctrl-C to stop%n", cfg.bootstrapServers(), cfg.get("application.id"));
            out.printf("Dashboard and HTTP API: %s%n", server.url());
            out.flush();
            finished.await();
            boolean failed = server.app().streams().state() == KafkaStreams.State.ERROR;
            server.close();
            out.printf("feedwatch run: stopped%s (application.id=%s)%n", failed ? " after an error" : "", cfg.get("application.id"));
            out.flush();
            return failed ? 1 : 0;
        }
    }
}
