package io.feedwatch.http;

import io.feedwatch.detect.Detection;
import io.feedwatch.detect.Policy;
import io.feedwatch.detect.RiskTimeline;
import io.feedwatch.schemas.state.DayTotals;
import io.feedwatch.schemas.state.ParticipantState;
import io.feedwatch.summaries.DailySummaries;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What staff see about one participant, read from her state (interactive queries): the rolling 24 h count, the last
 * session, recent session times for a timeline, and today's local-day totals.
 *
 * @param sessions session times in [now - lookback, now], oldest first
 * @param todayCounts accepted events per type on the participant's current local date (all five types)
 */
public record ParticipantView(String participantId, String clinicId, String timeZone, int infantAgeDays, int sessionsLast24h,
                              Integer expectedMin, Instant lastSessionAt, List<Instant> sessions, LocalDate today,
                              Map<String, Integer> todayCounts, double todayExpressedMl) {

    public static ParticipantView of(String participantId, ParticipantState state, Detection detection, Instant now, Duration lookback) {
        RiskTimeline timeline = detection.timeline(participantId, state);
        List<Instant> recent = new ArrayList<>();
        Instant from = now.minus(lookback);
        for (long session : timeline.sessionMillis()) {
            Instant s = Instant.ofEpochMilli(session);
            if (!s.isAfter(now) && !s.isBefore(from)) {
                recent.add(s);
            }
        }
        Policy.Band band = timeline.band(now);
        LocalDate today = LocalDate.ofInstant(now, timeline.enrollment().zone());
        DayTotals totals = DailySummaries.find(state.getDays(), today);
        return new ParticipantView(participantId, state.getEnrollment().getClinicId(), state.getEnrollment().getTimeZone(),
                (int) timeline.ageDays(now), timeline.count(now), band == null ? null : band.minSessions(),
                timeline.lastSessionAtOrBefore(now), List.copyOf(recent), today, DailySummaries.counts(totals),
                totals == null ? 0 : totals.getExpressedMl());
    }
}
