package io.feedwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedwatch.schemas.AlertStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoProgressTest {
    @Test
    void theStatusSaysSimulatedTimeEventsTheWorkQueueAndAlerts() {
        assertThat(DemoProgress.line(Instant.parse("2026-03-03T04:30:00Z"), 12_345, Map.of(AlertStatus.OPEN, 5, AlertStatus.RESOLVED, 3),
                new int[] {4, 6, 2}))
                .isEqualTo("simulated Tue 3 Mar 04:30 UTC | 12,345 events sent | work queue: 2 open, 4 opened, 6 notifications"
                        + " | alert records: 5 opened, 3 resolved, 0 withdrawn");
    }

    @Test
    void oneEventIsOneEvent() {
        assertThat(DemoProgress.line(Instant.parse("2026-03-03T04:30:00Z"), 1, Map.of(), new int[] {1, 1, 1}))
                .isEqualTo("simulated Tue 3 Mar 04:30 UTC | 1 event sent | work queue: 1 open, 1 opened, 1 notification"
                        + " | alert records: 0 opened, 0 resolved, 0 withdrawn");
    }

    @Test
    void onATerminalTheStatusIsRedrawnInPlaceBelowTheAlertLines() {
        StringWriter text = new StringWriter();
        DemoProgress progress = new DemoProgress(new PrintWriter(text), true);
        progress.show("one", 0);
        progress.show("two", 1);
        progress.println("ALERT");
        progress.show("three", 2);
        progress.finish();
        assertThat(text.toString()).isEqualTo("one\r   \rtwo\r   \rALERT" + System.lineSeparator() + "three\r     \r");
    }

    @Test
    void elsewhereTheStatusIsAPlainLineNowAndThen() {
        StringWriter text = new StringWriter();
        DemoProgress progress = new DemoProgress(new PrintWriter(text), false);
        long t0 = 1_000;
        progress.show("first", t0);
        progress.show("too soon", t0 + Duration.ofSeconds(14).toNanos());
        progress.println("ALERT");
        progress.show("later", t0 + Duration.ofSeconds(15).toNanos());
        progress.finish();
        String nl = System.lineSeparator();
        assertThat(text.toString()).isEqualTo("first" + nl + "ALERT" + nl + "later" + nl);
    }
}
