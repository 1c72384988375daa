package io.feedwatch.sink;

import io.feedwatch.schemas.AlertStatus;
import io.feedwatch.schemas.AlertType;
import io.feedwatch.schemas.Case;
import io.feedwatch.schemas.CaseChange;
import io.feedwatch.schemas.CaseStatus;
import io.feedwatch.schemas.DailyFeedingSummary;
import io.feedwatch.schemas.Participant;
import io.feedwatch.schemas.RejectedEvent;
import io.feedwatch.schemas.RejectionReason;
import io.feedwatch.schemas.NotificationReason;
import io.feedwatch.schemas.OutreachChannel;
import io.feedwatch.schemas.OutreachOutcome;
import io.feedwatch.schemas.Resolution;
import io.feedwatch.schemas.StaffAction;
import io.feedwatch.schemas.StaffActionType;
import io.feedwatch.schemas.StaffAlert;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Builders of the records the export reads, with only what a test cares about as parameters. */
final class Records {
    private Records() {
    }

    /** An alert record; RESOLVED ones get {@code resolvedAt}, every record is detected {@code detectedAfter} after its window end. */
    static StaffAlert alert(String alertId, String participantId, String clinicId, AlertType type, AlertStatus status,
                            Instant riskSince, Instant resolvedAt, Duration detectedAfter) {
        Instant windowEnd = status == AlertStatus.RESOLVED ? resolvedAt : riskSince;
        return StaffAlert.newBuilder()
                .setAlertId(alertId)
                .setParticipantId(participantId)
                .setClinicId(clinicId)
                .setType(type)
                .setStatus(status)
                .setRiskSince(riskSince)
                .setResolvedAt(status == AlertStatus.RESOLVED ? resolvedAt : null)
                .setResolution(status == AlertStatus.RESOLVED ? Resolution.FREQUENCY_RECOVERED : null)
                .setObservedCount(type == AlertType.UNDER_FREQUENCY ? 5 : null)
                .setExpectedMin(type == AlertType.UNDER_FREQUENCY ? 8 : null)
                .setGapLimit(type == AlertType.LONG_GAP ? "PT4H" : null)
                .setInfantAgeDays(9)
                .setWindowStart(windowEnd.minus(Duration.ofHours(24)))
                .setWindowEnd(windowEnd)
                .setDetectedAt(windowEnd.plus(detectedAfter))
                .setMessage(status + " " + type + " for " + participantId)
                .build();
    }

    static DailyFeedingSummary summary(String participantId, String clinicId, LocalDate date, String zone,
                                       int breastfeeds, int pumps, Integer longestGapMinutes) {
        return DailyFeedingSummary.newBuilder()
                .setParticipantId(participantId)
                .setClinicId(clinicId)
                .setDate(date)
                .setTimeZone(zone)
                .setRemovalSessions(breastfeeds + pumps)
                .setEventCounts(Map.of("BREASTFEED", breastfeeds, "PUMP", pumps, "HAND_EXPRESSION", 0,
                        "BOTTLE_BREASTMILK", 1, "FORMULA", 0))
                .setExpressedMl(pumps * 60.0)
                .setBottleBreastmilkMl(90.0)
                .setFormulaMl(0.0)
                .setLongestGapMinutes(longestGapMinutes)
                .build();
    }

    /** A dead letter of a JSON event, with its text, key and bytes as the app would keep them. */
    static RejectedEvent deadLetter(String participantId, String eventId, RejectionReason reason, String text,
                                    long sourceOffset, Instant rejectedAt) {
        return RejectedEvent.newBuilder()
                .setReason(reason)
                .setMessage(reason + " in " + eventId)
                .setSourceTopic("feedwatch.feeding-events.v1")
                .setSourcePartition(1)
                .setSourceOffset(sourceOffset)
                .setOriginalKey(ByteBuffer.wrap(participantId.getBytes(StandardCharsets.UTF_8)))
                .setOriginalValue(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)))
                .setOriginalText(text)
                .setParticipantId(participantId)
                .setEventId(eventId)
                .setRejectedAt(rejectedAt)
                .build();
    }

    static Participant participant(String participantId, String clinicId, LocalDate birth, String zone, Instant start) {
        return Participant.newBuilder()
                .setParticipantId(participantId)
                .setClinicId(clinicId)
                .setInfantBirthDate(birth)
                .setTimeZone(zone)
                .setMonitoringStart(start)
                .setMonitoringEnd(null)
                .build();
    }

    /** The JSON form of an enrollment, as enrollment systems send it. */
    static String participantJson(String participantId, String clinicId, LocalDate birth, String zone, Instant start) {
        return "{\"participantId\":\"" + participantId + "\",\"clinicId\":\"" + clinicId + "\",\"infantBirthDate\":\""
                + birth + "\",\"timeZone\":\"" + zone + "\",\"monitoringStart\":\"" + start + "\",\"monitoringEnd\":null}";
    }

    /** The record that opens a case with one alert (it notifies staff); later records are built from it. */
    static Case.Builder caseOpened(String caseId, String participantId, String clinicId, String alertId, AlertType type, Instant openedAt) {
        return Case.newBuilder()
                .setCaseId(caseId)
                .setParticipantId(participantId)
                .setClinicId(clinicId)
                .setStatus(CaseStatus.OPEN)
                .setOpenedAt(openedAt)
                .setAlertIds(List.of(alertId))
                .setAlertTypes(List.of(type))
                .setOpenAlertIds(List.of(alertId))
                .setChange(CaseChange.OPENED)
                .setNotification(NotificationReason.CASE_OPENED)
                .setNotifications(1)
                .setLastNotifiedAt(openedAt)
                .setVersion(1)
                .setUpdatedAt(openedAt);
    }

    /** The next record of {@code c}: one version more, at {@code at}, with its change; notifies no one. */
    static Case.Builder caseChanged(Case c, CaseChange change, Instant at) {
        return Case.newBuilder(c).setChange(change).setNotification(null).setVersion(c.getVersion() + 1).setUpdatedAt(at);
    }

    /** A NOTE action: an outreach by phone. */
    static StaffAction note(String actionId, String caseId, String participantId, String text, Instant requestedAt) {
        return StaffAction.newBuilder()
                .setActionId(actionId)
                .setCaseId(caseId)
                .setParticipantId(participantId)
                .setType(StaffActionType.NOTE)
                .setStaffId("nurse-1")
                .setChannel(OutreachChannel.PHONE)
                .setOutcome(OutreachOutcome.REACHED)
                .setText(text)
                .setRequestedAt(requestedAt)
                .build();
    }
}
