package io.feedwatch.cli;

import io.feedwatch.bench.Bench;
import io.feedwatch.bench.BenchPlan;
import io.feedwatch.bench.BenchResult;
import io.feedwatch.bench.Reports;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code feedwatch bench}: throughput, latency, state size and scaling of feedwatch next to its baselines, on one workload. */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false, defaultValueProvider = BenchCommand.Defaults.class,
        description = {"Loads one seeded simulated workload into an embedded Kafka broker (127.0.0.1 only) and measures, over "
                + "the same topic: a raw consumer, consumer + Avro decode, a Kafka Streams pass-through, a naive SlidingWindows "
                + "count, and feedwatch at-least-once and exactly-once (commit 100 ms and 1 s): events/s, CPU per event, "
                + "produce-to-alert latency, state size and restore time; then feedwatch at other population sizes.",
                "Writes bench-report.json, bench-report.md and bench-chart.png to --out."})
public final class BenchCommand implements Callable<Integer> {
    static final int DEFAULT_PARTICIPANTS = 100_000;
    static final int QUICK_PARTICIPANTS = 2_000;
    static final int SMALL_SCALING_POINT = 10_000;
    static final int LARGE_SCALING_POINT = 1_000_000;

    @Spec
    CommandSpec spec;

    /** A production-sized population by default; a tenth of them at risk, as in a programme that is working. */
    static final class Defaults extends OptionDefaults {
        Defaults() {
            super("--participants", Integer.toString(DEFAULT_PARTICIPANTS), "--at-risk-share", "0.1", "--seed", "42");
        }
    }

    @Mixin
    SimulationOptions simulation;

    @Option(names = "--days", defaultValue = "1", paramLabel = "D", converter = Converters.AtLeastOne.class,
            description = "Simulated days of feeding events (default: ${DEFAULT-VALUE}; each day adds about 15 events per participant).")
    int days;

    @Option(names = "--latency-duration", paramLabel = "DURATION", converter = Converters.PositiveDuration.class,
            description = "Open-loop load per latency measurement, e.g. 20s or PT20S (default: 20s, or 3s with --quick), after a "
                    + "warm-up at the same rate of half that, 10s at most.")
    Duration latencyDuration;

    @Option(names = "--latency-load", defaultValue = "0.5", paramLabel = "SHARE", converter = Converters.LoadShare.class,
            description = "Open-loop rate of the latency measurements as a share, above 0 and at most 1, of the stage's maximum "
                    + "(default: ${DEFAULT-VALUE}). On a small machine the load's producer and the broker share the cores, so "
                    + "the report says how busy the machine was.")
    double latencyLoad;

    @Option(names = "--repeats", paramLabel = "N", converter = Converters.AtLeastOne.class, description = "Runs of stages 1 and 2, median reported (default: 3, or 1 with --quick).")
    Integer repeats;

    @Option(names = "--stage-budget", paramLabel = "DURATION", converter = Converters.PositiveDuration.class,
            description = "Longest throughput measurement of stages 3, 4 and 6; slower stages are measured over what they processed "
                    + "by then (default: 60s, or 20s with --quick). feedwatch at-least-once always processes everything.")
    Duration stageBudget;

    @Option(names = "--scaling", description = "Also measure 1,000,000 participants (long: loading and processing take tens of minutes).")
    boolean scaling;

    @Option(names = "--quick", description = "Smoke-test mode: 2,000 participants unless --participants, short phases, no profiling "
            + "(under 2 minutes).")
    boolean quick;

    @Option(names = "--profile", negatable = true,
            description = "Record each stage with JDK Flight Recorder and report where the time went (default: on, off with --quick).")
    Boolean profile;

    @Option(names = "--out", defaultValue = "bench-out", paramLabel = "DIR", description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() {
        boolean participantsGiven = spec.commandLine().getParseResult().hasMatchedOption("--participants");
        int n = quick && !participantsGiven ? QUICK_PARTICIPANTS : simulation.participants;
        int d = days;
        int r = repeats != null ? repeats : quick ? 1 : 3;
        Duration latency = latencyDuration != null ? latencyDuration : Duration.ofSeconds(quick ? 3 : 20);
        Duration budget = stageBudget != null ? stageBudget : Duration.ofSeconds(quick ? 20 : 60);
        List<Integer> sizes = new ArrayList<>();
        if (n != SMALL_SCALING_POINT) {
            sizes.add(SMALL_SCALING_POINT);
        }
        if (scaling && n != LARGE_SCALING_POINT) {
            sizes.add(LARGE_SCALING_POINT);
        }
        BenchPlan plan = new BenchPlan(n, d, simulation.seed, simulation.atRiskShare, BenchPlan.DEFAULT_ORIGIN, 3, r, budget, latency, latencyLoad, sizes,
                profile != null ? profile : !quick, quick, out);
        PrintWriter console = spec.commandLine().getOut();
        BenchResult result = Bench.run(plan, console, System.console() != null,
                new VersionProvider().getVersion()[0]);
        Reports.write(result, out);
        console.println();
        console.print(Reports.console(result));
        console.printf("%nfeedwatch bench: took %.1f min; reports in %s (%s, %s, %s)%n", result.took().toMillis() / 60000.0, out,
                Reports.JSON, Reports.MARKDOWN, Reports.CHART);
        console.flush();
        return 0;
    }
}
