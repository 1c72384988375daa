package io.feedwatch.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report on a hand-made run: the verdict, the recovery figures and a difference, in JSON and Markdown alike. */
class ReportWriterTest {
    @TempDir
    Path out;

    private ChaosReport report(List<Difference> differences) {
        ChaosSettings settings = new ChaosSettings(3, 3, 3, 42, 30, 0.3, 2, Instant.parse("2026-03-01T08:00:00Z"),
                Duration.ofSeconds(90), 3, out, Map.of());
        List<FaultResult> faults = List.of(
                new FaultResult(new Fault(1, FaultKind.KILL_INSTANCE, 1, Duration.ofSeconds(20)), 20.0, 8.0, 9.0),
                new FaultResult(new Fault(2, FaultKind.KILL_BROKER, 0, Duration.ofSeconds(40)), 41.0, 0.5, 1.0),
                new FaultResult(new Fault(3, FaultKind.ROLLING_RESTART, 0, Duration.ofSeconds(60)), 62.0, 12.0, -1));
        Map<Difference.Kind, Long> byKind = new EnumMap<>(Difference.Kind.class);
        differences.forEach(d -> byKind.merge(d.kind(), 1L, Long::sum));
        return new ChaosReport(settings, "2026-11-30T12:00:00Z", 200, faults,
                new Accounting(100, 40, 58, 2, 0, 98, 90, 5, 3, 4, 20), byKind, differences, List.of());
    }

    @Test
    void aRunWithoutDifferencePassesWithMedianAndMaximumRecovery() throws Exception {
        Path md = ReportWriter.write(report(List.of()));

        JsonNode json = new ObjectMapper().readTree(out.resolve("chaos-report.json").toFile());
        assertThat(json.get("passed").asBoolean()).isTrue();
        assertThat(json.get("differenceCount").asLong()).isZero();
        assertThat(json.get("settings").get("origin").asText()).isEqualTo("2026-03-01T08:00:00Z");
        assertThat(json.get("recovery").get("readyMedian").asDouble()).isEqualTo(8.0);
        assertThat(json.get("recovery").get("readyMax").asDouble()).isEqualTo(12.0);
        // a recovery that never came (-1) is left out of the figures, not counted as fast
        assertThat(json.get("recovery").get("caughtUpMedian").asDouble()).isEqualTo(5.0);
        assertThat(json.get("faults")).hasSize(3);
        assertThat(Files.readString(md)).contains("PASSED", "| 2 | KILL_BROKER | broker 1 | 41.0 | 0.5 s | 1.0 s |",
                "| 3 | ROLLING_RESTART | all instances | 62.0 | 12.0 s | - |");
    }

    @Test
    void aDifferenceFailsTheRunAndIsShown() throws Exception {
        Difference lost = new Difference(Difference.Kind.LOST_ALERT, 2, "alert-7", "{\"status\":\"OPEN\"}", null);
        Path md = ReportWriter.write(report(List.of(lost)));

        assertThat(new ObjectMapper().readTree(out.resolve("chaos-report.json").toFile()).get("passed").asBoolean()).isFalse();
        assertThat(Files.readString(md)).contains("FAILED", "differences: 1 {LOST_ALERT=1}",
                "- LOST_ALERT, partition 2, `alert-7`: expected `{\"status\":\"OPEN\"}`, got `null`");
    }
}
