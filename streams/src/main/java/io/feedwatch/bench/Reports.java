package io.feedwatch.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/** Writes a {@link BenchResult} as {@code bench-report.json}, {@code bench-report.md}, {@code bench-chart.png} and a console table. */
public final class Reports {
    public static final String JSON = "bench-report.json";
    public static final String MARKDOWN = "bench-report.md";
    public static final String CHART = "bench-chart.png";

    private Reports() {
    }

    static ObjectMapper mapper() {
        return new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .enable(SerializationFeature.INDENT_OUTPUT);
    }

    /** Writes the three files into {@code dir} (created if needed). */
    public static void write(BenchResult r, Path dir) {
        try {
            Files.createDirectories(dir);
            mapper().writeValue(dir.resolve(JSON).toFile(), r);
            Files.writeString(dir.resolve(MARKDOWN), markdown(r), StandardCharsets.UTF_8);
            try (OutputStream png = Files.newOutputStream(dir.resolve(CHART))) {
                BitmapEncoder.saveBitmap(charts(r), 1, 2, png, BitmapEncoder.BitmapFormat.PNG);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the reports to " + dir, e);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The table (console and Markdown)

    private static final String[] HEADER = {"stage", "what", "events/s", "× stage 2", "app µs CPU/event", "broker µs CPU/event",
        "p50 / p99 / p99.9 ms", "live B/participant", "disk B/participant", "restore s"};

    static List<String[]> rows(BenchResult r) {
        BenchResult.Stage decode = Goals.stage(r.stages(), "2");
        List<String[]> rows = new ArrayList<>();
        for (BenchResult.Stage s : r.stages()) {
            rows.add(new String[] {
                s.stage(), s.name(), f0(s.eventsPerSecond()), f2(s.budgetEventsPerSecond() / decode.budgetEventsPerSecond()),
                f2(s.appCpuMicrosPerEvent()), f2(s.brokerCpuMicrosPerEvent()),
                s.latency() == null ? "" : f1(s.latency().p50Millis()) + " / " + f1(s.latency().p99Millis()) + " / " + f1(s.latency().p999Millis()),
                s.state() == null ? "" : f0(s.state().liveBytesPerParticipant()),
                s.state() == null ? "" : f0(s.state().diskBytesPerParticipant()),
                s.restore() == null ? "" : f1(s.restore().restoreSeconds())
            });
        }
        return rows;
    }

    /** A plain-text table for the console. */
    public static String console(BenchResult r) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        rows.addAll(rows(r));
        int[] width = new int[HEADER.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < rows.size(); k++) {
            String[] row = rows.get(k);
            for (int i = 0; i < row.length; i++) {
                boolean left = i < 2;
                String cell = left ? String.format("%-" + width[i] + "s", row[i]) : String.format("%" + width[i] + "s", row[i]);
                sb.append(i == 0 ? "" : "  ").append(cell);
            }
            sb.append('\n');
            if (k == 0) {
                int total = 0;
                for (int w : width) {
                    total += w + 2;
                }
                sb.append("-".repeat(total - 2)).append('\n');
            }
        }
        for (BenchResult.Goal g : r.goals()) {
            sb.append(g.met() ? "  met     " : "  MISSED  ").append(g.goal()).append(": ").append(goalFigure(g)).append('\n');
        }
        return sb.toString();
    }

    static String markdown(BenchResult r) {
        StringBuilder md = new StringBuilder();
        BenchPlan p = r.plan();
        md.append("# feedwatch bench\n\n");
        md.append(String.format(Locale.ROOT, "%s, started %s, took %.1f min%s.%n%n", r.version(), r.startedAt(), r.took().toMillis() / 60000.0,
                p.quick() ? " (**--quick**: a smoke test, not a measurement)" : ""));
        md.append("## Machine\n\n");
        Machine m = r.machine();
        md.append(String.format(Locale.ROOT, "%d cores (%s), %.1f GiB memory, %s, %s, bench heap %.1f GiB; the broker is a child JVM "
                        + "(heap 1 GiB) on the same cores.%n%n", m.cores(), m.cpu(), m.memoryBytes() / (double) (1L << 30), m.os(), m.jvm(),
                m.maxHeapBytes() / (double) (1L << 30)));
        md.append("## Workload\n\n");
        BenchResult.Workload w = r.workload();
        md.append(String.format(Locale.ROOT, "%,d simulated participants (seed %d, %.0f%% at risk) + %,d latency probes, %,d feeding events "
                        + "(%,.1f MB of keys and values) sent from %s to %s (%d simulated %s; monitoring starts 12 h in), produced once "
                        + "to `feedwatch.feeding-events.v1` with %d partitions in %.1f s. Every stage reads that same part of the topic.%n%n",
                w.participants(), p.seed(), 100 * p.atRiskShare(), w.probes(), w.events(), w.eventBytes() / 1e6, w.from(), w.to(), p.days(), p.days() == 1 ? "day" : "days",
                p.partitions(), w.loadSeconds()));
        md.append("## Results\n\n");
        md.append(mdTable(HEADER, rows(r)));
        md.append("\nevents/s: feeding events divided by the wall time from ready (partitions assigned, Streams RUNNING) until all "
                + "input was consumed and processed, or the stage budget of " + p.stageBudget().toSeconds() + " s ran out (then "
                + "over what was processed: see the stage notes); the median of " + p.repeats() + " run(s) for stages 1 and 2. "
                + "× stage 2 compares every stage over at most the stage budget from the start of the topic. CPU: "
                + "`OperatingSystemMXBean.getProcessCpuTime()` deltas of the bench JVM, which runs the stage (consumers, Kafka "
                + "Streams) and nothing else of note; the broker runs in a child JVM, so its CPU is reported apart. Latency: probe "
                + "events under open-loop load at " + Math.round(100 * p.latencyLoadShare()) + "% of the stage's maximum for "
                + p.latencyDuration().toSeconds() + " s after a warm-up of " + LatencyRun.warmUp(p.latencyDuration()).toSeconds()
                + " s at that rate, from just before the send to the alert at a read_committed consumer; the machine's load "
                + "during it is in each stage's note. "
                + "Live bytes: every store re-serialized as its changelog holds it, per enrolled participant; disk: the state "
                + "directory after a clean close. Restore: the state directory deleted, then every store rebuilt from its changelog.\n\n");
        md.append("![throughput and latency](" + CHART + ")\n\n");
        md.append("### Stages\n\n");
        for (BenchResult.Stage s : r.stages()) {
            md.append("- **").append(s.stage()).append(" ").append(s.name()).append("**: ").append(s.note());
            md.append(String.format(Locale.ROOT, ". App %.2f cores, broker %.2f cores.", s.appCores(), s.brokerCores()));
            if (s.repeats().size() > 1) {
                md.append(" Runs: ").append(String.join(", ", s.repeats().stream().map(Reports::f0).toList())).append(" events/s.");
            }
            if (s.latency() != null) {
                BenchResult.Latency l = s.latency();
                md.append(String.format(Locale.ROOT, " Latency load %,.0f events/s (asked %,.0f) for %.1f s, %d of %d probes answered, max %.1f ms;"
                                + " meanwhile %.2f cores busy in the bench JVM (application, load producer, alert reader) and %.2f in the broker,"
                                + " %.0f%% of the machine's %d.",
                        l.achievedRate(), l.targetRate(), l.seconds(), l.probesReceived(), l.probesSent(), l.maxMillis(), l.appCores(),
                        l.brokerCores(), 100 * l.machineBusy(), l.machineCores()));
            }
            if (s.restore() != null) {
                md.append(String.format(Locale.ROOT, " Restore: %,d records in %.1f s, %.1f s from start to RUNNING.",
                        s.restore().recordsRestored(), s.restore().restoreSeconds(), s.restore().secondsToRunning()));
            }
            md.append('\n');
        }
        BenchResult.Stage alos = Goals.stage(r.stages(), "5");
        if (alos.state() != null) {
            md.append("\n### State of feedwatch (stage 5)\n\n");
            List<String[]> rows = new ArrayList<>();
            for (BenchResult.StoreSize st : alos.state().stores()) {
                rows.add(new String[] {"`" + st.store() + "`", f0(st.entries()), f0(st.keyBytes()), f0(st.valueBytes()),
                    f1((double) st.bytes() / Math.max(1, alos.state().participants()))});
            }
            md.append(mdTable(new String[] {"store", "entries", "key bytes", "value bytes", "bytes per participant"}, rows));
            md.append(String.format(Locale.ROOT, "%nparticipant-state value (the detection state): %.1f bytes on average; "
                            + "%,d bytes on disk (%.0f per participant).%n", alos.state().participantStateAvgBytes(),
                    alos.state().diskBytes(), alos.state().diskBytesPerParticipant()));
        }
        md.append("\n## Scaling (feedwatch at-least-once)\n\n");
        List<String[]> scale = new ArrayList<>();
        List<BenchResult.ScalingPoint> points = new ArrayList<>(r.scaling());
        points.add(new BenchResult.ScalingPoint(p.participants(), alos.events(), alos.eventsPerSecond(), alos.appCpuMicrosPerEvent(),
                alos.state() == null ? 0 : alos.state().liveBytesPerParticipant(),
                alos.state() == null ? 0 : alos.state().diskBytesPerParticipant(), alos.restore()));
        points.sort(java.util.Comparator.comparingInt(BenchResult.ScalingPoint::participants));
        for (BenchResult.ScalingPoint sp : points) {
            scale.add(new String[] {f0(sp.participants()), f0(sp.events()), f0(sp.eventsPerSecond()),
                f2(sp.eventsPerSecond() / points.get(0).eventsPerSecond()), f2(sp.appCpuMicrosPerEvent()),
                f0(sp.liveBytesPerParticipant()), f0(sp.diskBytesPerParticipant()), sp.restore() == null ? "" : f1(sp.restore().restoreSeconds())});
        }
        md.append(mdTable(new String[] {"participants", "events", "events/s", "× smallest", "app µs CPU/event", "live B/participant",
            "disk B/participant", "restore s"}, scale));
        if (points.stream().noneMatch(x -> x.participants() >= Goals.MILLION)) {
            md.append("\nThe 1,000,000-participant point is run with `--scaling` only (it takes far longer than the rest).\n");
        }
        md.append("\n## Goals\n\n");
        List<String[]> goals = new ArrayList<>();
        for (BenchResult.Goal g : r.goals()) {
            goals.add(new String[] {g.goal(), (g.atLeast() ? "≥ " : "≤ ") + num(g.limit(), g.unit()), num(g.actual(), g.unit()),
                g.met() ? "met" : String.format(Locale.ROOT, "**missed by %.0f%%**", 100 * g.missedBy()), g.basis()});
        }
        md.append(mdTable(new String[] {"goal", "target", "measured", "result", "basis"}, goals));
        md.append('\n');
        for (BenchResult.Goal g : r.goals()) {
            if (!g.met()) {
                md.append("- **").append(g.goal()).append("** missed by ").append(String.format(Locale.ROOT, "%.0f%%", 100 * g.missedBy()))
                        .append(": ").append(g.why()).append('\n');
            }
        }
        if (r.stages().stream().anyMatch(s -> s.profile() != null)) {
            md.append("\n## What limited each stage (JDK Flight Recorder)\n\n");
            for (BenchResult.Stage s : r.stages()) {
                BenchResult.Profile pr = s.profile();
                if (pr == null) {
                    continue;
                }
                md.append("### ").append(s.stage()).append(' ').append(s.name()).append("\n\n");
                md.append(pr.limitedBy()).append(". `").append(pr.file()).append("`, ").append(pr.samples()).append(" samples.\n\n");
                md.append("- by layer (innermost frame): ").append(shares(pr.byLayer())).append('\n');
                md.append("- hottest frames (self): ").append(shares(pr.topFrames().subList(0, Math.min(6, pr.topFrames().size())))).append('\n');
                if (!pr.feedwatch().isEmpty()) {
                    md.append("- feedwatch methods on the stack (inclusive): ")
                            .append(shares(pr.feedwatch().subList(0, Math.min(6, pr.feedwatch().size())))).append('\n');
                }
                md.append('\n');
            }
        }
        md.append("## Reproduce\n\n```bash\n./feedwatch bench --participants ").append(p.participants()).append(" --days ").append(p.days())
                .append(" --seed ").append(p.seed())
                .append(" --stage-budget ").append(p.stageBudget()).append(" --latency-duration ").append(p.latencyDuration())
                .append(" --latency-load ").append(p.latencyLoadShare()).append(p.quick() ? " --quick" : "").append(p.profile() ? "" : " --no-profile")
                .append(p.scalingSizes().contains(Goals.MILLION) ? " --scaling" : "").append(" --out ").append(p.out()).append("\n```\n");
        return md.toString();
    }

    private static String shares(List<BenchResult.Share> shares) {
        return String.join(", ", shares.stream().map(s -> "`" + s.name() + "` " + f1(s.percent()) + "%").toList());
    }

    private static String goalFigure(BenchResult.Goal g) {
        return num(g.actual(), g.unit()) + " (goal " + (g.atLeast() ? "≥ " : "≤ ") + num(g.limit(), g.unit()) + ")"
                + (g.met() ? "" : String.format(Locale.ROOT, ", missed by %.0f%%", 100 * g.missedBy()));
    }

    private static String num(double v, String unit) {
        return switch (unit) {
            case "ratio" -> f2(v) + "×";
            case "share" -> String.format(Locale.ROOT, "%.0f%%", 100 * v);
            default -> (v >= 100 ? f0(v) : f1(v)) + " " + unit;
        };
    }

    private static String mdTable(String[] header, List<String[]> rows) {
        StringBuilder sb = new StringBuilder("| ").append(String.join(" | ", header)).append(" |\n|");
        for (int i = 0; i < header.length; i++) {
            sb.append(i < 2 ? "---|" : "---:|");
        }
        sb.append('\n');
        for (String[] row : rows) {
            sb.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The chart

    private static List<CategoryChart> charts(BenchResult r) {
        List<String> names = r.stages().stream().map(BenchResult.Stage::stage).toList();
        CategoryChart throughput = new CategoryChartBuilder().width(700).height(450)
                .title("Throughput (events/s)").xAxisTitle("stage").yAxisTitle("events/s").build();
        style(throughput);
        throughput.addSeries("events/s", names, r.stages().stream().map(s -> (Number) s.eventsPerSecond()).toList());

        List<BenchResult.Stage> measured = r.stages().stream().filter(s -> s.latency() != null && s.latency().probesReceived() > 0).toList();
        CategoryChart latency = new CategoryChartBuilder().width(700).height(450)
                .title("Produce→alert latency (ms)").xAxisTitle("stage").yAxisTitle("ms").build();
        style(latency);
        if (measured.isEmpty()) {
            latency.addSeries("none", List.of("-"), List.of((Number) 1));
        } else {
            List<String> ln = measured.stream().map(BenchResult.Stage::stage).toList();
            latency.addSeries("p50", ln, measured.stream().map(s -> (Number) s.latency().p50Millis()).toList());
            latency.addSeries("p99", ln, measured.stream().map(s -> (Number) s.latency().p99Millis()).toList());
            latency.addSeries("p99.9", ln, measured.stream().map(s -> (Number) s.latency().p999Millis()).toList());
        }
        return List.of(throughput, latency);
    }

    private static void style(CategoryChart c) {
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setLabelsVisible(false);
        c.getStyler().setAvailableSpaceFill(0.7);
    }

    private static String f0(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    private static String f1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String f2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
