package io.feedwatch.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** A {@link ChaosReport} as a console table, {@code chaos-report.json} and {@code chaos-report.md}. */
public final class ReportWriter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportWriter() {
    }

    /** Writes both files into the run's output directory; returns the Markdown file. */
    public static Path write(ChaosReport report) throws IOException {
        Path out = report.settings().out();
        Files.createDirectories(out);
        // java.time values as ISO-8601 text: the JSON stays readable without a Jackson module for them
        ChaosSettings s = report.settings();
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("brokers", s.brokers());
        settings.put("instances", s.instances());
        settings.put("faults", s.faults());
        settings.put("seed", s.seed());
        settings.put("participants", s.participants());
        settings.put("atRiskShare", s.atRiskShare());
        settings.put("days", s.days());
        settings.put("origin", s.origin().toString());
        settings.put("feedFor", s.feedFor().toString());
        settings.put("partitions", s.partitions());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("passed", report.passed());
        json.put("settings", settings);
        json.put("startedAt", report.startedAt());
        json.put("durationSeconds", report.durationSeconds());
        json.put("differenceCount", report.differenceCount());
        json.put("differences", report.differences());
        json.put("examples", report.examples());
        json.put("incidents", report.incidents());
        json.put("accounting", report.accounting());
        json.put("recovery", new Recovery(report.faults()));
        json.put("faults", report.faults().stream().map(f -> Map.of("index", f.fault().index(), "kind", f.fault().kind(),
                "target", f.fault().targetName(), "atSeconds", f.atSeconds(), "readySeconds", f.readySeconds(),
                "caughtUpSeconds", f.caughtUpSeconds())).toList());
        Files.writeString(out.resolve("chaos-report.json"), JSON.writeValueAsString(json), StandardCharsets.UTF_8);
        Path md = out.resolve("chaos-report.md");
        Files.writeString(md, markdown(report), StandardCharsets.UTF_8);
        return md;
    }

    /** Median and maximum recovery, in seconds, over the faults that recovered (-1 when none did). */
    public record Recovery(double readyMedian, double readyMax, double caughtUpMedian, double caughtUpMax) {
        Recovery(List<FaultResult> faults) {
            this(median(faults, FaultResult::readySeconds), max(faults, FaultResult::readySeconds),
                    median(faults, FaultResult::caughtUpSeconds), max(faults, FaultResult::caughtUpSeconds));
        }

        private static double median(List<FaultResult> faults, ToDoubleFunction<FaultResult> f) {
            double[] v = faults.stream().mapToDouble(f).filter(x -> x >= 0).sorted().toArray();
            return v.length == 0 ? -1 : v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        }

        private static double max(List<FaultResult> faults, ToDoubleFunction<FaultResult> f) {
            return faults.stream().mapToDouble(f).filter(x -> x >= 0).max().orElse(-1);
        }
    }

    /** The table of faults and the verdict, as printed at the end of {@code feedwatch chaos}. */
    public static void printTable(ChaosReport report, PrintWriter out) {
        out.println(String.format(Locale.ROOT, "%-3s %-16s %-14s %9s %10s %14s", "#", "fault", "target", "at", "ready", "caught up"));
        for (FaultResult r : report.faults()) {
            out.println(String.format(Locale.ROOT, "%-3d %-16s %-14s %8.1fs %10s %14s", r.fault().index(), r.fault().kind(),
                    r.fault().targetName(), r.atSeconds(), secs(r.readySeconds()), secs(r.caughtUpSeconds())));
        }
        summary(report).forEach(out::println);
        out.flush();
    }

    private static List<String> summary(ChaosReport report) {
        Accounting a = report.accounting();
        Recovery rec = new Recovery(report.faults());
        return List.of(
                String.format(Locale.ROOT, "records: %d sent = %d accepted over HTTP + %d acknowledged by Kafka + %d rejected over HTTP + %d unanswered",
                        a.sent(), a.acceptedOverHttp(), a.acknowledgedByKafka(), a.rejectedOverHttp(), a.unanswered()),
                String.format(Locale.ROOT, "input topic: %d records = %d processed + %d dead-lettered + %d ignored duplicates",
                        a.inTopic(), a.processed(), a.deadLettered(), a.duplicatesIgnored()),
                String.format(Locale.ROOT, "compared with replay: %d alerts, %d daily summaries", a.alertsCompared(), a.summariesCompared()),
                String.format(Locale.ROOT, "recovery: ready median %s, max %s; caught up median %s, max %s",
                        secs(rec.readyMedian()), secs(rec.readyMax()), secs(rec.caughtUpMedian()), secs(rec.caughtUpMax())),
                "differences: " + report.differenceCount() + (report.differenceCount() == 0 ? "" : " " + report.differences()),
                report.incidents().isEmpty() ? "incidents: none" : "incidents: " + String.join("; ", report.incidents()),
                report.passed() ? "PASSED" : "FAILED");
    }

    static String markdown(ChaosReport r) {
        ChaosSettings s = r.settings();
        StringBuilder md = new StringBuilder();
        md.append("# feedwatch chaos report\n\n");
        md.append(String.format(Locale.ROOT, "Started %s, took %.0f s. %d broker(s), %d instance(s), %d fault(s), seed %d, %d participants, "
                        + "%d day(s) from %s, fed over %d s, %d partitions.%n%n", r.startedAt(), r.durationSeconds(), s.brokers(), s.instances(),
                s.faults(), s.seed(), s.participants(), s.days(), s.origin(), s.feedFor().toSeconds(), s.partitions()));
        md.append("## Result\n\n");
        summary(r).forEach(line -> md.append("- ").append(line).append('\n'));
        md.append("\n## Faults\n\n| # | fault | target | at (s) | ready after (s) | caught up after (s) |\n|---|---|---|---|---|---|\n");
        for (FaultResult f : r.faults()) {
            md.append(String.format(Locale.ROOT, "| %d | %s | %s | %.1f | %s | %s |%n", f.fault().index(), f.fault().kind(),
                    f.fault().targetName(), f.atSeconds(), secs(f.readySeconds()), secs(f.caughtUpSeconds())));
        }
        if (!r.examples().isEmpty()) {
            md.append("\n## Differences (first ").append(r.examples().size()).append(")\n\n");
            for (Difference d : r.examples()) {
                md.append(String.format(Locale.ROOT, "- %s, partition %d, `%s`: expected `%s`, got `%s`%n", d.kind(), d.partition(), d.key(),
                        d.expected(), d.actual()));
            }
        }
        md.append("\nRecovery times run from the end of the fault (the restart, SIGCONT; for a rolling restart the last instance's "
                + "restart) to every instance concerned answering /ready with 200, and to the group's lag on the inputs being 0.\n");
        return md.toString();
    }

    private static String secs(double s) {
        return s < 0 ? "-" : String.format(Locale.ROOT, "%.1f s", s);
    }
}
