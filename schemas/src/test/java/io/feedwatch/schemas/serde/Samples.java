package io.feedwatch.schemas.serde;

import io.feedwatch.schemas.AlertStatus;
import io.feedwatch.schemas.AlertType;
import io.feedwatch.schemas.DailyFeedingSummary;
import io.feedwatch.schemas.EventSource;
import io.feedwatch.schemas.FeedingEvent;
import io.feedwatch.schemas.FeedingType;
import io.feedwatch.schemas.Participant;
import io.feedwatch.schemas.RejectedEvent;
import io.feedwatch.schemas.RejectionReason;
import io.feedwatch.schemas.Resolution;
import io.feedwatch.schemas.Side;
import io.feedwatch.schemas.StaffAlert;
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
            FeedingEvent.class, Participant.class, StaffAlert.class, DailyFeedingSummary.class, RejectedEvent.class);

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
                StaffAlert.newBuilder()
                        .setAlertId("alert-1").setParticipantId("p-1").setClinicId("clinic-3")
                        .setType(AlertType.UNDER_FREQUENCY).setStatus(AlertStatus.RESOLVED).setRiskSince(T0)
                        .setResolvedAt(T0.plus(Duration.ofHours(5))).setResolution(Resolution.FREQUENCY_RECOVERED)
                        .setObservedCount(4).setExpectedMin(8).setLastSessionAt(T0.minus(Duration.ofHours(3)))
                        .setGapLimit("PT4H").setInfantAgeDays(13)
                        .setWindowStart(T0.plus(Duration.ofHours(5)).minus(Duration.ofHours(24)))
                        .setWindowEnd(T0.plus(Duration.ofHours(5))).setDetectedAt(T0.plus(Duration.ofHours(5)))
                        .setMessage("8 sessions in the last 24 hours again.")
                        .build(),
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
                        .build());
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
                        .build());
    }
}
