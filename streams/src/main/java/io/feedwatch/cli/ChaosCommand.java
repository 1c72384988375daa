package io.feedwatch.cli;

import io.feedwatch.chaos.ChaosReport;
import io.feedwatch.chaos.ChaosRun;
import io.feedwatch.chaos.ChaosSettings;
import io.feedwatch.chaos.ReportWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code feedwatch chaos}: fault injection on one machine, checked against replay. */
@Command(
        name = "chaos",
        mixinStandardHelpOptions = true,
        description = {
            "Starts a local Kafka cluster and app instances (child JVMs on 127.0.0.1), feeds a seeded simulated workload over "
                    + "HTTP and Kafka while injecting a seeded schedule of faults (SIGKILL of an instance, SIGSTOP past its session "
                    + "timeout then SIGCONT, SIGKILL of a broker with 3 brokers or more, rolling restarts), drains, and checks per "
                    + "input partition against replay of the accepted input: latest alert per alertId, latest daily summaries, dead "
                    + "letters, every record accounted for.",
            "Writes chaos-report.json and chaos-report.md to --out. Exit status 0 when nothing differs, 1 otherwise.",
            "Example: feedwatch chaos --brokers 3 --instances 3 --faults 50"
        },
        sortOptions = false,
        defaultValueProvider = ChaosCommand.Defaults.class)
public final class ChaosCommand implements Callable<Integer> {
    /** Enough time per fault for a restart and a catch-up on two cores, so that faults fall while records still arrive. */
    private static final Duration FEED_PER_FAULT = Duration.ofSeconds(30);
    private static final Duration MIN_FEED = Duration.ofSeconds(60);

    @Spec
    CommandSpec spec;

    @Option(names = "--brokers", paramLabel = "N", defaultValue = "3", converter = Converters.AtLeastOne.class,
            description = "Kafka nodes (default: ${DEFAULT-VALUE}); brokers are killed only with 3 or more.")
    int brokers;

    @Option(names = "--instances", paramLabel = "N", defaultValue = "3", converter = Converters.AtLeastOne.class,
            description = "App instances (default: ${DEFAULT-VALUE}).")
    int instances;

    @Option(names = "--faults", paramLabel = "N", defaultValue = "10", converter = Converters.AtLeastZero.class,
            description = "Faults to inject (default: ${DEFAULT-VALUE}).")
    int faults;

    @Mixin
    SimulationOptions simulation;

    @Option(names = "--days", paramLabel = "N", defaultValue = "2", converter = Converters.AtLeastOne.class,
            description = "Simulated days after --origin (the 2 days of history before it are sent too; default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--origin", paramLabel = "INSTANT", defaultValue = "2026-03-01T08:00:00Z", converter = Converters.UtcInstant.class,
            description = "Simulated origin (default: ${DEFAULT-VALUE}); the app runs with feedwatch.clock=event-time, so any instant will do.")
    Instant origin;

    @Option(names = "--feed-for", paramLabel = "DURATION", converter = Converters.PositiveDuration.class,
            description = "Wall-clock time over which the workload is fed, e.g. 90s or 20m (default: 30 s per fault, at least 60 s).")
    Duration feedFor;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "3", converter = Converters.AtLeastOne.class,
            description = "Partitions of each topic (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "chaos-out",
            description = "Where chaos-report.json, chaos-report.md and the instances' and brokers' logs go (default: ${DEFAULT-VALUE}).")
    Path out;

    @Mixin
    ConfigOptions config;

    static final class Defaults extends OptionDefaults {
        Defaults() {
            super("--participants", "30", "--at-risk-share", "0.3", "--seed", "42");
        }
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter o = spec.commandLine().getOut();
        Duration span = feedFor != null ? feedFor : max(MIN_FEED, FEED_PER_FAULT.multipliedBy(faults));
        ChaosSettings settings = new ChaosSettings(brokers, instances, faults, simulation.seed, simulation.participants,
                simulation.atRiskShare, days, origin, span, partitions, out, config.overrides);
        try (StopSignal stop = StopSignal.install("chaos")) {
            Thread main = Thread.currentThread();
            // interrupting the run unwinds it: every instance and broker it started is stopped on the way out
            stop.onRequest(main::interrupt);
            ChaosReport report = new ChaosRun(settings, o).run();
            ReportWriter.printTable(report, o);
            Path md = ReportWriter.write(report);
            o.println("report: " + md + " and " + md.resolveSibling("chaos-report.json"));
            o.flush();
            return report.passed() ? 0 : 1;
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
