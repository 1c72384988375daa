package io.feedwatch.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The short chaos run of the suite: 1 broker, 2 instances and one fault of each kind that applies (an instance killed,
 * a zombie, a rolling restart) while a simulated workload arrives over HTTP and Kafka; the live outputs must equal
 * replay of the accepted input, and every record must be accounted for.
 */
class ChaosTest {
    private static final Instant ORIGIN = Instant.parse("2026-03-01T08:00:00Z");

    @TempDir
    Path out;

    @Test
    void instanceKillZombieAndRollingRestartLoseNothingAndLeaveNothingStale() throws Exception {
        ChaosSettings settings = new ChaosSettings(1, 2, 3, 7, 20, 0.5, 2, ORIGIN, Duration.ofSeconds(75), 3, out, Map.of());
        StringWriter progress = new StringWriter();
        ChaosReport report = new ChaosRun(settings, new PrintWriter(progress)).run();
        ReportWriter.printTable(report, new PrintWriter(progress));
        ReportWriter.write(report);
        System.out.println(progress);

        assertThat(report.faults()).extracting(r -> r.fault().kind())
                .containsExactlyInAnyOrder(FaultKind.KILL_INSTANCE, FaultKind.ZOMBIE_INSTANCE, FaultKind.ROLLING_RESTART);
        assertThat(report.faults()).allSatisfy(r -> {
            assertThat(r.readySeconds()).as("ready after %s", r.fault()).isNotNegative();
            assertThat(r.caughtUpSeconds()).as("caught up after %s", r.fault()).isNotNegative();
        });
        Accounting a = report.accounting();
        assertThat(a.acceptedOverHttp()).as("events accepted over HTTP").isPositive();
        assertThat(a.acknowledgedByKafka()).as("records produced directly").isPositive();
        assertThat(a.unanswered()).isZero();
        assertThat(a.alertsCompared()).as("alerts replay raised, so that the comparison means something").isPositive();
        assertThat(a.summariesCompared()).isPositive();
        assertThat(report.examples()).as("differences from replay").isEmpty();
        assertThat(report.differenceCount()).isZero();
        assertThat(report.incidents()).isEmpty();
        assertThat(out.resolve("chaos-report.json")).exists();
        assertThat(out.resolve("chaos-report.md")).content().contains("PASSED");
    }
}
