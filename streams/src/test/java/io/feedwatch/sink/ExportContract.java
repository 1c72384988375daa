package io.feedwatch.sink;

import static io.feedwatch.schemas.AlertStatus.OPEN;
import static io.feedwatch.schemas.AlertStatus.RESOLVED;
import static io.feedwatch.schemas.AlertStatus.WITHDRAWN;
import static io.feedwatch.schemas.AlertType.LONG_GAP;
import static io.feedwatch.schemas.AlertType.UNDER_FREQUENCY;
import static org.assertj.core.api.Assertions.assertThat;

import io.feedwatch.app.TopicSetup;
import io.feedwatch.names.Topics;
import io.feedwatch.cli.Main;
import io.feedwatch.ingest.DeadLetters;
import io.feedwatch.ingest.Limits;
import io.feedwatch.ingest.Rejection;
import io.feedwatch.schemas.Case;
import io.feedwatch.schemas.CaseChange;
import io.feedwatch.schemas.CaseCloseReason;
import io.feedwatch.schemas.CaseNote;
import io.feedwatch.schemas.CaseStatus;
import io.feedwatch.schemas.DailyFeedingSummary;
import io.feedwatch.schemas.NotificationReason;
import io.feedwatch.schemas.OutreachChannel;
import io.feedwatch.schemas.OutreachOutcome;
import io.feedwatch.schemas.Participant;
import io.feedwatch.schemas.RejectedEvent;
import io.feedwatch.schemas.RejectionReason;
import io.feedwatch.schemas.StaffAction;
import io.feedwatch.schemas.StaffAlert;
import io.feedwatch.schemas.serde.AvroSingleObjectSerde;
import io.feedwatch.testing.SharedBroker;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What {@code feedwatch export --once} must do against any database: records of every kind land as documented rows,
 * the latest record of a key wins, a second run and a re-delivery change nothing, a later run picks up exactly what
 * is new, and a batch the database refuses leaves no row without its offset. Subclasses supply the database.
 *
 * <p>The broker is shared, so every run also exports what other tests wrote; assertions look at this test's own
 * participant ids (a random prefix), except where whole-table counts are the point.
 */
@ExtendWith(SharedBroker.class)
abstract class ExportContract {
    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private static final LocalDate DAY = LocalDate.parse("2026-03-02");
    private static final String ZONE = "America/Chicago";
    private static final Duration DETECTION_DELAY = Duration.ofSeconds(30);

    private final String prefix = "exp-" + HexFormat.of().toHexDigits(UUID.randomUUID().getMostSignificantBits());
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private String bootstrapServers;
    private TestDatabase db;
    private KafkaProducer<byte[], byte[]> producer;

    /** A fresh database for one test (aborting the test where it is not available). */
    abstract TestDatabase openDatabase();

    /** The command-line options that point the export at {@code db}. */
    abstract List<String> targetOptions(TestDatabase db);

    @BeforeEach
    void setUp(SharedBroker.Kafka kafka) {
        db = openDatabase();
        bootstrapServers = kafka.bootstrapServers();
        TopicSetup.ensureTopics(kafka.clientProperties(), 3, (short) 1, Duration.ofSeconds(60));
        Properties props = kafka.clientProperties();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void tearDown() throws SQLException {
        if (producer != null) {
            producer.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    void exportsEveryKindOfRecordAndASecondRunOrAReplayChangesNothing() throws Exception {
        String p1 = id("p1");
        String p2 = id("p2");
        String p3 = id("p3");
        String a1 = id("a1");
        String a2 = id("a2");
        StaffAlert a1Open = Records.alert(a1, p1, "c-1", UNDER_FREQUENCY, OPEN, T0, null, DETECTION_DELAY);
        StaffAlert a1Resolved = Records.alert(a1, p1, "c-1", UNDER_FREQUENCY, RESOLVED, T0, T0.plus(Duration.ofHours(5)), DETECTION_DELAY);
        StaffAlert a2Open = Records.alert(a2, p2, "c-2", LONG_GAP, OPEN, T0.plus(Duration.ofHours(1)), null, DETECTION_DELAY);
        StaffAlert a2Withdrawn = Records.alert(a2, p2, "c-2", LONG_GAP, WITHDRAWN, T0.plus(Duration.ofHours(1)), null, Duration.ofHours(3));
        List.of(a1Open, a2Open, a1Resolved, a2Withdrawn).forEach(this::send);
        send(Records.summary(p1, "c-1", DAY, ZONE, 6, 0, 200));
        send(Records.summary(p1, "c-1", DAY, ZONE, 7, 2, 180));
        send(Records.summary(p2, "c-2", DAY, ZONE, 1, 0, null));
        String nulText = "{\"eventId\":\"e\u0000\",\"participantId\":\"" + p1 + "\"}";
        send(Records.deadLetter(p1, id("e1"), RejectionReason.MISSING_FIELD, nulText, 41, T0));
        send(Records.deadLetter(p3, id("e2"), RejectionReason.UNKNOWN_PARTICIPANT, "{}", 42, T0.plusSeconds(1)));
        sendText(Topics.PARTICIPANTS, p1, Records.participantJson(p1, "c-1", DAY.minusDays(9), ZONE, T0));
        send(Records.participant(p2, "c-2", DAY.minusDays(20), ZONE, T0));
        sendText(Topics.PARTICIPANTS, p3, Records.participantJson(p3, "c-3", DAY.minusDays(3), ZONE, T0));
        sendText(Topics.PARTICIPANTS, p3, null);
        sendText(Topics.PARTICIPANTS, id("p4"), "{\"participantId\":\"" + id("p4") + "\",\"timeZone\":\"UTC\"}");
        String case1 = id("case1");
        String a9 = id("a9");
        Instant notedAt = T0.plus(Duration.ofHours(3));
        Case opened = Records.caseOpened(case1, p1, "c-1", a1, UNDER_FREQUENCY, T0.plus(Duration.ofMinutes(30))).build();
        Case joined = Records.caseChanged(opened, CaseChange.ALERT_JOINED, T0.plus(Duration.ofHours(2)))
                .setAlertIds(List.of(a1, a9)).setAlertTypes(List.of(UNDER_FREQUENCY, LONG_GAP)).setOpenAlertIds(List.of(a1, a9))
                .setNotification(NotificationReason.NEW_ALERT_TYPE).setNotifications(2).build();
        Case noted = Records.caseChanged(joined, CaseChange.NOTED, notedAt).setOpenAlertIds(List.of(a9))
                .setLastNote(CaseNote.newBuilder().setActionId(id("n1")).setAt(notedAt).setBy("nurse-1")
                        .setChannel(OutreachChannel.PHONE).setOutcome(OutreachOutcome.REACHED).setText("called").build()).build();
        Case closed = Records.caseChanged(noted, CaseChange.CLOSED, T0.plus(Duration.ofHours(20))).setStatus(CaseStatus.CLOSED)
                .setClosedAt(T0.plus(Duration.ofHours(20))).setCloseReason(CaseCloseReason.QUIET).setOpenAlertIds(List.of())
                .setQuietSince(T0.plus(Duration.ofHours(8))).build();
        List.of(opened, joined, noted, closed).forEach(this::send);
        send(Records.note(id("n1"), case1, p1, "called", notedAt));
        send(Records.note(id("n1"), case1, p1, "called again", notedAt.plusSeconds(60))); // a repeated actionId: ignored
        sendText(Topics.STAFF_ACTIONS, p1, "{\"actionId\":\"" + id("ack1") + "\",\"caseId\":\"" + case1 + "\",\"participantId\":\""
                + p1 + "\",\"type\":\"ACKNOWLEDGE\",\"staffId\":\"nurse-2\"}");
        sendText(Topics.STAFF_ACTIONS, p1, "{\"actionId\":\"" + id("bad") + "\",\"participantId\":\"" + p1 + "\",\"type\":\"NOTE\"}");

        assertThat(export()).as(err.toString()).isZero();

        try (Connection c = db.connect()) {
            Map<String, Object> resolved = Sql.one(c, "SELECT * FROM alerts WHERE alert_id = ?", a1);
            assertThat(resolved).containsEntry("status", "RESOLVED")
                    .containsEntry("participant_id", p1)
                    .containsEntry("clinic_id", "c-1")
                    .containsEntry("alert_type", "UNDER_FREQUENCY")
                    .containsEntry("risk_since", T0)
                    .containsEntry("resolved_at", T0.plus(Duration.ofHours(5)))
                    .containsEntry("resolution", "FREQUENCY_RECOVERED")
                    .containsEntry("observed_count", 5)
                    .containsEntry("expected_min", 8)
                    .containsEntry("gap_limit", null)
                    .containsEntry("window_end", T0.plus(Duration.ofHours(5)))
                    .containsEntry("detected_at", a1Resolved.getDetectedAt())
                    .containsEntry("first_opened_at", a1Open.getDetectedAt())
                    .containsEntry("message", a1Resolved.getMessage());
            Map<String, Object> withdrawn = Sql.one(c, "SELECT * FROM alerts WHERE alert_id = ?", a2);
            assertThat(withdrawn).containsEntry("status", "WITHDRAWN")
                    .containsEntry("gap_limit", "PT4H")
                    .containsEntry("first_opened_at", a2Open.getDetectedAt())
                    .containsEntry("detected_at", a2Withdrawn.getDetectedAt());
            assertThat(Sql.rows(c, "SELECT alert_id, status, record_timestamp FROM alert_events WHERE participant_id IN (?, ?) "
                    + "ORDER BY kafka_partition, kafka_offset", p1, p2).stream()
                    .map(r -> r.get("alert_id") + " " + r.get("status") + " " + r.get("record_timestamp")).toList())
                    .containsExactlyInAnyOrder(a1 + " OPEN " + T0, a1 + " RESOLVED " + T0, a2 + " OPEN " + T0, a2 + " WITHDRAWN " + T0);

            Map<String, Object> day = Sql.one(c, "SELECT * FROM daily_summaries WHERE participant_id = ?", p1);
            assertThat(day).containsEntry("summary_date", DAY)
                    .containsEntry("clinic_id", "c-1")
                    .containsEntry("time_zone", ZONE)
                    .containsEntry("removal_sessions", 9)
                    .containsEntry("breastfeed", 7)
                    .containsEntry("pump", 2)
                    .containsEntry("hand_expression", 0)
                    .containsEntry("bottle_breastmilk", 1)
                    .containsEntry("formula", 0)
                    .containsEntry("expressed_ml", 120.0)
                    .containsEntry("bottle_breastmilk_ml", 90.0)
                    .containsEntry("formula_ml", 0.0)
                    .containsEntry("longest_gap_minutes", 180);
            assertThat(Sql.one(c, "SELECT longest_gap_minutes FROM daily_summaries WHERE participant_id = ?", p2))
                    .containsEntry("longest_gap_minutes", null);

            Map<String, Object> dead = Sql.one(c, "SELECT * FROM rejected_events WHERE participant_id = ?", p1);
            assertThat(dead).containsEntry("kafka_topic", Topics.REJECTED_EVENTS)
                    .containsEntry("reason", "MISSING_FIELD")
                    .containsEntry("event_id", id("e1"))
                    .containsEntry("source_topic", Topics.FEEDING_EVENTS)
                    .containsEntry("source_partition", 1)
                    .containsEntry("source_offset", 41L)
                    .containsEntry("original_text", nulText.replace('\u0000', '\uFFFD'))
                    .containsEntry("rejected_at", T0);
            assertThat((byte[]) dead.get("original_value")).isEqualTo(nulText.getBytes(StandardCharsets.UTF_8));
            assertThat((byte[]) dead.get("original_key")).isEqualTo(p1.getBytes(StandardCharsets.UTF_8));
            assertThat(Sql.one(c, "SELECT reason FROM rejected_events WHERE participant_id = ?", p3))
                    .containsEntry("reason", "UNKNOWN_PARTICIPANT");

            assertThat(Sql.rows(c, "SELECT participant_id, clinic_id, infant_birth_date, enrolled FROM participants "
                    + "WHERE participant_id LIKE ? ORDER BY participant_id", prefix + "%"))
                    .containsExactly(
                            Map.of("participant_id", p1, "clinic_id", "c-1", "infant_birth_date", DAY.minusDays(9), "enrolled", true),
                            Map.of("participant_id", p2, "clinic_id", "c-2", "infant_birth_date", DAY.minusDays(20), "enrolled", true),
                            Map.of("participant_id", p3, "clinic_id", "c-3", "infant_birth_date", DAY.minusDays(3), "enrolled", false));
            assertThat(Sql.one(c, "SELECT * FROM cases WHERE case_id = ?", case1))
                    .containsEntry("participant_id", p1)
                    .containsEntry("clinic_id", "c-1")
                    .containsEntry("status", "CLOSED")
                    .containsEntry("opened_at", T0.plus(Duration.ofMinutes(30)))
                    .containsEntry("closed_at", T0.plus(Duration.ofHours(20)))
                    .containsEntry("close_reason", "QUIET")
                    .containsEntry("alert_ids", a1 + "," + a9)
                    .containsEntry("alert_types", "UNDER_FREQUENCY,LONG_GAP")
                    .containsEntry("open_alert_ids", "")
                    .containsEntry("change", "CLOSED")
                    .containsEntry("notification", null)
                    .containsEntry("notifications", 2)
                    .containsEntry("last_note_action_id", id("n1"))
                    .containsEntry("last_note_at", notedAt)
                    .containsEntry("last_note_channel", "PHONE")
                    .containsEntry("last_note_outcome", "REACHED")
                    .containsEntry("last_note_text", "called")
                    .containsEntry("quiet_since", T0.plus(Duration.ofHours(8)))
                    .containsEntry("version", 4);
            assertThat(Sql.rows(c, "SELECT change, notification, version, open_alert_ids, updated_at FROM case_events WHERE case_id = ? "
                    + "ORDER BY kafka_offset", case1).stream()
                    .map(r -> r.get("change") + " " + r.get("notification") + " v" + r.get("version") + " [" + r.get("open_alert_ids") + "] " + r.get("updated_at")).toList())
                    .containsExactly("OPENED CASE_OPENED v1 [" + a1 + "] " + T0.plus(Duration.ofMinutes(30)),
                            "ALERT_JOINED NEW_ALERT_TYPE v2 [" + a1 + "," + a9 + "] " + T0.plus(Duration.ofHours(2)),
                            "NOTED null v3 [" + a9 + "] " + notedAt,
                            "CLOSED null v4 [] " + T0.plus(Duration.ofHours(20)));
            assertThat(Sql.rows(c, "SELECT alert_id, join_order, is_open FROM case_alerts WHERE case_id = ? ORDER BY join_order", case1))
                    .containsExactly(Map.of("alert_id", a1, "join_order", 1, "is_open", false),
                            Map.of("alert_id", a9, "join_order", 2, "is_open", false));
            assertThat(Sql.rows(c, "SELECT * FROM staff_actions WHERE case_id = ? ORDER BY action_id", case1).stream()
                    .map(r -> r.get("action_id") + " " + r.get("action_type") + " " + r.get("staff_id") + " " + r.get("channel") + " "
                            + r.get("outcome") + " " + r.get("action_text") + " " + r.get("requested_at") + " " + r.get("record_timestamp")).toList())
                    .containsExactly(id("ack1") + " ACKNOWLEDGE nurse-2 null null null null " + T0,
                            id("n1") + " NOTE nurse-1 PHONE REACHED called " + notedAt + " " + T0);
            // partitions holding only transaction markers (other tests share the broker) may be stored too: contains, not equals
            assertThat(storedOffsets(c, "feedwatch-export")).containsAllEntriesOf(endOffsets());
        }
        Map<String, Long> counts = tableCounts();
        String firstRun = out.toString();
        assertThat(firstRun).containsPattern("export: \\d+ records? \\(\\d+ alert records?, \\d+ daily summar(y|ies), "
                + "\\d+ dead letters?, \\d+ enrollments?, \\d+ case records?, \\d+ staff actions?, [1-9]\\d* skipped\\) -> ");

        out.getBuffer().setLength(0);
        assertThat(export()).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("export: 0 records (0 alert records, 0 daily summaries, 0 dead letters, "
                + "0 enrollments, 0 case records, 0 staff actions, 0 skipped) -> ");
        assertThat(tableCounts()).isEqualTo(counts);

        // Another group reads everything again: a re-delivery of every record, which the upserts absorb.
        assertThat(export("--group", "replay")).as(err.toString()).isZero();
        Map<String, Long> afterReplay = tableCounts();
        assertThat(afterReplay).containsEntry("consumer_offsets", 2 * counts.get("consumer_offsets"));
        afterReplay.remove("consumer_offsets");
        counts.remove("consumer_offsets");
        assertThat(afterReplay).isEqualTo(counts);
        try (Connection c = db.connect()) {
            assertThat(Sql.one(c, "SELECT status, first_opened_at FROM alerts WHERE alert_id = ?", a1))
                    .containsEntry("status", "RESOLVED").containsEntry("first_opened_at", a1Open.getDetectedAt());
        }
    }

    @Test
    void aLaterRunAddsExactlyWhatIsNew() throws Exception {
        String p1 = id("p1");
        String a1 = id("a1");
        String a3 = id("a3");
        StaffAlert a1Open = Records.alert(a1, p1, "c-1", UNDER_FREQUENCY, OPEN, T0, null, DETECTION_DELAY);
        send(a1Open);
        send(Records.summary(p1, "c-1", DAY, ZONE, 4, 0, 300));
        send(Records.deadLetter(p1, id("e1"), RejectionReason.TOO_LATE, "{}", 7, T0));
        send(Records.participant(p1, "c-1", DAY.minusDays(9), ZONE, T0));
        String case1 = id("case1");
        Case opened = Records.caseOpened(case1, p1, "c-1", a1, UNDER_FREQUENCY, T0.plus(Duration.ofMinutes(30))).build();
        send(opened);
        send(Records.note(id("n1"), case1, p1, "first", T0.plus(Duration.ofHours(1))));
        assertThat(export()).as(err.toString()).isZero();
        try (Connection c = db.connect()) {
            assertThat(Sql.one(c, "SELECT status FROM alerts WHERE alert_id = ?", a1)).containsEntry("status", "OPEN");
            assertThat(Sql.one(c, "SELECT is_open FROM case_alerts WHERE case_id = ?", case1)).containsEntry("is_open", true);
        }

        send(Records.alert(a1, p1, "c-1", UNDER_FREQUENCY, RESOLVED, T0, T0.plus(Duration.ofHours(7)), DETECTION_DELAY));
        send(Records.alert(a3, p1, "c-1", LONG_GAP, OPEN, T0.plus(Duration.ofHours(9)), null, DETECTION_DELAY));
        send(Records.summary(p1, "c-1", DAY, ZONE, 9, 0, 120));
        send(Records.summary(p1, "c-1", DAY.plusDays(1), ZONE, 2, 0, 400));
        send(Records.deadLetter(p1, id("e2"), RejectionReason.TOO_LATE, "{}", 8, T0));
        sendText(Topics.PARTICIPANTS, p1, null);
        send(Records.caseChanged(opened, CaseChange.CLOSED, T0.plus(Duration.ofHours(19))).setStatus(CaseStatus.CLOSED)
                .setClosedAt(T0.plus(Duration.ofHours(19))).setCloseReason(CaseCloseReason.QUIET).setOpenAlertIds(List.of()).build());
        send(Records.note(id("n1"), case1, p1, "again", T0.plus(Duration.ofHours(2)))); // the same actionId in a later run
        String firstRun = out.toString();
        out.getBuffer().setLength(0);
        assertThat(export()).as(err.toString()).isZero();

        assertThat(out.toString()).as("after %s", firstRun).startsWith("export: 8 records (2 alert records, 2 daily summaries, 1 dead letter, "
                + "1 enrollment, 1 case record, 1 staff action, 0 skipped) -> ");
        try (Connection c = db.connect()) {
            assertThat(Sql.rows(c, "SELECT alert_id, status, first_opened_at FROM alerts WHERE participant_id = ? ORDER BY risk_since", p1))
                    .containsExactly(
                            Map.of("alert_id", a1, "status", "RESOLVED", "first_opened_at", a1Open.getDetectedAt()),
                            Map.of("alert_id", a3, "status", "OPEN", "first_opened_at", T0.plus(Duration.ofHours(9)).plus(DETECTION_DELAY)));
            assertThat(Sql.count(c, "SELECT COUNT(*) FROM alert_events WHERE participant_id = ?", p1)).isEqualTo(3);
            assertThat(Sql.rows(c, "SELECT summary_date, removal_sessions FROM daily_summaries WHERE participant_id = ? ORDER BY summary_date", p1))
                    .containsExactly(Map.of("summary_date", DAY, "removal_sessions", 9),
                            Map.of("summary_date", DAY.plusDays(1), "removal_sessions", 2));
            assertThat(Sql.count(c, "SELECT COUNT(*) FROM rejected_events WHERE participant_id = ?", p1)).isEqualTo(2);
            assertThat(Sql.one(c, "SELECT enrolled FROM participants WHERE participant_id = ?", p1)).containsEntry("enrolled", false);
            assertThat(Sql.one(c, "SELECT status, version FROM cases WHERE case_id = ?", case1))
                    .containsEntry("status", "CLOSED").containsEntry("version", 2);
            assertThat(Sql.count(c, "SELECT COUNT(*) FROM case_events WHERE case_id = ?", case1)).isEqualTo(2);
            assertThat(Sql.one(c, "SELECT is_open FROM case_alerts WHERE case_id = ?", case1)).containsEntry("is_open", false);
            assertThat(Sql.one(c, "SELECT action_text FROM staff_actions WHERE action_id = ?", id("n1"))).containsEntry("action_text", "first");
            // partitions holding only transaction markers (other tests share the broker) may be stored too: contains, not equals
            assertThat(storedOffsets(c, "feedwatch-export")).containsAllEntriesOf(endOffsets());
            assertEveryRowHasItsOffsetStored(c);
        }
    }

    @Test
    void aBatchTheDatabaseRefusesLeavesNoRowWithoutItsOffsetAndIsReadAgain() throws Exception {
        // The analyst's table refuses summaries without a longest gap: the batch holding one fails as a whole.
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            Schema.create(c, SqlDialect.forUrl(db.url()));
            try (Statement st = c.createStatement()) {
                st.execute("ALTER TABLE daily_summaries ALTER COLUMN longest_gap_minutes SET NOT NULL");
            }
            c.commit();
        }
        String p1 = id("p1");
        String p2 = id("p2");
        send(Records.alert(id("a1"), p1, "c-1", UNDER_FREQUENCY, OPEN, T0, null, DETECTION_DELAY));
        send(Records.summary(p1, "c-1", DAY, ZONE, 5, 0, 100));
        RecordMetadata poison = send(Records.summary(p2, "c-1", DAY, ZONE, 1, 0, null));
        send(Records.deadLetter(p1, id("e1"), RejectionReason.INVALID_VALUE, "{}", 3, T0));
        send(Records.participant(p1, "c-1", DAY.minusDays(9), ZONE, T0));

        assertThat(export()).isEqualTo(1);
        assertThat(err.toString()).startsWith("feedwatch: database ").contains("longest_gap_minutes");
        try (Connection c = db.connect()) {
            assertEveryRowHasItsOffsetStored(c);
            assertThat(Sql.count(c, "SELECT COUNT(*) FROM daily_summaries WHERE participant_id = ?", p2)).isZero();
            Long poisonPartitionNext = storedOffsets(c, "feedwatch-export")
                    .get(new TopicPartition(poison.topic(), poison.partition()));
            assertThat(poisonPartitionNext == null || poisonPartitionNext <= poison.offset())
                    .as("next offset %s of the partition holding the refused record at %s", poisonPartitionNext, poison.offset())
                    .isTrue();
            try (Statement st = c.createStatement()) {
                st.execute("ALTER TABLE daily_summaries ALTER COLUMN longest_gap_minutes DROP NOT NULL");
            }
        }

        err.getBuffer().setLength(0);
        assertThat(export()).as(err.toString()).isZero();
        try (Connection c = db.connect()) {
            assertEveryRowHasItsOffsetStored(c);
            // partitions holding only transaction markers (other tests share the broker) may be stored too: contains, not equals
            assertThat(storedOffsets(c, "feedwatch-export")).containsAllEntriesOf(endOffsets());
            assertThat(Sql.count(c, "SELECT COUNT(*) FROM alert_events WHERE participant_id = ?", p1)).isEqualTo(1);
            assertThat(Sql.count(c, "SELECT COUNT(*) FROM alerts WHERE participant_id = ?", p1)).isEqualTo(1);
            assertThat(Sql.rows(c, "SELECT participant_id, longest_gap_minutes FROM daily_summaries WHERE participant_id IN (?, ?) "
                    + "ORDER BY participant_id", p1, p2).stream().map(r -> r.get("participant_id") + "=" + r.get("longest_gap_minutes")).toList())
                    .containsExactly(p1 + "=100", p2 + "=null");
            assertThat(Sql.count(c, "SELECT COUNT(*) FROM rejected_events WHERE participant_id = ?", p1)).isEqualTo(1);
            assertThat(Sql.count(c, "SELECT COUNT(*) FROM participants WHERE participant_id = ?", p1)).isEqualTo(1);
        }
    }

    @Test
    void deadLettersKeepTheirCutLengthsAndHashAndAnOlderTableGetsTheNewColumns() throws Exception {
        // a database exported to before RejectedEvent v2: its rejected_events table lacks the v2 columns
        String p1 = id("p1");
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            Schema.create(c, SqlDialect.forUrl(db.url()));
            try (Statement st = c.createStatement()) {
                for (String column : List.of("original_key_length", "original_value_length", "original_value_sha256", "original_truncated")) {
                    st.execute("ALTER TABLE rejected_events DROP COLUMN " + column);
                }
                st.execute("INSERT INTO rejected_events (kafka_topic, kafka_partition, kafka_offset, reason, message, source_topic, "
                        + "participant_id, rejected_at) VALUES ('old-topic', 0, 0, 'MALFORMED', 'before v2', 'x', '" + p1 + "', TIMESTAMP '2026-03-01 00:00:00')");
            }
            c.commit();
        }
        String big = "{\"participantId\":\"" + p1 + "\",\"note\":\"" + "\u00e9".repeat(400_000) + "\"}";
        byte[] bigBytes = big.getBytes(StandardCharsets.UTF_8);
        send(DeadLetters.of(new Rejection(RejectionReason.INVALID_VALUE, "too large"), Topics.FEEDING_EVENTS, 2, 7L,
                p1.getBytes(StandardCharsets.UTF_8), bigBytes, p1, id("e1"), T0));

        assertThat(export()).as(err.toString()).isZero();

        try (Connection c = db.connect()) {
            assertThat(Sql.one(c, "SELECT original_truncated, original_value_length FROM rejected_events WHERE kafka_topic = 'old-topic'"))
                    .containsEntry("original_truncated", false)
                    .containsEntry("original_value_length", null);
            Map<String, Object> cut = Sql.one(c, "SELECT * FROM rejected_events WHERE event_id = ?", id("e1"));
            assertThat(cut).containsEntry("original_truncated", true)
                    .containsEntry("original_value_length", bigBytes.length)
                    .containsEntry("original_key_length", p1.length())
                    .containsEntry("original_value_sha256", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bigBytes)));
            assertThat((byte[]) cut.get("original_value")).hasSize(Limits.DEAD_LETTER_VALUE_BYTES)
                    .isEqualTo(Arrays.copyOf(bigBytes, Limits.DEAD_LETTER_VALUE_BYTES));
            // the text is the value's, read once from its bytes; a character cut in two is left out
            assertThat((String) cut.get("original_text")).isEqualTo(big.substring(0, (Limits.DEAD_LETTER_VALUE_BYTES - big.indexOf('\u00e9')) / 2 + big.indexOf('\u00e9')));
        }
    }

    /** No row of any table comes from a record at or after the stored next offset of its partition. */
    private static void assertEveryRowHasItsOffsetStored(Connection c) throws SQLException {
        Map<String, String> topicOf = Map.of(
                "alerts", "'" + Topics.STAFF_ALERTS + "'",
                "alert_events", "t.kafka_topic",
                "daily_summaries", "'" + Topics.DAILY_SUMMARIES + "'",
                "rejected_events", "t.kafka_topic",
                "participants", "'" + Topics.PARTICIPANTS + "'",
                "cases", "'" + Topics.CASES + "'",
                "case_events", "t.kafka_topic",
                "case_alerts", "'" + Topics.CASES + "'",
                "staff_actions", "'" + Topics.STAFF_ACTIONS + "'");
        for (Map.Entry<String, String> table : topicOf.entrySet()) {
            long orphans = Sql.count(c, "SELECT COUNT(*) FROM " + table.getKey() + " t LEFT JOIN consumer_offsets o "
                    + "ON o.consumer_group = 'feedwatch-export' AND o.kafka_topic = " + table.getValue()
                    + " AND o.kafka_partition = t.kafka_partition "
                    + "WHERE o.next_offset IS NULL OR t.kafka_offset >= o.next_offset");
            assertThat(orphans).as("rows of %s beyond the stored offsets", table.getKey()).isZero();
        }
    }

    private int export(String... extra) {
        List<String> args = new ArrayList<>(List.of("export", "--once", "--bootstrap-servers", bootstrapServers));
        args.addAll(targetOptions(db));
        args.addAll(List.of(extra));
        return Main.execute(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private Map<String, Long> tableCounts() throws SQLException {
        try (Connection c = db.connect()) {
            Map<String, Long> counts = new TreeMap<>();
            for (Schema.Table t : Schema.TABLES) {
                counts.put(t.name(), Sql.count(c, "SELECT COUNT(*) FROM " + t.name()));
            }
            return counts;
        }
    }

    private static Map<TopicPartition, Long> storedOffsets(Connection c, String group) throws SQLException {
        return Sql.rows(c, "SELECT kafka_topic, kafka_partition, next_offset FROM consumer_offsets WHERE consumer_group = ?", group)
                .stream().collect(Collectors.toMap(
                        r -> new TopicPartition((String) r.get("kafka_topic"), (Integer) r.get("kafka_partition")),
                        r -> (Long) r.get("next_offset")));
    }

    /** End offsets of every non-empty exported partition: where a caught-up export's stored offsets must be. */
    private Map<TopicPartition, Long> endOffsets() {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("isolation.level", "read_committed");
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : ExportService.TOPICS) {
                for (PartitionInfo p : c.partitionsFor(topic)) {
                    partitions.add(new TopicPartition(topic, p.partition()));
                }
            }
            Map<TopicPartition, Long> begin = c.beginningOffsets(partitions);
            return c.endOffsets(partitions).entrySet().stream()
                    .filter(e -> e.getValue() > begin.get(e.getKey()))
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        }
    }

    private String id(String name) {
        return prefix + "-" + name;
    }

    private RecordMetadata send(StaffAlert a) {
        return sendBytes(Topics.STAFF_ALERTS, a.getParticipantId(), new AvroSingleObjectSerde<>(StaffAlert.class).serializer().serialize(null, a));
    }

    private RecordMetadata send(DailyFeedingSummary s) {
        return sendBytes(Topics.DAILY_SUMMARIES, s.getParticipantId() + "/" + s.getDate(),
                new AvroSingleObjectSerde<>(DailyFeedingSummary.class).serializer().serialize(null, s));
    }

    private RecordMetadata send(RejectedEvent r) {
        return sendBytes(Topics.REJECTED_EVENTS, r.getParticipantId(), new AvroSingleObjectSerde<>(RejectedEvent.class).serializer().serialize(null, r));
    }

    private RecordMetadata send(Case c) {
        return sendBytes(Topics.CASES, c.getParticipantId(), new AvroSingleObjectSerde<>(Case.class).serializer().serialize(null, c));
    }

    private RecordMetadata send(StaffAction a) {
        return sendBytes(Topics.STAFF_ACTIONS, a.getParticipantId(), new AvroSingleObjectSerde<>(StaffAction.class).serializer().serialize(null, a));
    }

    private RecordMetadata send(Participant p) {
        return sendBytes(Topics.PARTICIPANTS, p.getParticipantId(), new AvroSingleObjectSerde<>(Participant.class).serializer().serialize(null, p));
    }

    private RecordMetadata sendText(String topic, String key, String text) {
        return sendBytes(topic, key, text == null ? null : text.getBytes(StandardCharsets.UTF_8));
    }

    /** Keyed by participant id like feedwatch's own records (summaries: participant/date), stamped T0. */
    private RecordMetadata sendBytes(String topic, String key, byte[] value) {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        try {
            return producer.send(new ProducerRecord<>(topic, null, T0.toEpochMilli(), k, value)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
