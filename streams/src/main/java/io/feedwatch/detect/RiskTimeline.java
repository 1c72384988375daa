package io.feedwatch.detect;

import io.feedwatch.schemas.Resolution;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The risk predicates of one participant over time, given the participant's session times, and the episodes they form.
 *
 * <p>Every predicate is piecewise constant on half-open intervals between a finite set of change points: a session's
 * time s (it starts counting) and s + 24 h (it stops), monitoringStart, monitoringStart + 24 h, monitoringEnd, the local
 * start of each day on which the age band may change, and anchor + G for every gap limit G. Evaluating the predicates at
 * those points therefore gives the exact episodes, also for the future (assuming no further data), which is what makes
 * alerts for silence possible.
 */
final class RiskTimeline {
    static final long NONE = Long.MIN_VALUE;
    static final long DAY_MILLIS = Duration.ofHours(24).toMillis();

    private final Enrollment enrollment;
    private final Policy policy;
    private final long[] sessions;
    /** Ages (days) at which the band may change, and the UTC instants of the local start of those days. */
    private final int[] boundaryDays;
    private final long[] boundaryMillis;
    private final long[] gapMillis;

    RiskTimeline(Enrollment enrollment, Policy policy, long[] sortedSessionMillis) {
        this.enrollment = enrollment;
        this.policy = policy;
        this.sessions = sortedSessionMillis;
        this.boundaryDays = policy.boundaryDays().stream().mapToInt(Integer::intValue).toArray();
        this.boundaryMillis = new long[boundaryDays.length];
        for (int i = 0; i < boundaryDays.length; i++) {
            boundaryMillis[i] = startOfAgeDay(boundaryDays[i]);
        }
        this.gapMillis = policy.gapLimits().stream().mapToLong(Duration::toMillis).toArray();
    }

    private long startOfAgeDay(int ageDays) {
        // atStartOfDay(zone) is DST-correct: a day that starts in a gap starts at the first valid local time.
        return enrollment.birthDate().plusDays(ageDays).atStartOfDay(enrollment.zone()).toInstant().toEpochMilli();
    }

    long[] sessions() {
        return sessions;
    }

    /** C(T): sessions with T - 24 h < s <= T. */
    int count(long t) {
        return countAtOrBefore(t) - countAtOrBefore(t - DAY_MILLIS);
    }

    private int countAtOrBefore(long t) {
        int i = Arrays.binarySearch(sessions, t);
        if (i < 0) {
            return -i - 1;
        }
        while (i + 1 < sessions.length && sessions[i + 1] == t) {
            i++;
        }
        return i + 1;
    }

    /** The last session time at or before t, or NONE. */
    long lastSessionAtOrBefore(long t) {
        int n = countAtOrBefore(t);
        return n == 0 ? NONE : sessions[n - 1];
    }

    /** The start of the current gap at t: the last session at or before t, but never before monitoringStart. */
    long gapAnchor(long t) {
        return Math.max(lastSessionAtOrBefore(t), enrollment.monitoringStartMillis());
    }

    /** Whole days between the birth date and the local calendar date of t. */
    long ageDays(long t) {
        LocalDate date = LocalDate.ofInstant(java.time.Instant.ofEpochMilli(t), enrollment.zone());
        return ChronoUnit.DAYS.between(enrollment.birthDate(), date);
    }

    /** The policy band at t, or null when not monitored by age. */
    Policy.Band band(long t) {
        int i = -1;
        while (i + 1 < boundaryMillis.length && boundaryMillis[i + 1] <= t) {
            i++;
        }
        if (i < 0) {
            return null;
        }
        return policy.bandFor(boundaryDays[i]);
    }

    boolean risk(RiskType type, long t) {
        if (!enrollment.monitored(t)) {
            return false;
        }
        Policy.Band band = band(t);
        return band != null && riskUnder(band, type, t);
    }

    private boolean riskUnder(Policy.Band band, RiskType type, long t) {
        if (type == RiskType.UNDER_FREQUENCY) {
            return band.minSessions() != null
                    && t - DAY_MILLIS >= enrollment.monitoringStartMillis()
                    && count(t) < band.minSessions();
        }
        return band.maxGap() != null && t - gapAnchor(t) >= band.maxGap().toMillis();
    }

    /** Why an episode of {@code type} ends at r. */
    Resolution resolution(RiskType type, long r) {
        if (!enrollment.monitored(r)) {
            return Resolution.MONITORING_ENDED;
        }
        Policy.Band band = band(r);
        if (band == null || !band.hasRule(type)) {
            return Resolution.POLICY_CHANGED;
        }
        Policy.Band before = band(r - 1);
        if (before != null && !before.equals(band) && before.hasRule(type) && riskUnder(before, type, r)) {
            return Resolution.POLICY_CHANGED;
        }
        return Resolution.FREQUENCY_RECOVERED;
    }

    /**
     * The episodes on [from, infinity), both types, ordered by type then start. {@code carrySince[type]} is the start of an
     * episode known to hold just before {@code from} (NONE if none): it continues, or ends exactly at {@code from}.
     */
    List<Episode> episodes(long from, long[] carrySince) {
        long[] points = changePoints(from);
        List<Episode> out = new ArrayList<>();
        for (RiskType type : RiskType.values()) {
            long since = carrySince[type.ordinal()];
            for (long p : points) {
                boolean r = risk(type, p);
                if (r && since == NONE) {
                    since = p;
                } else if (!r && since != NONE) {
                    out.add(new Episode(type, since, p));
                    since = NONE;
                }
            }
            if (since != NONE) {
                out.add(new Episode(type, since, NONE));
            }
        }
        return out;
    }

    private long[] changePoints(long from) {
        long[] pts = new long[4 + sessions.length * (2 + gapMillis.length) + boundaryMillis.length + gapMillis.length];
        int n = 0;
        pts[n++] = from;
        long ms = enrollment.monitoringStartMillis();
        pts[n++] = ms;
        pts[n++] = ms + DAY_MILLIS;
        pts[n++] = enrollment.monitoringEndMillis();
        for (long g : gapMillis) {
            pts[n++] = ms + g;
        }
        for (long s : sessions) {
            pts[n++] = s;
            pts[n++] = s + DAY_MILLIS;
            for (long g : gapMillis) {
                pts[n++] = s + g;
            }
        }
        for (long b : boundaryMillis) {
            pts[n++] = b;
        }
        Arrays.sort(pts, 0, n);
        int m = 0;
        for (int i = 0; i < n; i++) {
            long p = pts[i];
            if (p >= from && p != Enrollment.OPEN_END && (m == 0 || pts[m - 1] != p)) {
                pts[m++] = p;
            }
        }
        return Arrays.copyOf(pts, m);
    }
}
