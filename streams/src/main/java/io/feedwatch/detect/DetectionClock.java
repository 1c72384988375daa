package io.feedwatch.detect;

import java.time.Duration;
import java.time.Instant;

/**
 * What "now" is for detection. It is derived from the stream task's wall-clock time (which tests and replay control) and,
 * for the event-time clock, from the latest accepted event, so detection never reads the machine clock directly.
 */
public sealed interface DetectionClock {

    /** Detection time, given the task's wall-clock time and the latest accepted event start of the task. */
    Instant now(Instant wallClock, Instant latestAcceptedStart);

    /** True when time moves with the data, so due timers are checked after every accepted event. */
    default boolean movesWithEvents() {
        return false;
    }

    /** The machine clock: live use. */
    record Wall() implements DetectionClock {
        @Override
        public Instant now(Instant wallClock, Instant latestAcceptedStart) {
            return wallClock;
        }
    }

    /** Simulated time running {@code speed} times faster than the wall clock from {@code origin} at {@code wallStart}: the demo. */
    record Accelerated(Instant origin, Instant wallStart, double speed) implements DetectionClock {
        @Override
        public Instant now(Instant wallClock, Instant latestAcceptedStart) {
            Duration elapsed = Duration.between(wallStart, wallClock);
            return origin.plusMillis((long) (elapsed.toMillis() * speed));
        }
    }

    /** The latest accepted event start, or the wall clock when that is later: replay, where the wall clock starts at the epoch. */
    record EventTime() implements DetectionClock {
        @Override
        public Instant now(Instant wallClock, Instant latestAcceptedStart) {
            return latestAcceptedStart != null && latestAcceptedStart.isAfter(wallClock) ? latestAcceptedStart : wallClock;
        }

        @Override
        public boolean movesWithEvents() {
            return true;
        }
    }
}
