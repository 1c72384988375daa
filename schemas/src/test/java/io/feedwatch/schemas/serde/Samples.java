package io.feedwatch.schemas.serde;

import io.feedwatch.schemas.AlertStatus;
import io.feedwatch.schemas.AlertType;
import io.feedwatch.schemas.Case;
import io.feedwatch.schemas.CaseChange;
import io.feedwatch.schemas.CaseCloseReason;
import io.feedwatch.schemas.CaseNote;
import io.feedwatch.schemas.CaseStatus;
import io.feedwatch.schemas.DailyFeedingSummary;
import io.feedwatch.schemas.EventSource;
import io.feedwatch.schemas.FeedingEvent;
import io.feedwatch.schemas.FeedingType;
import io.feedwatch.schemas.NotificationReason;
import io.feedwatch.schemas.OutreachChannel;
import io.feedwatch.schemas.OutreachOutcome;
import io.feedwatch.schemas.Participant;
import io.feedwatch.schemas.RejectedEvent;
import io.feedwatch.schemas.RejectionReason;
import io.feedwatch.schemas.Resolution;
import io.feedwatch.schemas.Side;
import io.feedwatch.schemas.StaffAction;
import io.feedwatch.schemas.StaffActionType;
import io.feedwatch.schemas.StaffAlert;
import io.feedwatch.schemas.state.CarriedEpisode;
import io.feedwatch.schemas.state.CaseAlert;
import io.feedwatch.schemas.state.CaseState;
import io.feedwatch.schemas.state.DayTotals;
import io.feedwatch.schemas.state.Enrollment;
import io.feedwatch.schemas.state.EventIdBucket;
import io.feedwatch.schemas.state.EventIdHash;
import io.feedwatch.schemas.state.HistoryEntry;
import io.feedwatch.schemas.state.ParticipantState;
import io.feedwatch.schemas.state.ReportedSessions;
import io.feedwatch.schemas.state.SentAlert;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/** Records of every feedwatch type at fixed instants: once with every field set, once with optional fields left out. */
final class Samples {
    /** Millisecond precision, as timestamp-millis keeps it. */
    static final Instant T0 = Instant.parse("2026-03-14T09:26:53.589Z");

    /** The feedwatch value records: every one needs a schema history and samples here. */
    static final List<Class<? extends SpecificRecord>> RECORD_TYPES = List.of(
            FeedingEvent.class, Participant.class, StaffAlert.class, DailyFeedingSummary.class, RejectedEvent.class,
            ParticipantState.class, Case.class, StaffAction.class, CaseState.class, HistoryEntry.class);

    private Samples() {
    }

    static List<SpecificRecord> full() {
        return List.of(
                FeedingEvent.newBuilder()
                        .setEventId("evt-1").setParticipantId("p-1").setType(FeedingType.PUMP).setStartTime(T0)
                        .setDurationMinutes(25).setSide(Side.BOTH).setVolumeMl(82.5).setSource(EventSource.DEVICE)
                        .setSourceId("pump-7").setRecordedAt(T0.plus(Duration.ofMinutes(26)))
                        .build(),
                Participant.newBuilder()
                        .setParticipantId("p-1").setClinicId("clinic-3").setInfantBirthDate(LocalDate.of(2026, 3, 1))
                        .setTimeZone("America/Chicago").setMonitoringStart(T0)
                        .setMonitoringEnd(T0.plus(Duration.ofDays(90)))
                        .build(),
                fullAlert(),
                DailyFeedingSummary.newBuilder()
                        .setParticipantId("p-1").setClinicId("clinic-3").setDate(LocalDate.of(2026, 3, 8))
                        .setTimeZone("America/Chicago").setRemovalSessions(7)
                        .setEventCounts(Map.of("PUMP", 3, "BREASTFEED", 4, "FORMULA", 1)).setExpressedMl(240.0)
                        .setBottleBreastmilkMl(120.0).setFormulaMl(60.0).setLongestGapMinutes(255)
                        .build(),
                RejectedEvent.newBuilder()
                        .setReason(RejectionReason.FUTURE_TIMESTAMP).setMessage("startTime is 3 hours after recordedAt")
                        .setSourceTopic("feeding-events").setSourcePartition(2).setSourceOffset(41_000_000_123L)
                        .setOriginalKey(ByteBuffer.wrap("p-1".getBytes(StandardCharsets.UTF_8)))
                        .setOriginalValue(ByteBuffer.wrap(new byte[] {(byte) 0xC3, 0x01, 0, (byte) 0xFF}))
                        .setOriginalText("{\"eventId\":\"evt-9\"}").setParticipantId("p-1").setEventId("evt-9")
                        .setRejectedAt(T0)
                        .setOriginalKeyLength(3).setOriginalValueLength(700_000)
                        .setOriginalValueSha256("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
                        .setOriginalTruncated(true)
                        .build(),
                fullState(),
                fullCase(),
                fullAction(),
                CaseState.newBuilder().setClinicId("clinic-3").setOpen(fullCase()).setOpenActions(List.of("a-1"))
                        .setClosed(Case.newBuilder(fullCase()).setCaseId("case-0").setStatus(CaseStatus.CLOSED).build())
                        .setClosedActions(List.of("a-0"))
                        .setPendingNotification(NotificationReason.NEW_ALERT_TYPE).setQuietNotBefore(T0)
                        .setAlerts(List.of(new CaseAlert("alert-1", AlertType.LONG_GAP, T0, AlertStatus.RESOLVED, T0.plus(Duration.ofHours(2)),
                                true, "case-1")))
                        .setDue(T0.plus(Duration.ofHours(12)))
                        .build(),
                HistoryEntry.newBuilder().setAt(T0).setAlert(fullAlert()).setCaseRecord(fullCase()).setAction(fullAction()).build());
    }

    /** A participant's state with every part in use: what a golden-bytes test pins. */
    static ParticipantState fullState() {
        return ParticipantState.newBuilder()
                .setEnrollment(new Enrollment("clinic-3", LocalDate.of(2026, 3, 1), "America/Chicago", T0, T0.plus(Duration.ofDays(182))))
                .setLatestStart(T0.plus(Duration.ofHours(60)))
                .setFrozenPoint(T0.plus(Duration.ofHours(12)))
                .setFrozenSessions(List.of(T0.minus(Duration.ofHours(20)), T0.plus(Duration.ofHours(11))))
                .setOpenStarts(List.of(T0.plus(Duration.ofHours(14)), T0.plus(Duration.ofMinutes(14 * 60 + 20)), T0.plus(Duration.ofHours(60))))
                .setCarried(List.of(new CarriedEpisode(AlertType.UNDER_FREQUENCY, T0.plus(Duration.ofHours(9)))))
                .setSent(List.of(
                        new SentAlert(AlertType.UNDER_FREQUENCY, T0.plus(Duration.ofHours(9)), null, 5, null, T0.minus(Duration.ofHours(15))),
                        new SentAlert(AlertType.LONG_GAP, T0.plus(Duration.ofHours(15)), T0.plus(Duration.ofHours(19)), null,
                                T0.plus(Duration.ofHours(14)), T0.plus(Duration.ofHours(14)))))
                .setDays(List.of(
                        DayTotals.newBuilder().setDate(LocalDate.of(2026, 3, 14)).setBreastfeed(6).setPump(2).setExpressedMl(150.5)
                                .setReported(new ReportedSessions(7, 185)).build(),
                        DayTotals.newBuilder().setDate(LocalDate.of(2026, 3, 15)).setFormula(1).setFormulaMl(60.0)
                                .setBottleBreastmilk(1).setBottleBreastmilkMl(90.0).setHandExpression(1).build()))
                .setDue(T0.plus(Duration.ofHours(64)))
                .setEventIds(List.of(
                        new EventIdBucket(T0.plus(Duration.ofHours(13)), List.of(new EventIdHash(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}))),
                        new EventIdBucket(T0.plus(Duration.ofHours(61)), List.of(new EventIdHash(new byte[] {-1, 0, 0, 0, 0, 0, 0, 1}),
                                new EventIdHash(new byte[] {42, 42, 42, 42, 42, 42, 42, 42})))))
                .build();
    }

    static StaffAlert fullAlert() {
        return StaffAlert.newBuilder()
                        .setAlertId("alert-1").setParticipantId("p-1").setClinicId("clinic-3")
                        .setType(AlertType.UNDER_FREQUENCY).setStatus(AlertStatus.RESOLVED).setRiskSince(T0)
                        .setResolvedAt(T0.plus(Duration.ofHours(5))).setResolution(Resolution.FREQUENCY_RECOVERED)
                        .setObservedCount(4).setExpectedMin(8).setLastSessionAt(T0.minus(Duration.ofHours(3)))
                        .setGapLimit("PT4H").setInfantAgeDays(13)
                        .setWindowStart(T0.plus(Duration.ofHours(5)).minus(Duration.ofHours(24)))
                        .setWindowEnd(T0.plus(Duration.ofHours(5))).setDetectedAt(T0.plus(Duration.ofHours(5)))
                        .setMessage("8 sessions in the last 24 hours again.")
                        .build();
    }

    static Case fullCase() {
        return Case.newBuilder()
                .setCaseId("case-1").setParticipantId("p-1").setClinicId("clinic-3").setStatus(CaseStatus.CLOSED)
                .setOpenedAt(T0).setClosedAt(T0.plus(Duration.ofHours(30))).setCloseReason(CaseCloseReason.STAFF_CLOSED)
                .setCloseNote("Spoke with her; latch help booked.")
                .setAlertIds(List.of("alert-1", "alert-2")).setAlertTypes(List.of(AlertType.LONG_GAP, AlertType.UNDER_FREQUENCY))
                .setOpenAlertIds(List.of("alert-2")).setChange(CaseChange.CLOSED).setNotification(NotificationReason.UNACKNOWLEDGED)
                .setNotifications(2).setLastNotifiedAt(T0.plus(Duration.ofHours(24)))
                .setAcknowledgedAt(T0.plus(Duration.ofHours(25))).setAcknowledgedBy("s-1").setAssignee("s-2")
                .setSnoozedUntil(T0.plus(Duration.ofHours(26)))
                .setLastNote(new CaseNote("a-3", T0.plus(Duration.ofHours(27)), "s-2", OutreachChannel.PHONE, OutreachOutcome.REACHED, "All well."))
                .setQuietSince(T0.plus(Duration.ofHours(28))).setVersion(9).setUpdatedAt(T0.plus(Duration.ofHours(30)))
                .build();
    }

    static StaffAction fullAction() {
        return StaffAction.newBuilder()
                .setActionId("a-3").setCaseId("case-1").setParticipantId("p-1").setType(StaffActionType.NOTE).setStaffId("s-2")
                .setAssignee("s-2").setChannel(OutreachChannel.PHONE).setOutcome(OutreachOutcome.REACHED).setText("All well.")
                .setSnoozeUntil(T0.plus(Duration.ofHours(26))).setRequestedAt(T0.plus(Duration.ofHours(27)))
                .build();
    }

    static List<SpecificRecord> minimal() {
        return List.of(
                FeedingEvent.newBuilder()
                        .setEventId("evt-2").setParticipantId("p-2").setType(FeedingType.BREASTFEED).setStartTime(T0)
                        .build(),
                Participant.newBuilder()
                        .setParticipantId("p-2").setClinicId("clinic-3").setInfantBirthDate(LocalDate.of(2026, 2, 1))
                        .setTimeZone("Pacific/Honolulu").setMonitoringStart(T0)
                        .build(),
                StaffAlert.newBuilder()
                        .setAlertId("alert-2").setParticipantId("p-2").setClinicId("clinic-3")
                        .setType(AlertType.LONG_GAP).setStatus(AlertStatus.OPEN).setRiskSince(T0)
                        .setWindowStart(T0.minus(Duration.ofHours(4))).setWindowEnd(T0).setDetectedAt(T0)
                        .build(),
                DailyFeedingSummary.newBuilder()
                        .setParticipantId("p-2").setClinicId("clinic-3").setDate(LocalDate.of(2026, 3, 8))
                        .setTimeZone("America/New_York")
                        .build(),
                RejectedEvent.newBuilder()
                        .setReason(RejectionReason.MALFORMED).setMessage("not JSON").setSourceTopic("feeding-events")
                        .setRejectedAt(T0)
                        .build(),
                ParticipantState.newBuilder()
                        .setEnrollment(new Enrollment("clinic-3", LocalDate.of(2026, 2, 1), "Pacific/Honolulu", T0, null))
                        .build(),
                Case.newBuilder().setCaseId("case-2").setParticipantId("p-2").setClinicId("clinic-3").setStatus(CaseStatus.OPEN)
                        .setOpenedAt(T0).setChange(CaseChange.OPENED).setUpdatedAt(T0).build(),
                StaffAction.newBuilder().setActionId("a-2").setCaseId("case-2").setParticipantId("p-2").setType(StaffActionType.ACKNOWLEDGE)
                        .setStaffId("s-1").build(),
                CaseState.newBuilder().build(),
                HistoryEntry.newBuilder().setAt(T0).build());
    }
}
