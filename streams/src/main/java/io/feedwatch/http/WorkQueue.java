package io.feedwatch.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * A clinic's work queue as staff read it (README "Work queue"): one line per mother with an open case, with her numbers
 * at the detection clock rather than at the alert's riskSince, in the order staff should call.
 */
public final class WorkQueue {
    private WorkQueue() {
    }

    /** The answer of {@code GET /api/v1/clinics/{clinicId}/cases}; {@code asOf} is the detection clock. */
    public record ClinicCases(String clinicId, Instant asOf, List<Item> cases) {
    }

    /**
     * One mother's line. Her numbers are null when her enrollment has just ended (the case closes with it).
     *
     * @param notificationReason why staff were last notified of the case (CASE_OPENED, NEW_ALERT_TYPE, UNACKNOWLEDGED)
     */
    public record Item(String participantId, String timeZone, Integer infantAgeDays, Integer sessionsLast24h, Integer expectedMin,
                       Instant lastSessionAt, Double hoursSinceLastSession, @JsonProperty("case") ApiJson.Case caseRecord,
                       String notificationReason, List<Alert> alerts) {
    }

    /** An alert of the case, as its latest record says; all but its id are null once its records have left the 31-day history. */
    public record Alert(String alertId, String type, String status, Instant riskSince, String message) {
    }

    /**
     * Who to call first: a snoozed case sorts below every other until its snooze ends; then not yet acknowledged first;
     * then the longest time since her last recorded session (never recorded first: nothing is known to be fine); then
     * the youngest infant (the least reserve); then participantId, so that equal lines keep one order on every refresh.
     */
    static Comparator<Item> order(Instant now) {
        return Comparator.comparing((Item i) -> i.caseRecord().snoozedUntil() != null && i.caseRecord().snoozedUntil().isAfter(now))
                .thenComparing(i -> i.caseRecord().acknowledged())
                .thenComparing(Item::lastSessionAt, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(Item::infantAgeDays, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(Item::participantId);
    }

    /** Hours from her last session to {@code now}, to one decimal; null when none is recorded. */
    static Double hoursSince(Instant lastSessionAt, Instant now) {
        return lastSessionAt == null ? null : Math.round(Duration.between(lastSessionAt, now).toMinutes() / 6.0) / 10.0;
    }
}
