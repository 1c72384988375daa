package io.feedwatch.detect;

import java.time.Instant;

/**
 * A maximal interval [since, end) on which one risk holds.
 *
 * @param end null while the risk holds for as long as the data says (no end in sight)
 */
public record Episode(RiskType type, Instant since, Instant end) {
    public boolean open() {
        return end == null;
    }
}
