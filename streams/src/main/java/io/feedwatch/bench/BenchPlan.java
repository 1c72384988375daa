package io.feedwatch.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What one {@code feedwatch bench} run measures.
 *
 * @param participants      simulated participants of the main workload
 * @param days              simulated days of feeding events in the workload (it starts 12 h before the origin, so that the
 *                          first monitored hours already have a full 24 h window behind them)
 * @param seed              simulation seed: the same plan gives the same workload, record for record
 * @param atRiskShare       share of participants whose feeding declines or stops
 * @param origin            simulation origin, fixed and far ahead of any wall clock: with {@code feedwatch.clock=event-time}
 *                          detection then follows the data alone, so a run does not depend on when it happens
 * @param partitions        partitions of every topic, the same for every stage
 * @param repeats           runs of each of the cheap stages (1 and 2); the median is reported
 * @param stageBudget       the longest a throughput measurement runs; a stage that has not processed the whole workload
 *                          by then is measured over what it processed (the ratios compare every stage over at most this
 *                          long from the start of the same topic). feedwatch at-least-once always processes everything,
 *                          since its state, latency and restore are measured after that.
 * @param latencyDuration   open-loop load per latency measurement
 * @param latencyLoadShare  the open-loop rate as a share of the stage's measured maximum
 * @param scalingSizes      extra participant counts measured for the scaling table (feedwatch at-least-once only)
 * @param profile           record each stage with JDK Flight Recorder and summarise where the time went
 * @param quick             the smoke-test mode (small workload, short phases)
 * @param out               where the reports go
 */
public record BenchPlan(int participants, int days, long seed, double atRiskShare, Instant origin, int partitions, int repeats, Duration stageBudget,
                        Duration latencyDuration, double latencyLoadShare, List<Integer> scalingSizes, boolean profile,
                        boolean quick, Path out) {
    /** A Monday far in the future; see {@code origin}. */
    public static final Instant DEFAULT_ORIGIN = Instant.parse("2099-03-02T06:00:00Z");
    /** The workload starts this long before the origin, when monitoring starts. */
    public static final Duration HISTORY = Duration.ofHours(12);

    public BenchPlan {
        if (participants < 1 || days < 1 || partitions < 1 || repeats < 1) {
            throw new IllegalArgumentException("participants, days, partitions and repeats must be at least 1");
        }
        if (!(atRiskShare >= 0 && atRiskShare <= 1) || !(latencyLoadShare > 0 && latencyLoadShare <= 1)) {
            throw new IllegalArgumentException("atRiskShare must be in [0, 1] and latencyLoadShare in (0, 1]");
        }
        if (latencyDuration.isNegative() || latencyDuration.isZero() || stageBudget.isNegative() || stageBudget.isZero()) {
            throw new IllegalArgumentException("latencyDuration and stageBudget must be positive");
        }
        scalingSizes = List.copyOf(scalingSizes);
    }

    /** First simulated instant of the workload. */
    public Instant from() {
        return origin.minus(HISTORY);
    }

    /** End (exclusive) of the workload's send times. */
    public Instant to() {
        return from().plus(Duration.ofDays(days));
    }

    /**
     * Latency-probe participants: about 3 % of the population. A probe can be used again only after 4 simulated hours,
     * which with a large population is longer than all three latency runs together, so each run gets a third of them.
     */
    public int probes() {
        return Math.max(60, Math.min(3000, participants / 30));
    }
}
