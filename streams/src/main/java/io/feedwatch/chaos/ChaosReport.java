package io.feedwatch.chaos;

import java.util.List;
import java.util.Map;

/**
 * The outcome of a chaos run: what was done, where every record went, and how the live outputs differ from replay
 * (they must not).
 *
 * @param settings        the run's settings, as given
 * @param startedAt       wall-clock start, ISO-8601 UTC
 * @param durationSeconds the whole run, start of the cluster to the end of the check
 * @param faults          every fault injected, in order
 * @param accounting      where every record went
 * @param differences     how many differences there are, by kind
 * @param examples        the first differences, for a look
 * @param incidents       anything else that went wrong (an instance that exited by itself, a drain that timed out)
 */
public record ChaosReport(ChaosSettings settings, String startedAt, double durationSeconds, List<FaultResult> faults,
                          Accounting accounting, Map<Difference.Kind, Long> differences, List<Difference> examples,
                          List<String> incidents) {
    public long differenceCount() {
        return differences.values().stream().mapToLong(Long::longValue).sum();
    }

    /** No difference and nothing else went wrong. */
    public boolean passed() {
        return differenceCount() == 0 && incidents.isEmpty();
    }
}
