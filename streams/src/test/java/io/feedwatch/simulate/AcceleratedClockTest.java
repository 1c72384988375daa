package io.feedwatch.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AcceleratedClockTest {
    private static final Instant WALL = Instant.parse("2030-01-01T00:00:00Z");
    private static final Instant ORIGIN = Instant.parse("2026-03-01T08:00:00Z");

    @Test
    void simulatedTimeIsOriginPlusElapsedWallTimeTimesSpeed() {
        MutableClock wall = new MutableClock(WALL);
        AcceleratedClock clock = new AcceleratedClock(wall, ORIGIN, 600);

        assertThat(clock.instant()).isEqualTo(ORIGIN);
        assertThat(clock.wallStart()).isEqualTo(WALL);
        wall.advance(Duration.ofSeconds(10));
        assertThat(clock.instant()).isEqualTo(ORIGIN.plus(Duration.ofMinutes(100)));
        assertThat(clock.millis()).isEqualTo(ORIGIN.plus(Duration.ofMinutes(100)).toEpochMilli());
        wall.advance(Duration.ofMillis(1));
        assertThat(clock.instant()).isEqualTo(ORIGIN.plus(Duration.ofMinutes(100)).plusMillis(600));
        wall.advance(Duration.ofMinutes(10).minusSeconds(10).minusMillis(1));
        assertThat(clock.instant()).isEqualTo(ORIGIN.plus(Duration.ofHours(100)));
    }

    @Test
    void slowerThanRealTimeAndRealTimeWork() {
        MutableClock wall = new MutableClock(WALL);
        AcceleratedClock half = new AcceleratedClock(wall, ORIGIN, 0.5);
        AcceleratedClock real = new AcceleratedClock(wall, ORIGIN, 1);
        wall.advance(Duration.ofSeconds(3));
        assertThat(half.instant()).isEqualTo(ORIGIN.plusMillis(1500));
        assertThat(real.instant()).isEqualTo(ORIGIN.plusSeconds(3));
    }

    @ParameterizedTest
    @ValueSource(doubles = {1, 3, 7.5, 600, 1234.567, 86_400})
    void wallInstantAtIsTheExactInverse(double speed) {
        MutableClock wall = new MutableClock(WALL);
        AcceleratedClock clock = new AcceleratedClock(wall, ORIGIN, speed);
        for (Instant target : new Instant[] {ORIGIN, ORIGIN.plusNanos(1), ORIGIN.plusMillis(999), ORIGIN.plus(Duration.ofHours(53)).plusNanos(17),
            ORIGIN.minus(Duration.ofHours(2))}) {
            Instant w = clock.wallInstantAt(target);
            assertThat(clock.simulatedAt(w)).as("at %s", w).isAfterOrEqualTo(target);
            assertThat(clock.simulatedAt(w.minusNanos(1))).as("just before %s", w).isBefore(target);
        }
    }

    @Test
    void wallTimeUntilCountsDownToZero() {
        MutableClock wall = new MutableClock(WALL);
        AcceleratedClock clock = new AcceleratedClock(wall, ORIGIN, 600);
        Instant target = ORIGIN.plus(Duration.ofHours(1));

        assertThat(clock.wallTimeUntil(target)).isEqualTo(Duration.ofSeconds(6));
        wall.advance(Duration.ofSeconds(4));
        assertThat(clock.wallTimeUntil(target)).isEqualTo(Duration.ofSeconds(2));
        wall.advance(Duration.ofSeconds(5));
        assertThat(clock.wallTimeUntil(target)).isZero();
        assertThat(clock.simulatedDuration(Duration.ofMinutes(10))).isEqualTo(Duration.ofHours(100));
    }

    @Test
    void zoneComesFromTheBaseAndRejectsNonsense() {
        Clock fixed = Clock.fixed(WALL, ZoneOffset.UTC);
        AcceleratedClock clock = new AcceleratedClock(fixed, ORIGIN, 60);
        AcceleratedClock chicago = clock.withZone(ZoneId.of("America/Chicago"));

        assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
        assertThat(chicago.getZone()).isEqualTo(ZoneId.of("America/Chicago"));
        assertThat(chicago.instant()).isEqualTo(clock.instant()).isEqualTo(ORIGIN);
        assertThat(clock.withZone(ZoneOffset.UTC)).isSameAs(clock);
        assertThat(new AcceleratedClock(fixed, ORIGIN, 60)).isEqualTo(clock).hasSameHashCodeAs(clock);
        assertThat(new AcceleratedClock(fixed, ORIGIN, 61)).isNotEqualTo(clock);

        for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> new AcceleratedClock(fixed, ORIGIN, bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
