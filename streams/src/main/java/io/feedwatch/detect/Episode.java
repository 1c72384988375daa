package io.feedwatch.detect;

/**
 * A maximal interval [since, end) on which one risk holds; {@code endMillis} is {@link RiskTimeline#NONE} while the
 * risk holds for as long as the current data says (no end in sight).
 */
record Episode(RiskType type, long sinceMillis, long endMillis) {
    boolean open() {
        return endMillis == RiskTimeline.NONE;
    }
}
