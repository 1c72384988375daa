package io.feedwatch.simulate;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What to simulate.
 *
 * @param seed the same seed (and other settings) gives the same participants and the same events
 * @param participants how many participants to enroll
 * @param atRiskShare share of participants, rounded to the nearest whole participant, that become DECLINING or QUIET
 *     (split evenly, QUIET getting the odd one); the rest are ON_TRACK
 * @param origin simulation origin: "now" of the simulated clock when the simulation starts; monitoring starts 2 days
 *     earlier so that the detection has history
 * @param onsetWithin an at-risk participant's onset is drawn uniformly from [origin, origin + onsetWithin)
 * @param faultRate 0 for clean data; otherwise the probability, per removal session, of a re-sent duplicate and
 *     (independently) of a deliberately bad record
 */
public record SimulationSettings(long seed, int participants, double atRiskShare, Instant origin, Duration onsetWithin, double faultRate) {
    /** Onset window unless told otherwise: short enough that a demo on an accelerated clock shows alerts soon. */
    public static final Duration DEFAULT_ONSET_WITHIN = Duration.ofHours(6);
    /** Fault rate of {@code feedwatch simulate --dead-letters}: rare, yet a few per hour with a handful of participants. */
    public static final double DEFAULT_FAULT_RATE = 0.02;

    public SimulationSettings {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(onsetWithin, "onsetWithin");
        if (participants < 1) {
            throw new IllegalArgumentException("participants must be at least 1, got " + participants);
        }
        if (!(atRiskShare >= 0 && atRiskShare <= 1)) {
            throw new IllegalArgumentException("atRiskShare must be between 0 and 1, got " + atRiskShare);
        }
        if (onsetWithin.isNegative() || onsetWithin.isZero()) {
            throw new IllegalArgumentException("onsetWithin must be positive, got " + onsetWithin);
        }
        if (!(faultRate >= 0 && faultRate <= 1)) {
            throw new IllegalArgumentException("faultRate must be between 0 and 1, got " + faultRate);
        }
    }

    /** Clean data, the default onset window. */
    public static SimulationSettings of(long seed, int participants, double atRiskShare, Instant origin) {
        return new SimulationSettings(seed, participants, atRiskShare, origin, DEFAULT_ONSET_WITHIN, 0);
    }

    public SimulationSettings withFaultRate(double rate) {
        return new SimulationSettings(seed, participants, atRiskShare, origin, onsetWithin, rate);
    }

    public SimulationSettings withOnsetWithin(Duration window) {
        return new SimulationSettings(seed, participants, atRiskShare, origin, window, faultRate);
    }
}
