package io.feedwatch.sink;

import io.feedwatch.ingest.DeadLetters;
import io.feedwatch.schemas.AlertStatus;
import io.feedwatch.schemas.Case;
import io.feedwatch.schemas.CaseNote;
import io.feedwatch.schemas.DailyFeedingSummary;
import io.feedwatch.schemas.FeedingType;
import io.feedwatch.schemas.Participant;
import io.feedwatch.schemas.RejectedEvent;
import io.feedwatch.schemas.StaffAction;
import io.feedwatch.schemas.StaffAlert;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;

/**
 * The rows of one poll, ready to be written in one transaction together with the offsets they advance. Records must be
 * added in offset order per partition (as a poll returns them); for latest-wins tables only the last row per key is
 * kept, which is also what an upsert would leave, so the database sees each key once per statement.
 */
final class ExportBatch {
    private final Map<String, Row> alerts = new LinkedHashMap<>();
    private final List<Row> alertEvents = new ArrayList<>();
    private final Map<List<Object>, Row> summaries = new LinkedHashMap<>();
    private final List<Row> rejected = new ArrayList<>();
    private final Map<String, Row> participants = new LinkedHashMap<>();
    private final Map<String, Row> cases = new LinkedHashMap<>();
    private final List<Row> caseEvents = new ArrayList<>();
    private final Map<List<String>, Row> caseAlerts = new LinkedHashMap<>();
    private final Map<String, Row> staffActions = new LinkedHashMap<>();
    /** Tombstones of participants that have no enrollment in this batch: participant id → where it was read. */
    private final Map<String, Origin> tombstones = new LinkedHashMap<>();
    private final Map<TopicPartition, Long> nextOffsets = new LinkedHashMap<>();

    /** Notes that the record at {@code origin} has been dealt with, whether it produced a row or was skipped. */
    void consumed(Origin origin) {
        nextOffsets.merge(new TopicPartition(origin.topic(), origin.partition()), origin.offset() + 1, Math::max);
    }

    /**
     * The consumer's position in a partition: past the records read, and past transaction markers (the streams app
     * writes exactly-once, so a partition's end offset is often a commit marker no record stands for).
     */
    void readUpTo(TopicPartition tp, long position) {
        nextOffsets.merge(tp, position, Math::max);
    }

    boolean isEmpty() {
        return nextOffsets.isEmpty();
    }

    void alert(StaffAlert a, Origin origin) {
        consumed(origin);
        Row event = alertFields(Row.of(Schema.ALERT_EVENTS), a)
                .set("kafka_topic", origin.topic())
                .set("kafka_partition", origin.partition())
                .set("kafka_offset", origin.offset())
                .set("record_timestamp", origin.timestamp());
        alertEvents.add(event);
        Row previous = alerts.get(a.getAlertId());
        Object firstOpened = previous != null && previous.get("first_opened_at") != null
                ? previous.get("first_opened_at")
                : a.getStatus() == AlertStatus.OPEN ? a.getDetectedAt() : null;
        alerts.put(a.getAlertId(), alertFields(Row.of(Schema.ALERTS), a)
                .set("first_opened_at", firstOpened)
                .set("kafka_partition", origin.partition())
                .set("kafka_offset", origin.offset()));
    }

    void summary(DailyFeedingSummary s, Origin origin) {
        consumed(origin);
        Map<String, Integer> counts = s.getEventCounts();
        summaries.put(List.of(s.getParticipantId(), s.getDate()), Row.of(Schema.DAILY_SUMMARIES)
                .set("participant_id", s.getParticipantId())
                .set("summary_date", s.getDate())
                .set("clinic_id", s.getClinicId())
                .set("time_zone", s.getTimeZone())
                .set("removal_sessions", s.getRemovalSessions())
                .set("breastfeed", count(counts, FeedingType.BREASTFEED))
                .set("pump", count(counts, FeedingType.PUMP))
                .set("hand_expression", count(counts, FeedingType.HAND_EXPRESSION))
                .set("bottle_breastmilk", count(counts, FeedingType.BOTTLE_BREASTMILK))
                .set("formula", count(counts, FeedingType.FORMULA))
                .set("expressed_ml", s.getExpressedMl())
                .set("bottle_breastmilk_ml", s.getBottleBreastmilkMl())
                .set("formula_ml", s.getFormulaMl())
                .set("longest_gap_minutes", s.getLongestGapMinutes())
                .set("kafka_partition", origin.partition())
                .set("kafka_offset", origin.offset()));
    }

    void rejected(RejectedEvent r, Origin origin) {
        consumed(origin);
        rejected.add(Row.of(Schema.REJECTED_EVENTS)
                .set("kafka_topic", origin.topic())
                .set("kafka_partition", origin.partition())
                .set("kafka_offset", origin.offset())
                .set("reason", r.getReason())
                .set("message", r.getMessage())
                .set("source_topic", r.getSourceTopic())
                .set("source_partition", r.getSourcePartition())
                .set("source_offset", r.getSourceOffset())
                .set("participant_id", r.getParticipantId())
                .set("event_id", r.getEventId())
                .set("original_text", DeadLetters.text(r))
                .set("original_key", bytes(r.getOriginalKey()))
                .set("original_value", bytes(r.getOriginalValue()))
                .set("rejected_at", r.getRejectedAt())
                .set("original_key_length", r.getOriginalKeyLength())
                .set("original_value_length", r.getOriginalValueLength())
                .set("original_value_sha256", r.getOriginalValueSha256())
                .set("original_truncated", r.getOriginalTruncated()));
    }

    void caseRecord(Case c, Origin origin) {
        consumed(origin);
        caseEvents.add(caseFields(Row.of(Schema.CASE_EVENTS), c)
                .set("kafka_topic", origin.topic())
                .set("kafka_partition", origin.partition())
                .set("kafka_offset", origin.offset())
                .set("record_timestamp", origin.timestamp()));
        cases.put(c.getCaseId(), caseFields(Row.of(Schema.CASES), c)
                .set("kafka_partition", origin.partition())
                .set("kafka_offset", origin.offset()));
        List<String> alertIds = c.getAlertIds();
        for (int i = 0; i < alertIds.size(); i++) {
            caseAlerts.put(List.of(c.getCaseId(), alertIds.get(i)), Row.of(Schema.CASE_ALERTS)
                    .set("case_id", c.getCaseId())
                    .set("alert_id", alertIds.get(i))
                    .set("join_order", i + 1)
                    .set("is_open", c.getOpenAlertIds().contains(alertIds.get(i)))
                    .set("kafka_partition", origin.partition())
                    .set("kafka_offset", origin.offset()));
        }
    }

    /** A well-formed staff action; a repeated actionId is ignored, as the work queue ignores it. */
    void staffAction(StaffAction a, Origin origin) {
        consumed(origin);
        staffActions.putIfAbsent(a.getActionId(), Row.of(Schema.STAFF_ACTIONS)
                .set("action_id", a.getActionId())
                .set("case_id", a.getCaseId())
                .set("participant_id", a.getParticipantId())
                .set("action_type", a.getType())
                .set("staff_id", a.getStaffId())
                .set("assignee", a.getAssignee())
                .set("channel", a.getChannel())
                .set("outcome", a.getOutcome())
                .set("action_text", a.getText())
                .set("snooze_until", a.getSnoozeUntil())
                .set("requested_at", a.getRequestedAt())
                .set("record_timestamp", origin.timestamp())
                .set("kafka_partition", origin.partition())
                .set("kafka_offset", origin.offset()));
    }

    /** A valid enrollment: the participant is (again) enrolled with these details. */
    void enrollment(Participant p, Origin origin) {
        consumed(origin);
        tombstones.remove(p.getParticipantId());
        participants.put(p.getParticipantId(), Row.of(Schema.PARTICIPANTS)
                .set("participant_id", p.getParticipantId())
                .set("clinic_id", p.getClinicId())
                .set("infant_birth_date", p.getInfantBirthDate())
                .set("time_zone", p.getTimeZone())
                .set("monitoring_start", p.getMonitoringStart())
                .set("monitoring_end", p.getMonitoringEnd())
                .set("enrolled", true)
                .set("kafka_partition", origin.partition())
                .set("kafka_offset", origin.offset()));
    }

    /** A tombstone: monitoring of the participant ended; the row stays, marked not enrolled. */
    void unenrollment(String participantId, Origin origin) {
        consumed(origin);
        Row enrolled = participants.get(participantId);
        if (enrolled != null) {
            enrolled.set("enrolled", false).set("kafka_partition", origin.partition()).set("kafka_offset", origin.offset());
        } else {
            tombstones.put(participantId, origin);
        }
    }

    /** The offsets this batch advances to, per partition. */
    Map<TopicPartition, Long> nextOffsets() {
        return Map.copyOf(nextOffsets);
    }

    /**
     * Writes every row and the offsets of {@code group}, then commits: all of it or (on an exception, after a
     * rollback) none of it. {@code db} must not be in auto-commit mode.
     */
    void writeTo(Connection db, String group, Instant now) throws SQLException {
        try {
            TableWriter.upsert(db, Schema.ALERTS, List.copyOf(alerts.values()));
            TableWriter.upsert(db, Schema.ALERT_EVENTS, alertEvents);
            TableWriter.upsert(db, Schema.DAILY_SUMMARIES, List.copyOf(summaries.values()));
            TableWriter.upsert(db, Schema.REJECTED_EVENTS, rejected);
            TableWriter.upsert(db, Schema.PARTICIPANTS, List.copyOf(participants.values()));
            markNotEnrolled(db);
            TableWriter.upsert(db, Schema.CASES, List.copyOf(cases.values()));
            TableWriter.upsert(db, Schema.CASE_EVENTS, caseEvents);
            TableWriter.upsert(db, Schema.CASE_ALERTS, List.copyOf(caseAlerts.values()));
            TableWriter.upsert(db, Schema.STAFF_ACTIONS, List.copyOf(staffActions.values()));
            List<Row> offsets = new ArrayList<>();
            nextOffsets.forEach((tp, next) -> offsets.add(Row.of(Schema.CONSUMER_OFFSETS)
                    .set("consumer_group", group)
                    .set("kafka_topic", tp.topic())
                    .set("kafka_partition", tp.partition())
                    .set("next_offset", next)
                    .set("updated_at", now)));
            TableWriter.upsert(db, Schema.CONSUMER_OFFSETS, offsets);
            db.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                db.rollback();
            } catch (SQLException rollbackFailed) {
                e.addSuppressed(rollbackFailed);
            }
            throw e;
        }
    }

    private void markNotEnrolled(Connection db) throws SQLException {
        if (tombstones.isEmpty()) {
            return;
        }
        // A tombstone for a participant the database never saw has nothing to mark: the UPDATE touches no row.
        try (PreparedStatement ps = db.prepareStatement(
                "UPDATE participants SET enrolled = FALSE, kafka_partition = ?, kafka_offset = ? WHERE participant_id = ?")) {
            for (Map.Entry<String, Origin> t : tombstones.entrySet()) {
                ps.setInt(1, t.getValue().partition());
                ps.setLong(2, t.getValue().offset());
                ps.setString(3, t.getKey());
                ps.executeUpdate();
            }
        }
    }

    private static Row alertFields(Row row, StaffAlert a) {
        return row.set("alert_id", a.getAlertId())
                .set("participant_id", a.getParticipantId())
                .set("clinic_id", a.getClinicId())
                .set("alert_type", a.getType())
                .set("status", a.getStatus())
                .set("risk_since", a.getRiskSince())
                .set("resolved_at", a.getResolvedAt())
                .set("resolution", a.getResolution())
                .set("observed_count", a.getObservedCount())
                .set("expected_min", a.getExpectedMin())
                .set("last_session_at", a.getLastSessionAt())
                .set("gap_limit", a.getGapLimit())
                .set("infant_age_days", a.getInfantAgeDays())
                .set("window_start", a.getWindowStart())
                .set("window_end", a.getWindowEnd())
                .set("detected_at", a.getDetectedAt())
                .set("message", a.getMessage());
    }

    private static Row caseFields(Row row, Case c) {
        CaseNote note = c.getLastNote();
        return row.set("case_id", c.getCaseId())
                .set("participant_id", c.getParticipantId())
                .set("clinic_id", c.getClinicId())
                .set("status", c.getStatus())
                .set("opened_at", c.getOpenedAt())
                .set("closed_at", c.getClosedAt())
                .set("close_reason", c.getCloseReason())
                .set("close_note", c.getCloseNote())
                .set("alert_ids", String.join(",", c.getAlertIds()))
                .set("alert_types", c.getAlertTypes().stream().map(Enum::name).collect(Collectors.joining(",")))
                .set("open_alert_ids", String.join(",", c.getOpenAlertIds()))
                .set("change", c.getChange())
                .set("notification", c.getNotification())
                .set("notifications", c.getNotifications())
                .set("last_notified_at", c.getLastNotifiedAt())
                .set("acknowledged_at", c.getAcknowledgedAt())
                .set("acknowledged_by", c.getAcknowledgedBy())
                .set("assignee", c.getAssignee())
                .set("snoozed_until", c.getSnoozedUntil())
                .set("last_note_action_id", note == null ? null : note.getActionId())
                .set("last_note_at", note == null ? null : note.getAt())
                .set("last_note_by", note == null ? null : note.getBy())
                .set("last_note_channel", note == null ? null : note.getChannel())
                .set("last_note_outcome", note == null ? null : note.getOutcome())
                .set("last_note_text", note == null ? null : note.getText())
                .set("quiet_since", c.getQuietSince())
                .set("version", c.getVersion())
                .set("updated_at", c.getUpdatedAt());
    }

    private static int count(Map<String, Integer> counts, FeedingType type) {
        Integer n = counts.get(type.name());
        return n == null ? 0 : n;
    }

    private static byte[] bytes(ByteBuffer b) {
        if (b == null) {
            return null;
        }
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }
}
