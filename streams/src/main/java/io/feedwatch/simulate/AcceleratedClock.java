package io.feedwatch.simulate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Simulated time that runs {@code speed} times faster than a base clock: {@code origin + (base now - base at start) × speed}.
 * The base is injected, so tests drive it with a clock they set by hand. Nanosecond arithmetic; the simulated instant is
 * rounded down, and {@link #wallInstantAt} is its exact inverse (the first base instant at which a simulated instant is
 * reached), so that a waiter that sleeps until then never wakes up early.
 */
public final class AcceleratedClock extends Clock {
    private final Clock base;
    private final Instant origin;
    private final Instant wallStart;
    private final double speed;

    /** Starts now (by {@code base}): the simulated clock shows {@code origin} at this moment. */
    public AcceleratedClock(Clock base, Instant origin, double speed) {
        this(base, origin, base.instant(), speed);
    }

    private AcceleratedClock(Clock base, Instant origin, Instant wallStart, double speed) {
        this.base = Objects.requireNonNull(base, "base");
        this.origin = Objects.requireNonNull(origin, "origin");
        this.wallStart = wallStart;
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed must be a positive number, got " + speed);
        }
        this.speed = speed;
    }

    public Instant origin() {
        return origin;
    }

    public double speed() {
        return speed;
    }

    /** The base clock's instant at which the simulated clock showed {@code origin}. */
    public Instant wallStart() {
        return wallStart;
    }

    public Clock base() {
        return base;
    }

    @Override
    public Instant instant() {
        return simulatedAt(base.instant());
    }

    /** What the simulated clock shows when the base clock shows {@code wall}. */
    public Instant simulatedAt(Instant wall) {
        long elapsed = Duration.between(wallStart, wall).toNanos();
        return origin.plusNanos(scaled(elapsed));
    }

    /** The first base instant at which the simulated clock shows {@code simulated} or later. */
    public Instant wallInstantAt(Instant simulated) {
        long target = Duration.between(origin, simulated).toNanos();
        long w = (long) Math.ceil(target / speed);
        // Floating point may put the estimate a nanosecond or two off; step to the exact boundary of scaled().
        while (scaled(w) < target) {
            w++;
        }
        while (scaled(w - 1) >= target) {
            w--;
        }
        return wallStart.plusNanos(w);
    }

    /** How long the base clock must still advance until the simulated clock shows {@code simulated}; zero if it already does. */
    public Duration wallTimeUntil(Instant simulated) {
        Duration d = Duration.between(base.instant(), wallInstantAt(simulated));
        return d.isNegative() ? Duration.ZERO : d;
    }

    /** The simulated time that passes while {@code wall} passes on the base clock. */
    public Duration simulatedDuration(Duration wall) {
        return Duration.ofNanos(scaled(wall.toNanos()));
    }

    private long scaled(long wallNanos) {
        return (long) Math.floor(wallNanos * speed);
    }

    @Override
    public ZoneId getZone() {
        return base.getZone();
    }

    @Override
    public AcceleratedClock withZone(ZoneId zone) {
        return zone.equals(getZone()) ? this : new AcceleratedClock(base.withZone(zone), origin, wallStart, speed);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AcceleratedClock c && base.equals(c.base) && origin.equals(c.origin) && wallStart.equals(c.wallStart)
                && Double.compare(speed, c.speed) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(base, origin, wallStart, speed);
    }

    @Override
    public String toString() {
        return "AcceleratedClock[origin=" + origin + ", speed=" + speed + "x, since " + wallStart + " on " + base + "]";
    }
}
