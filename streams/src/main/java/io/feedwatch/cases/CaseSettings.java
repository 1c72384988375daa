package io.feedwatch.cases;

import java.time.Duration;

/**
 * The work queue's timing (keys {@code feedwatch.cases.*}, documented in feedwatch-defaults.properties).
 *
 * @param notifyDelay how long an alert must have been open before it opens a case
 * @param escalateAfter how long an open case may stay unacknowledged before staff are notified again
 * @param quietPeriod how long every alert of a case must have been resolved or withdrawn before it closes by itself
 * @param maxSnooze how far ahead staff may snooze a case
 */
public record CaseSettings(Duration notifyDelay, Duration escalateAfter, Duration quietPeriod, Duration maxSnooze) {
    public CaseSettings {
        for (Duration d : new Duration[] {notifyDelay, escalateAfter, quietPeriod, maxSnooze}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("feedwatch.cases durations must be positive, got " + d);
            }
        }
    }
}
