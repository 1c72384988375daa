package io.feedwatch.detect;

import io.feedwatch.schemas.Participant;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What staff see about one participant, read from the detection stores (interactive queries): the rolling 24 h count,
 * the last session, recent session times for a timeline, and today's local-day totals.
 *
 * @param sessions session times in [now - lookback, now], oldest first
 * @param todayCounts accepted events per type on the participant's current local date (all five types)
 */
public record ParticipantView(String participantId, String clinicId, String timeZone, int infantAgeDays, int sessionsLast24h,
                              Integer expectedMin, Instant lastSessionAt, List<Instant> sessions, LocalDate today,
                              Map<String, Integer> todayCounts, double todayExpressedMl) {

    /**
     * @param state the value of the participant-state store for this participant (null when nothing is known yet)
     */
    public static ParticipantView of(Participant p, Object state, DetectionSettings settings, Instant now, Duration lookback) {
        ParticipantState s = state == null ? new ParticipantState() : (ParticipantState) state;
        Enrollment who = Enrollment.of(p);
        RiskTimeline timeline = new RiskTimeline(who, settings.policy(), s.sessions(settings.sessionMerge().toMillis()));
        long t = now.toEpochMilli();
        List<Instant> recent = new ArrayList<>();
        for (long session : timeline.sessions()) {
            if (session <= t && session >= t - lookback.toMillis()) {
                recent.add(Instant.ofEpochMilli(session));
            }
        }
        long last = timeline.lastSessionAtOrBefore(t);
        Policy.Band band = timeline.band(t);
        LocalDate today = LocalDate.ofInstant(now, who.zone());
        Map<String, Integer> counts = new LinkedHashMap<>();
        double expressed = 0;
        DayTotals totals = null;
        for (DayTotals d : s.days) {
            if (d.epochDay == today.toEpochDay()) {
                totals = d;
            }
        }
        for (int i = 0; i < DayTotals.TYPES.length; i++) {
            counts.put(DayTotals.TYPES[i].name(), totals == null ? 0 : totals.counts[i]);
        }
        if (totals != null) {
            expressed = totals.expressedMl;
        }
        return new ParticipantView(p.getParticipantId(), p.getClinicId(), p.getTimeZone(), (int) timeline.ageDays(t),
                timeline.count(t), band == null ? null : band.minSessions(), last == RiskTimeline.NONE ? null : Instant.ofEpochMilli(last),
                List.copyOf(recent), today, counts, expressed);
    }
}
