package io.feedwatch.detect;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The monitoring policy: bands of infant age (whole days) with a minimum number of milk-removal sessions per 24 hours
 * and/or a longest allowed gap. Ages outside every band are not monitored.
 */
public record Policy(List<Band> bands) {

    /** One row of the table; {@code minSessions} and {@code maxGap} are null when the band has no such rule. */
    public record Band(int fromDay, int toDay, Integer minSessions, Duration maxGap) {
        boolean contains(long ageDays) {
            return ageDays >= fromDay && ageDays <= toDay;
        }

        boolean hasRule(RiskType type) {
            return type == RiskType.UNDER_FREQUENCY ? minSessions != null : maxGap != null;
        }
    }

    public Policy {
        bands = List.copyOf(bands);
        for (int i = 1; i < bands.size(); i++) {
            if (bands.get(i).fromDay() <= bands.get(i - 1).toDay()) {
                throw new IllegalArgumentException("bands overlap at day " + bands.get(i).fromDay());
            }
        }
    }

    /**
     * Parses {@code FROM-TO:MIN[:GAP],...}, e.g. {@code 0-13:8:PT4H,14-55:8,56-182:6}; MIN may be "-" for "no minimum".
     */
    public static Policy parse(String spec) {
        List<Band> bands = new ArrayList<>();
        for (String entry : spec.split(",")) {
            String[] parts = entry.trim().split(":");
            String[] range = parts[0].split("-");
            if (parts.length < 2 || parts.length > 3 || range.length != 2) {
                throw new IllegalArgumentException("'" + entry.trim() + "' is not FROM-TO:MIN[:GAP]");
            }
            try {
                int from = Integer.parseInt(range[0].trim());
                int to = Integer.parseInt(range[1].trim());
                Integer min = parts[1].trim().equals("-") ? null : Integer.valueOf(parts[1].trim());
                Duration gap = parts.length == 3 ? Duration.parse(parts[2].trim()) : null;
                if (from < 0 || to < from || (min != null && min < 1) || (gap != null && (gap.isNegative() || gap.isZero()))) {
                    throw new IllegalArgumentException("'" + entry.trim() + "' has an empty range or a non-positive rule");
                }
                bands.add(new Band(from, to, min, gap));
            } catch (NumberFormatException | DateTimeParseException e) {
                throw new IllegalArgumentException("'" + entry.trim() + "' is not FROM-TO:MIN[:GAP] (" + e.getMessage() + ")");
            }
        }
        bands.sort(Comparator.comparingInt(Band::fromDay));
        return new Policy(bands);
    }

    /** The band for an age in whole days, or null when that age is not monitored (negative, or beyond the table). */
    public Band bandFor(long ageDays) {
        for (Band b : bands) {
            if (b.contains(ageDays)) {
                return b;
            }
        }
        return null;
    }

    /** Every distinct gap limit in the table: the instants anchor + G are where LONG_GAP can start. */
    Set<Duration> gapLimits() {
        Set<Duration> gaps = new TreeSet<>();
        bands.forEach(b -> {
            if (b.maxGap() != null) {
                gaps.add(b.maxGap());
            }
        });
        return gaps;
    }

    /** Ages (days) at whose local start of day the band may change. */
    Set<Integer> boundaryDays() {
        Set<Integer> days = new TreeSet<>();
        bands.forEach(b -> {
            days.add(b.fromDay());
            days.add(b.toDay() + 1);
        });
        return days;
    }
}
