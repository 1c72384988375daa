package io.feedwatch.cli;

import io.feedwatch.schemas.AlertStatus;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * The demo's one-line status: simulated time, events sent, the work queue, alert records seen. On a terminal it is
 * redrawn in place under the work-queue lines; otherwise (piped to a file) it is printed as a plain line now and then. Used from one thread.
 */
final class DemoProgress {
    private static final DateTimeFormatter SIM = DateTimeFormatter.ofPattern("EEE d MMM HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final Duration PLAIN_EVERY = Duration.ofSeconds(15);

    private final PrintWriter out;
    private final boolean inPlace;
    private int drawn;
    private long lastPlain = Long.MIN_VALUE;

    /** @param inPlace redraw on one terminal line (carriage return), rather than printing a line now and then */
    DemoProgress(PrintWriter out, boolean inPlace) {
        this.out = out;
        this.inPlace = inPlace;
    }

    /** @param cases cases opened, staff notifications, cases open now */
    static String line(Instant simulated, long eventsSent, Map<AlertStatus, Integer> alerts, int[] cases) {
        return String.format(Locale.ENGLISH, "simulated %s | %,d %s sent | work queue: %d open, %d opened, %s | alert records: %d opened, %d resolved, %d withdrawn",
                SIM.format(simulated), eventsSent, eventsSent == 1 ? "event" : "events", cases[2], cases[0],
                Plural.of(cases[1], "notification"), alerts.getOrDefault(AlertStatus.OPEN, 0),
                alerts.getOrDefault(AlertStatus.RESOLVED, 0), alerts.getOrDefault(AlertStatus.WITHDRAWN, 0));
    }

    /** A line of output above the status line. */
    void println(String text) {
        clear();
        out.println(text);
    }

    /** Shows the status; {@code wallNanos} (System.nanoTime) paces the plain mode. */
    void show(String status, long wallNanos) {
        if (inPlace) {
            clear();
            out.print(status);
            drawn = status.length();
        } else if (lastPlain == Long.MIN_VALUE || wallNanos - lastPlain >= PLAIN_EVERY.toNanos()) {
            lastPlain = wallNanos;
            out.println(status);
        }
        out.flush();
    }

    /** Ends the status line, so that what follows starts on a fresh line. */
    void finish() {
        clear();
    }

    private void clear() {
        if (inPlace && drawn > 0) {
            out.print("\r" + " ".repeat(drawn) + "\r");
            drawn = 0;
        }
    }
}
