package io.feedwatch.detect;

import io.feedwatch.schemas.Resolution;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The risk predicates of one participant over time, given the participant's session times, and the episodes they form.
 *
 * <p>Every predicate is piecewise constant on half-open intervals between a finite set of change points: a session's
 * time s (it starts counting) and s + 24 h (it stops), monitoringStart, monitoringStart + 24 h, monitoringEnd, the local
 * start of each day on which the age band may change, and anchor + G for every gap limit G. Evaluating the predicates at
 * those points therefore gives the exact episodes, also for the future (assuming no further data), which is what makes
 * alerts for silence possible. Inside, times are epoch milliseconds: this is the hot loop.
 */
public final class RiskTimeline {
    static final long DAY_MILLIS = Duration.ofHours(24).toMillis();
    private static final long NONE = Long.MIN_VALUE;

    private final Enrollment enrollment;
    private final Policy policy;
    private final long[] sessions;
    /** Ages (days) at which the band may change, and the UTC instants of the local start of those days. */
    private final int[] boundaryDays;
    private final long[] boundaryMillis;
    private final long[] gapMillis;

    /** @param sortedSessionMillis session times, ascending, in epoch milliseconds */
    public RiskTimeline(Enrollment enrollment, Policy policy, long[] sortedSessionMillis) {
        this.enrollment = enrollment;
        this.policy = policy;
        this.sessions = sortedSessionMillis;
        this.boundaryDays = policy.boundaryDays().stream().mapToInt(Integer::intValue).toArray();
        this.boundaryMillis = new long[boundaryDays.length];
        for (int i = 0; i < boundaryDays.length; i++) {
            // atStartOfDay(zone) is DST-correct: a day that starts in a gap starts at the first valid local time
            boundaryMillis[i] = enrollment.birthDate().plusDays(boundaryDays[i]).atStartOfDay(enrollment.zone()).toInstant().toEpochMilli();
        }
        this.gapMillis = policy.gapLimits().stream().mapToLong(Duration::toMillis).toArray();
    }

    public Enrollment enrollment() {
        return enrollment;
    }

    /** Session times, ascending. */
    public long[] sessionMillis() {
        return sessions;
    }

    /** C(T): sessions with T - 24 h < s <= T. */
    public int count(Instant t) {
        return count(t.toEpochMilli());
    }

    /** The last session time at or before t, or null. */
    public Instant lastSessionAtOrBefore(Instant t) {
        long last = lastSessionAtOrBefore(t.toEpochMilli());
        return last == NONE ? null : Instant.ofEpochMilli(last);
    }

    /** The start of the gap at t: the last session at or before t, but never before monitoringStart. */
    public Instant gapAnchor(Instant t) {
        return Instant.ofEpochMilli(gapAnchor(t.toEpochMilli()));
    }

    /** Whole days between the birth date and the local calendar date of t. */
    public long ageDays(Instant t) {
        return ChronoUnit.DAYS.between(enrollment.birthDate(), LocalDate.ofInstant(t, enrollment.zone()));
    }

    /** The policy band at t, or null when not monitored by age. */
    public Policy.Band band(Instant t) {
        return band(t.toEpochMilli());
    }

    /** Why an episode of {@code type} ends at r. */
    public Resolution resolution(RiskType type, Instant r) {
        long rm = r.toEpochMilli();
        if (!enrollment.monitored(rm)) {
            return Resolution.MONITORING_ENDED;
        }
        Policy.Band band = band(rm);
        if (band == null || !band.hasRule(type)) {
            return Resolution.POLICY_CHANGED;
        }
        Policy.Band before = band(rm - 1);
        if (before != null && !before.equals(band) && before.hasRule(type) && riskUnder(before, type, rm)) {
            return Resolution.POLICY_CHANGED;
        }
        return Resolution.FREQUENCY_RECOVERED;
    }

    /**
     * The episodes on [from, infinity), ordered by type then start. {@code carried} maps a type to the start of an
     * episode known to hold just before {@code from}: it continues, or ends exactly at {@code from}.
     */
    public List<Episode> episodes(Instant from, Map<RiskType, Instant> carried) {
        long[] points = changePoints(from.toEpochMilli());
        List<Episode> out = new ArrayList<>();
        for (RiskType type : RiskType.values()) {
            Instant carry = carried.get(type);
            long since = carry == null ? NONE : carry.toEpochMilli();
            for (long p : points) {
                boolean r = risk(type, p);
                if (r && since == NONE) {
                    since = p;
                } else if (!r && since != NONE) {
                    out.add(new Episode(type, Instant.ofEpochMilli(since), Instant.ofEpochMilli(p)));
                    since = NONE;
                }
            }
            if (since != NONE) {
                out.add(new Episode(type, Instant.ofEpochMilli(since), null));
            }
        }
        return out;
    }

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

    private long lastSessionAtOrBefore(long t) {
        int n = countAtOrBefore(t);
        return n == 0 ? NONE : sessions[n - 1];
    }

    private long gapAnchor(long t) {
        return Math.max(lastSessionAtOrBefore(t), enrollment.startMillis());
    }

    private Policy.Band band(long t) {
        int i = -1;
        while (i + 1 < boundaryMillis.length && boundaryMillis[i + 1] <= t) {
            i++;
        }
        return i < 0 ? null : policy.bandFor(boundaryDays[i]);
    }

    private boolean risk(RiskType type, long t) {
        if (!enrollment.monitored(t)) {
            return false;
        }
        Policy.Band band = band(t);
        return band != null && riskUnder(band, type, t);
    }

    private boolean riskUnder(Policy.Band band, RiskType type, long t) {
        if (type == RiskType.UNDER_FREQUENCY) {
            return band.minSessions() != null
                    && t - DAY_MILLIS >= enrollment.startMillis()
                    && count(t) < band.minSessions();
        }
        return band.maxGap() != null && t - gapAnchor(t) >= band.maxGap().toMillis();
    }

    private long[] changePoints(long from) {
        long[] pts = new long[4 + sessions.length * (2 + gapMillis.length) + boundaryMillis.length + gapMillis.length];
        int n = 0;
        pts[n++] = from;
        long ms = enrollment.startMillis();
        pts[n++] = ms;
        pts[n++] = ms + DAY_MILLIS;
        pts[n++] = enrollment.endMillis();
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
            if (p >= from && p != Long.MAX_VALUE && (m == 0 || pts[m - 1] != p)) {
                pts[m++] = p;
            }
        }
        return Arrays.copyOf(pts, m);
    }
}
