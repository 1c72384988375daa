package io.feedwatch.app;

import java.time.Instant;

/**
 * What detection hands the work queue, with the task's detection clock: an alert record it sent, an enrollment (her
 * clinic), a tombstone (key only, {@code payload} null with {@code tombstone}), a staff action, or nothing but the time
 * ({@code payload} null: the clock moved and the task may report). Every input record of the task passes detection,
 * which keeps the clock and knows how far the task has read, so cases move on the same clock, at the same points, as
 * alerts.
 */
record ToCases(Instant now, Object payload, boolean tombstone) {
    static ToCases tick(Instant now) {
        return new ToCases(now, null, false);
    }
}
