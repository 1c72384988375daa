package io.feedwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.feedwatch.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code feedwatch bench --quick} once, for real (embedded broker, every stage), and checks that the reports are
 * written and agree with themselves. Never the speed: the figures of a quick run on a shared machine mean nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BenchSmokeTest {
    private static final double REL = 1e-6;

    private Path out;
    private int exit;
    private String console;
    private JsonNode report;
    private Map<String, JsonNode> stages;

    @BeforeAll
    void runQuickBench(@TempDir Path dir) throws Exception {
        out = dir;
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        exit = Main.execute(new String[] {"bench", "--quick", "--out", out.toString()}, new PrintWriter(stdout, true),
                new PrintWriter(stderr, true));
        console = stdout + stderr.toString();
        report = new ObjectMapper().readTree(out.resolve(Reports.JSON).toFile());
        stages = new HashMap<>();
        report.get("stages").forEach(s -> stages.put(s.get("stage").asText(), s));
    }

    @Test
    void writesEveryReportAndTheConsoleTable() throws Exception {
        assertThat(exit).as(console).isZero();
        byte[] png = Files.readAllBytes(out.resolve(Reports.CHART));
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        String md = Files.readString(out.resolve(Reports.MARKDOWN), StandardCharsets.UTF_8);
        assertThat(md).contains("| stage | what | events/s |", "](" + Reports.CHART + ")", "## Machine", "## Goals", "## Reproduce");
        assertThat(console).contains("feedwatch at-least-once", "reports in " + out);
        for (JsonNode s : report.get("stages")) {
            assertThat(md).contains("| " + s.get("stage").asText() + " | " + s.get("name").asText() + " |");
        }
    }

    @Test
    void measuresEveryStageOverTheSameWorkload() {
        assertThat(stages.keySet()).containsExactlyInAnyOrder("1", "2", "3", "4", "5", "6a", "6b");
        JsonNode workload = report.get("workload");
        long events = workload.get("events").asLong();
        assertThat(events).isPositive();
        assertThat(workload.get("participants").asInt()).isEqualTo(report.at("/plan/participants").asInt());
        for (JsonNode s : stages.values()) {
            long n = s.get("events").asLong();
            assertThat(n).as("stage %s", s.get("stage")).isPositive().isLessThanOrEqualTo(events);
            if (s.get("complete").asBoolean()) {
                assertThat(n).as("stage %s processed the whole workload", s.get("stage")).isEqualTo(events);
            }
            assertThat(s.get("eventsPerSecond").asDouble()).isCloseTo(n / s.get("seconds").asDouble(), within(REL * n));
            assertThat(s.get("appCpuMicrosPerEvent").asDouble()).isPositive();
        }
        assertThat(stages.get("1").get("complete").asBoolean()).isTrue();
        assertThat(stages.get("2").get("complete").asBoolean()).isTrue();
        assertThat(stages.get("5").get("complete").asBoolean()).isTrue();
    }

    @Test
    void feedwatchStagesHaveLatencyFromProbes() {
        for (String id : List.of("5", "6a", "6b")) {
            JsonNode l = stages.get(id).get("latency");
            assertThat(l.get("probesSent").asInt()).as("stage %s", id).isPositive();
            assertThat(l.get("probesReceived").asInt()).as("stage %s", id).isPositive().isLessThanOrEqualTo(l.get("probesSent").asInt());
            assertThat(l.get("p50Millis").asDouble()).isPositive().isLessThanOrEqualTo(l.get("p99Millis").asDouble());
            assertThat(l.get("p99Millis").asDouble()).isLessThanOrEqualTo(l.get("p999Millis").asDouble());
            assertThat(l.get("p999Millis").asDouble()).isLessThanOrEqualTo(l.get("maxMillis").asDouble());
            // the load itself keeps the bench JVM busy, and the broker takes it in
            assertThat(l.get("appCores").asDouble()).as("stage %s", id).isPositive();
            assertThat(l.get("brokerCores").asDouble()).as("stage %s", id).isPositive();
            assertThat(l.get("machineCores").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
        }
        // at half the maximum of the application measured: stage 5's whole-workload rate, scaled for exactly-once by the
        // stage's ratio to stage 5 over the budget (the latency runs continue stage 5's state)
        JsonNode alos = stages.get("5");
        assertThat(alos.at("/latency/targetRate").asDouble()).isCloseTo(0.5 * alos.get("eventsPerSecond").asDouble(), within(1e-6));
        for (String id : List.of("6a", "6b")) {
            double ratio = stages.get(id).get("budgetEventsPerSecond").asDouble() / alos.get("budgetEventsPerSecond").asDouble();
            assertThat(stages.get(id).at("/latency/targetRate").asDouble())
                    .isCloseTo(0.5 * alos.get("eventsPerSecond").asDouble() * ratio, within(1e-6));
        }
    }

    @Test
    void stateAddsUpPerStoreAndPerParticipant() {
        JsonNode state = stages.get("5").get("state");
        long enrolled = report.at("/workload/participants").asLong() + report.at("/workload/probes").asLong();
        assertThat(state.get("participants").asLong()).isEqualTo(enrolled);
        long sum = 0;
        List<String> names = new ArrayList<>();
        for (JsonNode st : state.get("stores")) {
            names.add(st.get("store").asText());
            sum += st.get("keyBytes").asLong() + st.get("valueBytes").asLong();
        }
        assertThat(names).containsExactly("participant-state-v2", "open-alerts-by-clinic", "due-index", "task-clock",
                "participants-by-clinic", "cases", "case-due-index", "open-cases-by-clinic", "participant-history");
        assertThat(state.get("liveBytes").asLong()).isEqualTo(sum);
        assertThat(state.get("liveBytesPerParticipant").asDouble()).isCloseTo((double) sum / enrolled, within(REL * sum));
        assertThat(state.get("diskBytes").asLong()).isPositive();
        assertThat(state.get("participantStateAvgBytes").asDouble()).isPositive();
        assertThat(stages.get("5").at("/restore/recordsRestored").asLong()).isPositive();
    }

    @Test
    void goalsAreComputedFromTheReportedFigures() {
        Map<String, JsonNode> goals = new HashMap<>();
        report.get("goals").forEach(g -> goals.put(g.get("goal").asText(), g));
        double ratio = stages.get("5").get("budgetEventsPerSecond").asDouble() / stages.get("3").get("budgetEventsPerSecond").asDouble();
        assertThat(goals.get("feedwatch at-least-once throughput / Streams pass-through").get("actual").asDouble())
                .isCloseTo(ratio, within(REL * ratio));
        assertThat(goals.get("p99 produce→alert, at-least-once").get("actual").asDouble())
                .isEqualTo(stages.get("5").at("/latency/p99Millis").asDouble());
        for (JsonNode g : report.get("goals")) {
            double actual = g.get("actual").asDouble();
            double limit = g.get("limit").asDouble();
            boolean met = g.get("atLeast").asBoolean() ? actual >= limit : actual <= limit;
            assertThat(g.get("met").asBoolean()).as(g.get("goal").asText()).isEqualTo(met);
            assertThat(g.get("missedBy").asDouble() == 0).isEqualTo(met);
            assertThat(g.get("why").asText().isEmpty()).isEqualTo(met);
        }
    }

    @Test
    void keepsTheTenThousandScalingPoint() {
        JsonNode point = report.get("scaling").get(0);
        assertThat(point.get("participants").asInt()).isEqualTo(10_000);
        assertThat(point.get("events").asLong()).isPositive();
        assertThat(point.get("liveBytesPerParticipant").asDouble()).isPositive();
    }
}
