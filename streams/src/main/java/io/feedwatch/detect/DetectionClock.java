package io.feedwatch.detect;

import java.time.Duration;
import java.time.Instant;

/**
 * What "now" is for detection. It is derived from the stream task's wall-clock time (which tests and replay control) and
 * the latest accepted event start of the task, so detection never reads the machine clock directly.
 */
public sealed interface DetectionClock {
    /** The earliest instant feedwatch accepts in its input: where a clock that follows the data starts. */
    Instant BEGINNING = Instant.parse("1900-01-01T00:00:00Z");

    /**
     * Detection time.
     *
     * @param wallClock the stream task's wall-clock time
     * @param latestAcceptedStart the latest accepted event start of the task; null before the first
     */
    Instant now(Instant wallClock, Instant latestAcceptedStart);

    /**
     * True when time is the data: it moves only when an event is accepted, so no input can lie behind it. Alerts are then
     * reported as soon as they are evaluated and due timers are checked after every accepted event; with a clock of its
     * own (wall, accelerated) a task reports only once it has read the input its partitions hold.
     */
    default boolean followsData() {
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

    /** The latest accepted event start of the task and nothing else ({@link #BEGINNING} before the first): a backfill. */
    record EventTime() implements DetectionClock {
        @Override
        public Instant now(Instant wallClock, Instant latestAcceptedStart) {
            return latestAcceptedStart == null ? BEGINNING : latestAcceptedStart;
        }

        @Override
        public boolean followsData() {
            return true;
        }
    }

    /**
     * Replay: the latest accepted event start ({@link #BEGINNING} before the first), never past {@code until}; and
     * {@code until} itself once replay has read every input, which it signals by moving the test driver's wall clock off
     * the epoch, where it starts.
     *
     * @param until null: no limit, and the clock ends at the latest accepted start
     */
    record Replay(Instant until) implements DetectionClock {
        @Override
        public Instant now(Instant wallClock, Instant latestAcceptedStart) {
            Instant data = latestAcceptedStart == null ? BEGINNING : latestAcceptedStart;
            if (until == null) {
                return data;
            }
            return wallClock.isAfter(Instant.EPOCH) || data.isAfter(until) ? until : data;
        }

        @Override
        public boolean followsData() {
            return true;
        }
    }
}
