package io.feedwatch.sink;

import static io.feedwatch.sink.ColumnType.BIGINT;
import static io.feedwatch.sink.ColumnType.BINARY;
import static io.feedwatch.sink.ColumnType.BOOLEAN;
import static io.feedwatch.sink.ColumnType.DATE;
import static io.feedwatch.sink.ColumnType.DOUBLE;
import static io.feedwatch.sink.ColumnType.INTEGER;
import static io.feedwatch.sink.ColumnType.TEXT;
import static io.feedwatch.sink.ColumnType.TIMESTAMP;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The analyst database written by {@code feedwatch export} (documented in the README, section "Analyst database").
 * Names are snake_case versions of the Avro fields; enums are stored as their names, instants as
 * {@code TIMESTAMP WITH TIME ZONE}, local dates as {@code DATE}. Every table but {@code consumer_offsets} records the
 * Kafka partition and offset of the record it came from. Created with {@code CREATE TABLE IF NOT EXISTS}, so starting
 * the export again, or against a database an analyst already queries, changes nothing; columns added since are added
 * to an older table ({@code ADD COLUMN IF NOT EXISTS}).
 */
public final class Schema {
    /** One column; {@code nullable} mirrors the Avro field. */
    public record Column(String name, ColumnType type, boolean nullable) {
    }

    /**
     * One table: its columns in order, the primary key that upserts conflict on, and SQL for columns whose update on
     * conflict is not simply "take the new value" ({@code excluded.col}).
     */
    public static final class Table {
        private final String name;
        private final List<Column> columns;
        private final List<String> key;
        private final Map<String, String> onConflict;
        private final Map<String, Integer> index = new HashMap<>();

        Table(String name, List<Column> columns, List<String> key, Map<String, String> onConflict) {
            this.name = name;
            this.columns = List.copyOf(columns);
            this.key = List.copyOf(key);
            this.onConflict = Map.copyOf(onConflict);
            for (int i = 0; i < columns.size(); i++) {
                index.put(columns.get(i).name(), i);
            }
            if (!index.keySet().containsAll(key) || !index.keySet().containsAll(onConflict.keySet())) {
                throw new IllegalArgumentException("table " + name + ": key or update names a column it lacks");
            }
        }

        public String name() {
            return name;
        }

        public List<Column> columns() {
            return columns;
        }

        public List<String> key() {
            return key;
        }

        public List<String> columnNames() {
            return columns.stream().map(Column::name).toList();
        }

        int indexOf(String column) {
            Integer i = index.get(column);
            if (i == null) {
                throw new IllegalArgumentException("table " + name + " has no column " + column);
            }
            return i;
        }

        String createSql(SqlDialect dialect) {
            String cols = columns.stream()
                    .map(c -> c.name() + " " + dialect.typeName(c.type()) + (c.nullable() ? "" : " NOT NULL"))
                    .collect(Collectors.joining(",\n    "));
            return "CREATE TABLE IF NOT EXISTS " + name + " (\n    " + cols + ",\n    PRIMARY KEY (" + String.join(", ", key) + ")\n)";
        }

        /** {@code INSERT ... VALUES (...), ... ON CONFLICT (key) DO UPDATE}: one statement for {@code rows} rows. */
        String upsertSql(int rows) {
            String placeholders = "(" + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
            String values = String.join(", ", Collections.nCopies(rows, placeholders));
            String updates = columns.stream()
                    .map(Column::name)
                    .filter(c -> !key.contains(c))
                    .map(c -> c + " = " + onConflict.getOrDefault(c, "excluded." + c))
                    .collect(Collectors.joining(", "));
            return "INSERT INTO " + name + " (" + String.join(", ", columnNames()) + ") VALUES " + values
                    + " ON CONFLICT (" + String.join(", ", key) + ") DO UPDATE SET " + updates;
        }
    }

    /** Every field of a StaffAlert, in Avro order. */
    private static final List<Column> ALERT_FIELDS = List.of(
            new Column("alert_id", TEXT, false),
            new Column("participant_id", TEXT, false),
            new Column("clinic_id", TEXT, false),
            new Column("alert_type", TEXT, false),
            new Column("status", TEXT, false),
            new Column("risk_since", TIMESTAMP, false),
            new Column("resolved_at", TIMESTAMP, true),
            new Column("resolution", TEXT, true),
            new Column("observed_count", INTEGER, true),
            new Column("expected_min", INTEGER, true),
            new Column("last_session_at", TIMESTAMP, true),
            new Column("gap_limit", TEXT, true),
            new Column("infant_age_days", INTEGER, true),
            new Column("window_start", TIMESTAMP, false),
            new Column("window_end", TIMESTAMP, false),
            new Column("detected_at", TIMESTAMP, false),
            new Column("message", TEXT, false));

    /** Where a record was read: the key of the tables that keep every record. */
    private static final List<Column> RECORD_ORIGIN = List.of(
            new Column("kafka_topic", TEXT, false),
            new Column("kafka_partition", INTEGER, false),
            new Column("kafka_offset", BIGINT, false));

    /** Where the latest record of a latest-wins row was read. */
    private static final List<Column> LATEST_ORIGIN = List.of(
            new Column("kafka_partition", INTEGER, false),
            new Column("kafka_offset", BIGINT, false));

    /**
     * {@code alerts}: one row per alertId, the latest record wins (so status is OPEN, RESOLVED or WITHDRAWN now), plus
     * {@code first_opened_at}, the detectedAt of the first OPEN record: when staff were first told.
     */
    public static final Table ALERTS = new Table("alerts",
            concat(List.of(ALERT_FIELDS, List.of(new Column("first_opened_at", TIMESTAMP, true)), LATEST_ORIGIN)),
            List.of("alert_id"),
            Map.of("first_opened_at", "COALESCE(alerts.first_opened_at, excluded.first_opened_at)"));

    /** {@code alert_events}: every alert record as it was sent, keyed by where it was read. */
    public static final Table ALERT_EVENTS = new Table("alert_events",
            concat(List.of(RECORD_ORIGIN, List.of(new Column("record_timestamp", TIMESTAMP, false)), ALERT_FIELDS)),
            List.of("kafka_topic", "kafka_partition", "kafka_offset"),
            Map.of());

    /** {@code daily_summaries}: one row per participant and local date, the latest record wins. */
    public static final Table DAILY_SUMMARIES = new Table("daily_summaries",
            concat(List.of(List.of(
                    new Column("participant_id", TEXT, false),
                    new Column("summary_date", DATE, false),
                    new Column("clinic_id", TEXT, false),
                    new Column("time_zone", TEXT, false),
                    new Column("removal_sessions", INTEGER, false),
                    new Column("breastfeed", INTEGER, false),
                    new Column("pump", INTEGER, false),
                    new Column("hand_expression", INTEGER, false),
                    new Column("bottle_breastmilk", INTEGER, false),
                    new Column("formula", INTEGER, false),
                    new Column("expressed_ml", DOUBLE, false),
                    new Column("bottle_breastmilk_ml", DOUBLE, false),
                    new Column("formula_ml", DOUBLE, false),
                    new Column("longest_gap_minutes", INTEGER, true)), LATEST_ORIGIN)),
            List.of("participant_id", "summary_date"),
            Map.of());

    /** {@code rejected_events}: every dead letter, keyed by where the dead letter itself was read. */
    public static final Table REJECTED_EVENTS = new Table("rejected_events",
            concat(List.of(RECORD_ORIGIN, List.of(
                    new Column("reason", TEXT, false),
                    new Column("message", TEXT, false),
                    new Column("source_topic", TEXT, false),
                    new Column("source_partition", INTEGER, true),
                    new Column("source_offset", BIGINT, true),
                    new Column("participant_id", TEXT, true),
                    new Column("event_id", TEXT, true),
                    new Column("original_text", TEXT, true),
                    new Column("original_key", BINARY, true),
                    new Column("original_value", BINARY, true),
                    new Column("rejected_at", TIMESTAMP, false),
                    // RejectedEvent v2; nullable so that they can be added to a table created before
                    new Column("original_key_length", INTEGER, true),
                    new Column("original_value_length", INTEGER, true),
                    new Column("original_value_sha256", TEXT, true),
                    new Column("original_truncated", BOOLEAN, true)))),
            List.of("kafka_topic", "kafka_partition", "kafka_offset"),
            Map.of());

    /**
     * {@code participants}: one row per participant, the latest valid enrollment wins; a tombstone keeps the row (its
     * daily summaries and alerts still need a clinic and birth date) and sets {@code enrolled} to false.
     */
    public static final Table PARTICIPANTS = new Table("participants",
            concat(List.of(List.of(
                    new Column("participant_id", TEXT, false),
                    new Column("clinic_id", TEXT, false),
                    new Column("infant_birth_date", DATE, false),
                    new Column("time_zone", TEXT, false),
                    new Column("monitoring_start", TIMESTAMP, false),
                    new Column("monitoring_end", TIMESTAMP, true),
                    new Column("enrolled", BOOLEAN, false)), LATEST_ORIGIN)),
            List.of("participant_id"),
            Map.of());

    /**
     * Every field of a Case, in Avro order. The three id lists are comma-separated text in the case's order (ids and
     * enum names hold no comma), so that each record keeps them as sent; {@code case_alerts} has them as rows to join
     * on. The latest note is flattened into {@code last_note_*}.
     */
    private static final List<Column> CASE_FIELDS = List.of(
            new Column("case_id", TEXT, false),
            new Column("participant_id", TEXT, false),
            new Column("clinic_id", TEXT, false),
            new Column("status", TEXT, false),
            new Column("opened_at", TIMESTAMP, false),
            new Column("closed_at", TIMESTAMP, true),
            new Column("close_reason", TEXT, true),
            new Column("close_note", TEXT, true),
            new Column("alert_ids", TEXT, false),
            new Column("alert_types", TEXT, false),
            new Column("open_alert_ids", TEXT, false),
            new Column("change", TEXT, false),
            new Column("notification", TEXT, true),
            new Column("notifications", INTEGER, false),
            new Column("last_notified_at", TIMESTAMP, true),
            new Column("acknowledged_at", TIMESTAMP, true),
            new Column("acknowledged_by", TEXT, true),
            new Column("assignee", TEXT, true),
            new Column("snoozed_until", TIMESTAMP, true),
            new Column("last_note_action_id", TEXT, true),
            new Column("last_note_at", TIMESTAMP, true),
            new Column("last_note_by", TEXT, true),
            new Column("last_note_channel", TEXT, true),
            new Column("last_note_outcome", TEXT, true),
            new Column("last_note_text", TEXT, true),
            new Column("quiet_since", TIMESTAMP, true),
            new Column("version", INTEGER, false),
            new Column("updated_at", TIMESTAMP, false));

    /** {@code cases}: one row per caseId, the latest record wins (so status and notifications are the current ones). */
    public static final Table CASES = new Table("cases",
            concat(List.of(CASE_FIELDS, LATEST_ORIGIN)),
            List.of("case_id"),
            Map.of());

    /** {@code case_events}: every case record as it was sent (each change of a case), keyed by where it was read. */
    public static final Table CASE_EVENTS = new Table("case_events",
            concat(List.of(RECORD_ORIGIN, List.of(new Column("record_timestamp", TIMESTAMP, false)), CASE_FIELDS)),
            List.of("kafka_topic", "kafka_partition", "kafka_offset"),
            Map.of());

    /**
     * {@code case_alerts}: one row per case and alert that joined it, from the case's latest record: which case an alert
     * is in, without splitting {@code cases.alert_ids}.
     */
    public static final Table CASE_ALERTS = new Table("case_alerts",
            concat(List.of(List.of(
                    new Column("case_id", TEXT, false),
                    new Column("alert_id", TEXT, false),
                    new Column("join_order", INTEGER, false),
                    new Column("is_open", BOOLEAN, false)), LATEST_ORIGIN)),
            List.of("case_id", "alert_id"),
            Map.of());

    /** Every field of a StaffAction but {@code type} and {@code text}, named as their SQL meaning would clash. */
    private static final List<Column> STAFF_ACTION_FIELDS = List.of(
            new Column("action_id", TEXT, false),
            new Column("case_id", TEXT, false),
            new Column("participant_id", TEXT, false),
            new Column("action_type", TEXT, false),
            new Column("staff_id", TEXT, false),
            new Column("assignee", TEXT, true),
            new Column("channel", TEXT, true),
            new Column("outcome", TEXT, true),
            new Column("action_text", TEXT, true),
            new Column("snooze_until", TIMESTAMP, true),
            new Column("requested_at", TIMESTAMP, true),
            new Column("record_timestamp", TIMESTAMP, false));

    /**
     * {@code staff_actions}: one row per actionId, the first record wins, as in the work queue (which ignores a repeated
     * actionId): every column keeps the value it was inserted with.
     */
    public static final Table STAFF_ACTIONS = new Table("staff_actions",
            concat(List.of(STAFF_ACTION_FIELDS, LATEST_ORIGIN)),
            List.of("action_id"),
            keepFirst("staff_actions", concat(List.of(STAFF_ACTION_FIELDS, LATEST_ORIGIN))));

    /** {@code consumer_offsets}: the next offset to read per export group and partition, written with the rows. */
    public static final Table CONSUMER_OFFSETS = new Table("consumer_offsets",
            List.of(
                    new Column("consumer_group", TEXT, false),
                    new Column("kafka_topic", TEXT, false),
                    new Column("kafka_partition", INTEGER, false),
                    new Column("next_offset", BIGINT, false),
                    new Column("updated_at", TIMESTAMP, false)),
            List.of("consumer_group", "kafka_topic", "kafka_partition"),
            Map.of());

    public static final List<Table> TABLES = List.of(ALERTS, ALERT_EVENTS, DAILY_SUMMARIES, REJECTED_EVENTS, PARTICIPANTS,
            CASES, CASE_EVENTS, CASE_ALERTS, STAFF_ACTIONS, CONSUMER_OFFSETS);

    /** A column added to a table after its first release, with the value that rows written before it get. */
    private record Added(Table table, String column, String defaultSql) {
        String alterSql(SqlDialect dialect) {
            Column c = table.columns().get(table.indexOf(column));
            return "ALTER TABLE " + table.name() + " ADD COLUMN IF NOT EXISTS " + c.name() + " " + dialect.typeName(c.type())
                    + (defaultSql == null ? "" : " DEFAULT " + defaultSql);
        }
    }

    /** Added to databases exported to before them (CREATE TABLE IF NOT EXISTS leaves an existing table as it is). */
    private static final List<Added> ADDED = List.of(
            new Added(REJECTED_EVENTS, "original_key_length", null),
            new Added(REJECTED_EVENTS, "original_value_length", null),
            new Added(REJECTED_EVENTS, "original_value_sha256", null),
            // dead letters before RejectedEvent v2 kept the original whole
            new Added(REJECTED_EVENTS, "original_truncated", "false"));

    private Schema() {
    }

    /** The DDL: one statement per table, then one per column added since a table's first release. */
    public static List<String> ddl(SqlDialect dialect) {
        List<String> out = new ArrayList<>();
        TABLES.forEach(t -> out.add(t.createSql(dialect)));
        ADDED.forEach(a -> out.add(a.alterSql(dialect)));
        return out;
    }

    /**
     * Creates the tables that are missing and adds the columns an older table lacks, in one transaction. {@code db} must
     * not be in auto-commit mode.
     */
    public static void create(Connection db, SqlDialect dialect) throws SQLException {
        try (Statement st = db.createStatement()) {
            for (String sql : ddl(dialect)) {
                st.execute(sql);
            }
        }
        db.commit();
    }

    /** On conflict, every column keeps the value already stored (the key excepted, which is equal anyway). */
    private static Map<String, String> keepFirst(String table, List<Column> columns) {
        return columns.stream().collect(Collectors.toMap(Column::name, c -> table + "." + c.name()));
    }

    private static List<Column> concat(List<List<Column>> parts) {
        return parts.stream().flatMap(List::stream).toList();
    }
}
