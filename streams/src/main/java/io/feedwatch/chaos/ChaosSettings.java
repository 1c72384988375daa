package io.feedwatch.chaos;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What a chaos run does.
 *
 * @param brokers      nodes of the local KRaft cluster
 * @param instances    app instances (child JVMs running {@code feedwatch run})
 * @param faults       faults to inject
 * @param seed         seeds the workload, the fault plan and the choice of channel and instance per batch
 * @param participants simulated participants
 * @param atRiskShare  share of them whose feeding declines or stops
 * @param days         simulated days after the origin (the 2 days of history before it are sent too)
 * @param origin       simulated origin
 * @param feedFor      wall-clock time over which the workload is spread; the faults fall within it
 * @param partitions   partitions of each topic
 * @param out          where the reports go
 * @param appSettings  settings for the app instances on top of the chaos run's own (e.g. processing.guarantee)
 */
public record ChaosSettings(int brokers, int instances, int faults, long seed, int participants, double atRiskShare, int days,
                            Instant origin, Duration feedFor, int partitions, Path out,
                            Map<String, String> appSettings) {
    public ChaosSettings {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(feedFor, "feedFor");
        Objects.requireNonNull(out, "out");
        appSettings = Map.copyOf(appSettings);
        if (brokers < 1 || instances < 1 || faults < 0 || participants < 1 || days < 1 || partitions < 1) {
            throw new IllegalArgumentException("brokers, instances, participants, days and partitions must be at least 1, faults at least 0");
        }
    }
}
