package io.feedwatch.chaos;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polling with a deadline: how the run waits for recoveries and the drain, never a fixed sleep. */
final class Waiting {
    private static final Duration POLL = Duration.ofMillis(200);

    private Waiting() {
    }

    /** Seconds until {@code condition} held, polled every 200 ms, or -1 if it did not within {@code deadline}. */
    static double secondsUntil(BooleanSupplier condition, Duration deadline) throws InterruptedException {
        long start = System.nanoTime();
        long end = start + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                return -1;
            }
            Thread.sleep(POLL.toMillis());
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
