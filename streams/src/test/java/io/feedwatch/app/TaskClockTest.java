package io.feedwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedwatch.detect.DetectionClock;
import java.time.Instant;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

class TaskClockTest {
    private static final Instant T = Instant.parse("2026-03-01T12:00:00Z");
    private final KeyValueStore<String, Long> store = DueIndexTest.inMemory("task-clock", Serdes.String(), Serdes.Long());

    @Test
    void theEventTimeClockFollowsTheDataOnlyAndARestartedTaskGoesOnWhereItStopped() {
        TaskClock clock = new TaskClock(new DetectionClock.EventTime(), store);
        assertThat(clock.now(T)).as("no data yet: the machine clock does not count").isEqualTo(DetectionClock.BEGINNING);

        clock.accepted(T.minusSeconds(3600));
        clock.accepted(T.minusSeconds(7200));
        assertThat(clock.now(T.plusSeconds(99_999))).isEqualTo(T.minusSeconds(3600));

        TaskClock restarted = new TaskClock(new DetectionClock.EventTime(), store);
        assertThat(restarted.now(T)).isEqualTo(T.minusSeconds(3600));
    }

    @Test
    void neverRunsBackwardsNotEvenAcrossRestarts() {
        TaskClock clock = new TaskClock(new DetectionClock.Wall(), store);
        assertThat(clock.now(T)).isEqualTo(T);
        assertThat(clock.now(T.minusSeconds(5))).as("the machine clock stepped back").isEqualTo(T);

        TaskClock elsewhere = new TaskClock(new DetectionClock.Wall(), store);
        assertThat(elsewhere.now(T.minusSeconds(60))).as("another instance whose clock is behind").isEqualTo(T);
        assertThat(elsewhere.now(T.plusSeconds(1))).isEqualTo(T.plusSeconds(1));
    }
}
