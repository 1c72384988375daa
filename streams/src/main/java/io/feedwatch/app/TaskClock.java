package io.feedwatch.app;

import io.feedwatch.detect.DetectionClock;
import java.time.Instant;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A stream task's detection clock: the configured {@link DetectionClock} fed with the task's wall-clock time and its
 * latest accepted event start, and never running backwards. Both the latest accepted start (which is the clock itself
 * when it follows the data) and the highest time read so far are kept in the task's {@code task-clock} store, so that a
 * restarted or moved task goes on exactly where it stopped: a clock that ran backwards would withdraw alerts already
 * sent. The store is cached, so the clock costs a memory write per event and one changelog record per commit.
 */
final class TaskClock {
    static final String LATEST_ACCEPTED = "latest-accepted-start";
    static final String HIGH_WATER = "high-water";

    private final DetectionClock clock;
    private final KeyValueStore<String, Long> store;
    private Instant latestAccepted;
    private Instant highWater;

    TaskClock(DetectionClock clock, KeyValueStore<String, Long> store) {
        this.clock = clock;
        this.store = store;
        Long accepted = store.get(LATEST_ACCEPTED);
        Long high = store.get(HIGH_WATER);
        this.latestAccepted = accepted == null ? null : Instant.ofEpochMilli(accepted);
        this.highWater = high == null ? null : Instant.ofEpochMilli(high);
    }

    DetectionClock kind() {
        return clock;
    }

    /** Detection time at the task's wall-clock time {@code wall}. */
    Instant now(Instant wall) {
        Instant t = clock.now(wall, latestAccepted);
        if (highWater == null || t.isAfter(highWater)) {
            highWater = t;
            store.put(HIGH_WATER, t.toEpochMilli());
        }
        return highWater;
    }

    /** An event starting at {@code start} was accepted. */
    void accepted(Instant start) {
        if (latestAccepted == null || start.isAfter(latestAccepted)) {
            latestAccepted = start;
            store.put(LATEST_ACCEPTED, start.toEpochMilli());
        }
    }
}
