package io.feedwatch.detect;

import io.feedwatch.schemas.FeedingEvent;
import io.feedwatch.schemas.FeedingType;
import io.feedwatch.schemas.RejectionReason;
import io.feedwatch.schemas.state.CarriedEpisode;
import io.feedwatch.schemas.state.EventIdHash;
import io.feedwatch.schemas.state.ParticipantState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Detection over one participant's state: the acceptance checks that need state, what an accepted event changes, the
 * episodes the data implies, and the frozen point that keeps the state bounded.
 *
 * <p>No accepted event can start before {@code latestStart − allowed lateness}, so risk before the <em>frozen point</em>
 * P = min(latestStart − lateness, now) can no longer change. Sessions no later event can join are kept only as their
 * time, and only while the 24 h count, the day's summary or the gap rule still need them; the episodes that hold just
 * before P are kept as their start ("carried"); alerts resolved before P and days before P's day are forgotten by the
 * alerts and summaries that keep them.
 *
 * <p>Not thread-safe: one per stream task.
 */
public final class Detection {
    /** Frozen sessions kept behind P: 24 h for C(T) plus a local calendar day (up to 25 h) for the daily summary. */
    static final Duration SESSION_RETENTION = Duration.ofHours(50);

    private final DetectionSettings settings;
    private final DuplicateWindow duplicates;
    private final long mergeMillis;

    public Detection(DetectionSettings settings) {
        this.settings = settings;
        this.duplicates = new DuplicateWindow(settings.eventIdRetention());
        this.mergeMillis = settings.sessionMerge().toMillis();
    }

    public DetectionSettings settings() {
        return settings;
    }

    /** What the stateful checks decided about an event. */
    public sealed interface Verdict permits Accepted, Duplicate, Rejected {
    }

    /** Accept it; {@code hash} is its entry in the duplicate window. */
    public record Accepted(EventIdHash hash) implements Verdict {
    }

    /** An id the participant's window already holds: ignored, the first copy won whatever the content. */
    public record Duplicate() implements Verdict {
    }

    public record Rejected(RejectionReason reason, String message) implements Verdict {
    }

    public static boolean isRemoval(FeedingType t) {
        return t == FeedingType.BREASTFEED || t == FeedingType.PUMP || t == FeedingType.HAND_EXPRESSION;
    }

    /**
     * The checks that need state, in the documented order: UNKNOWN_PARTICIPANT (no state: not enrolled), FUTURE_TIMESTAMP,
     * duplicate, TOO_LATE.
     *
     * @param state null when the participant is not enrolled
     * @param now the detection clock; with a clock of its own it is the reference for FUTURE_TIMESTAMP (a sender's clock
     *            may be wrong), with a clock that follows the data the event's recordedAt is
     */
    public Verdict admit(String participantId, ParticipantState state, FeedingEvent e, Instant now) {
        if (state == null) {
            return new Rejected(RejectionReason.UNKNOWN_PARTICIPANT, "no enrollment for participant " + participantId
                    + " when the event was processed; re-submit with `feedwatch redrive` once the participant is enrolled");
        }
        Instant start = e.getStartTime();
        boolean byData = settings.clock().followsData();
        Instant reference = byData ? e.getRecordedAt() : now;
        if (reference != null && Duration.between(reference, start).compareTo(settings.futureTolerance()) > 0) {
            return new Rejected(RejectionReason.FUTURE_TIMESTAMP, "startTime " + start + " is more than " + settings.futureTolerance()
                    + " after " + (byData ? "recordedAt " : "the server's clock, ") + reference);
        }
        EventIdHash hash = duplicates.hash(participantId, e.getEventId());
        if (DuplicateWindow.contains(state.getEventIds(), hash)) {
            return new Duplicate();
        }
        Instant latest = state.getLatestStart();
        if (latest != null && start.isBefore(latest.minus(settings.allowedLateness()))) {
            return new Rejected(RejectionReason.TOO_LATE, "startTime " + start + " is more than " + settings.allowedLateness()
                    + " before the latest accepted start " + latest);
        }
        return new Accepted(hash);
    }

    /** Records an accepted event: the latest start, the duplicate window, and (a removal) its start for sessions. */
    public void accept(ParticipantState state, FeedingEvent e, Accepted accepted) {
        Instant start = e.getStartTime();
        Instant latest = state.getLatestStart() == null || start.isAfter(state.getLatestStart()) ? start : state.getLatestStart();
        state.setLatestStart(latest);
        // ids are remembered by the participant's progress when accepted, not by the event's own start: a copy is
        // recognised, whatever its content, until her latest start has moved the retention on
        duplicates.remember(state.getEventIds(), accepted.hash(), latest);
        if (isRemoval(e.getType())) {
            List<Instant> open = state.getOpenStarts();
            int i = Collections.binarySearch(open, start);
            open.add(i < 0 ? -i - 1 : i, start);
        }
    }

    /** The participant's risk from the frozen point on, as the data held says, and the timeline it was read from. */
    public record Assessment(Enrollment who, RiskTimeline timeline, List<Episode> episodes) {
    }

    /** The participant's risk over time as the state says; reads nothing but its arguments, so any thread may call it. */
    public RiskTimeline timeline(String participantId, ParticipantState state) {
        return timeline(Enrollment.of(participantId, state.getEnrollment()), state);
    }

    private RiskTimeline timeline(Enrollment who, ParticipantState state) {
        long[] sessions = Sessions.of(millis(state.getFrozenSessions()), millis(state.getOpenStarts()), mergeMillis);
        return new RiskTimeline(who, settings.policy(), sessions);
    }

    public Assessment assess(String participantId, ParticipantState state) {
        return assess(Enrollment.of(participantId, state.getEnrollment()), state);
    }

    /** With an enrollment other than the state's (a tombstone ends monitoring now). */
    public Assessment assess(Enrollment who, ParticipantState state) {
        RiskTimeline timeline = timeline(who, state);
        Instant from = state.getFrozenPoint() != null ? state.getFrozenPoint() : who.monitoringStart();
        Map<RiskType, Instant> carried = new EnumMap<>(RiskType.class);
        for (CarriedEpisode c : state.getCarried()) {
            carried.put(RiskType.of(c.getType()), c.getRiskSince());
        }
        return new Assessment(who, timeline, timeline.episodes(from, carried));
    }

    /**
     * Moves the frozen point to min(latestStart − lateness, now) once the assessment's episodes were reported, keeping the
     * episodes that hold there and the sessions still needed.
     *
     * @return the new frozen point, or null when it did not move
     */
    public Instant freeze(ParticipantState state, Assessment assessment, Instant now) {
        if (state.getLatestStart() == null) {
            return null;
        }
        Instant lateness = state.getLatestStart().minus(settings.allowedLateness());
        Instant point = lateness.isBefore(now) ? lateness : now;
        if (state.getFrozenPoint() != null && !point.isAfter(state.getFrozenPoint())) {
            return null;
        }
        List<CarriedEpisode> carried = new ArrayList<>(RiskType.values().length);
        for (RiskType type : RiskType.values()) {
            Instant since = null;
            for (Episode ep : assessment.episodes()) {
                if (ep.type() == type && ep.since().isBefore(point) && (ep.open() || !ep.end().isBefore(point))) {
                    since = ep.since();
                }
            }
            if (since != null) {
                carried.add(new CarriedEpisode(type.alertType(), since));
            }
        }
        state.setCarried(carried);
        long p = point.toEpochMilli();
        Sessions.Split split = Sessions.freeze(millis(state.getFrozenSessions()), millis(state.getOpenStarts()), p, mergeMillis,
                p - SESSION_RETENTION.toMillis());
        state.setFrozenPoint(point);
        state.setFrozenSessions(instants(split.frozen()));
        state.setOpenStarts(instants(split.open()));
        return point;
    }

    /**
     * The next instant at which an episode must be reported (the clock past its start) or resolved (the clock at its
     * end); null when nothing lies ahead.
     */
    public static Instant nextDue(List<Episode> episodes, Instant now) {
        Instant next = null;
        for (Episode ep : episodes) {
            Instant at = null;
            if (!ep.since().isBefore(now)) {
                at = ep.since().plusMillis(1);
            } else if (!ep.open() && ep.end().isAfter(now)) {
                at = ep.end();
            }
            if (at != null && (next == null || at.isBefore(next))) {
                next = at;
            }
        }
        return next;
    }

    private static long[] millis(List<Instant> times) {
        long[] out = new long[times.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = times.get(i).toEpochMilli();
        }
        return out;
    }

    private static List<Instant> instants(long[] millis) {
        List<Instant> out = new ArrayList<>(millis.length);
        for (long m : millis) {
            out.add(Instant.ofEpochMilli(m));
        }
        return out;
    }
}
