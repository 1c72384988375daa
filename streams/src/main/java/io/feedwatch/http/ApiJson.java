package io.feedwatch.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.feedwatch.schemas.CaseNote;
import io.feedwatch.schemas.StaffAction;
import io.feedwatch.schemas.StaffAlert;
import java.time.Instant;
import java.util.List;

/** The JSON of the HTTP API: one mapper (instants as UTC ISO-8601 strings) and the shapes it writes. */
public final class ApiJson {
    private ApiJson() {
    }

    /** A fresh mapper configured for the API (ObjectMapper is thread-safe once configured). */
    public static ObjectMapper mapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    /** A request-level failure: {@code error} is a stable code (MALFORMED, UNAUTHORIZED, NOT_FOUND, ...). */
    public record Error(String error, String message) {
    }

    /** One staff alert record, field for field as on {@code feedwatch.staff-alerts.v1}. */
    public record Alert(String alertId, String participantId, String clinicId, String type, String status, Instant riskSince,
                        Instant resolvedAt, String resolution, Integer observedCount, Integer expectedMin,
                        Instant lastSessionAt, String gapLimit, Integer infantAgeDays, Instant windowStart,
                        Instant windowEnd, Instant detectedAt, String message) {

        public static Alert of(StaffAlert a) {
            return new Alert(a.getAlertId(), a.getParticipantId(), a.getClinicId(), a.getType().name(), a.getStatus().name(),
                    a.getRiskSince(), a.getResolvedAt(), a.getResolution() == null ? null : a.getResolution().name(),
                    a.getObservedCount(), a.getExpectedMin(), a.getLastSessionAt(), a.getGapLimit(), a.getInfantAgeDays(),
                    a.getWindowStart(), a.getWindowEnd(), a.getDetectedAt(), a.getMessage());
        }
    }

    /**
     * One case record, field for field as on {@code feedwatch.cases.v1} (enums as their names), with {@code acknowledged}
     * spelled out for clients.
     */
    public record Case(String caseId, String participantId, String clinicId, String status, Instant openedAt, Instant closedAt,
                       String closeReason, String closeNote, boolean acknowledged, Instant acknowledgedAt, String acknowledgedBy,
                       String assignee, Instant snoozedUntil, Note lastNote, String notification, int notifications,
                       Instant lastNotifiedAt, List<String> alertIds, List<String> alertTypes, List<String> openAlertIds,
                       String change, int version, Instant updatedAt) {

        public static Case of(io.feedwatch.schemas.Case c) {
            return new Case(c.getCaseId(), c.getParticipantId(), c.getClinicId(), c.getStatus().name(), c.getOpenedAt(), c.getClosedAt(),
                    name(c.getCloseReason()), c.getCloseNote(), c.getAcknowledgedAt() != null, c.getAcknowledgedAt(),
                    c.getAcknowledgedBy(), c.getAssignee(), c.getSnoozedUntil(), c.getLastNote() == null ? null : Note.of(c.getLastNote()),
                    name(c.getNotification()), c.getNotifications(), c.getLastNotifiedAt(), List.copyOf(c.getAlertIds()),
                    c.getAlertTypes().stream().map(Enum::name).toList(), List.copyOf(c.getOpenAlertIds()), c.getChange().name(),
                    c.getVersion(), c.getUpdatedAt());
        }
    }

    /** The latest outreach noted on a case; {@code by} is the staff member's account name. */
    public record Note(String actionId, String channel, String outcome, String text, String by, Instant at) {
        static Note of(CaseNote n) {
            return new Note(n.getActionId(), n.getChannel().name(), n.getOutcome().name(), n.getText(), n.getBy(), n.getAt());
        }
    }

    /** One staff action as on {@code feedwatch.staff-actions.v1}; {@code staffId} is the account that sent it. */
    public record Action(String actionId, String caseId, String type, String staffId, String assignee, String channel,
                         String outcome, String text, Instant snoozeUntil, Instant requestedAt) {
        static Action of(StaffAction a) {
            return new Action(a.getActionId(), a.getCaseId(), a.getType().name(), a.getStaffId(), a.getAssignee(), name(a.getChannel()),
                    name(a.getOutcome()), a.getText(), a.getSnoozeUntil(), a.getRequestedAt());
        }
    }

    private static String name(Enum<?> e) {
        return e == null ? null : e.name();
    }
}
