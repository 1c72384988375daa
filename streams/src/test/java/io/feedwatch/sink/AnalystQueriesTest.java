package io.feedwatch.sink;

import static io.feedwatch.schemas.AlertStatus.OPEN;
import static io.feedwatch.schemas.AlertStatus.RESOLVED;
import static io.feedwatch.schemas.AlertStatus.WITHDRAWN;
import static io.feedwatch.schemas.AlertType.LONG_GAP;
import static io.feedwatch.schemas.AlertType.UNDER_FREQUENCY;
import static org.assertj.core.api.Assertions.assertThat;

import io.feedwatch.names.Topics;
import io.feedwatch.schemas.AlertStatus;
import io.feedwatch.schemas.AlertType;
import io.feedwatch.schemas.Case;
import io.feedwatch.schemas.CaseChange;
import io.feedwatch.schemas.CaseCloseReason;
import io.feedwatch.schemas.CaseNote;
import io.feedwatch.schemas.CaseStatus;
import io.feedwatch.schemas.NotificationReason;
import io.feedwatch.schemas.OutreachChannel;
import io.feedwatch.schemas.OutreachOutcome;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every example query of {@code examples/analyst-queries.sql} (which the README shows) on a small hand-built
 * database, against results worked out by hand; in DuckDB, and in PostgreSQL where it is reachable.
 *
 * <p>The data: clinic c-1 has pA (born 1 Mar 2026), pB (born 10 Jan) and pE (born 1 Feb), all in America/Chicago;
 * clinic c-2 has pC (born 1 Dec 2025) and pD (born 1 Mar, never records anything), in America/New_York. DST starts
 * in the US on Sunday 8 March 2026, and pB's LONG_GAP alert at 03:00Z on Monday 9 March is still Sunday in Chicago:
 * it counts in the week of 2 March, which only a query that uses the participant's time zone gets right.
 *
 * <p>Cases (each notifies staff when it opens, 30 min after its alert's riskSince): k1 (pA, a1) noted after 2 h and
 * again later, with a NEW_ALERT_TYPE notification between, still open; k2 (pB, a2, opened Sunday evening in Chicago)
 * noted after 6 h, closed by staff; k3 (pB, a5) escalated UNACKNOWLEDGED, closed QUIET without a note; k6 (pE, a8)
 * noted after 30 min, open; in c-2, k4 (pC, a3) noted after 12 h, closed QUIET; k5 (pD, a7) closed when monitoring
 * ended and k7 (pC) closed by staff, both without a note.
 */
class AnalystQueriesTest {
    private static final Path QUERIES = Path.of("..", "examples", "analyst-queries.sql");
    private static final Path README = Path.of("..", "README.md");
    private static final String QUERY_MARKER = "-- query: ";

    @TempDir
    Path dir;

    @Test
    void everyExampleGivesTheHandComputedResultInDuckDb() throws Exception {
        try (TestDatabase db = TestDatabase.duckDb(dir)) {
            assertEveryQuery(db);
        }
    }

    @Test
    void everyExampleGivesTheHandComputedResultInPostgres() throws Exception {
        try (TestDatabase db = TestDatabase.postgres()) {
            assertEveryQuery(db);
        }
    }

    @Test
    void theReadmeShowsEveryQueryAsTestedAndDocumentsEveryColumn() throws IOException {
        String readme = Files.readString(README);
        int start = readme.indexOf("## Analyst database");
        assertThat(start).as("README section 'Analyst database'").isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        String section = end < 0 ? readme.substring(start) : readme.substring(start, end);

        Map<String, String> queries = queries();
        assertThat(queries.keySet()).containsExactly("open alerts per clinic", "alert rate per 100 participants per week",
                "median sessions per day by infant age band", "time from OPEN to RESOLVED by alert type",
                "time from case opened to first outreach by clinic", "share of cases closed without outreach by clinic",
                "staff notifications and OPEN alert records per 100 participants per week");
        queries.forEach((name, sql) -> assertThat(section).as("query '%s' as in %s", name, QUERIES).contains(sql));
        for (Schema.Table table : Schema.TABLES) {
            assertThat(section).contains("`" + table.name() + "`");
            table.columnNames().forEach(column -> assertThat(section).as("column %s.%s", table.name(), column).contains(column));
        }
    }

    private void assertEveryQuery(TestDatabase db) throws Exception {
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            Schema.create(c, SqlDialect.forUrl(db.url()));
            fixture().writeTo(c, "fixture", Instant.parse("2026-03-12T00:00:00Z"));
            Map<String, String> queries = queries();

            assertThat(result(c, queries.get("open alerts per clinic"))).containsExactly(
                    row("c-1", 2, 1, Instant.parse("2026-03-03T10:00:00Z")),
                    row("c-2", 1, 1, Instant.parse("2026-03-05T00:00:00Z")));
            assertThat(result(c, queries.get("alert rate per 100 participants per week"))).containsExactly(
                    row("c-1", LocalDate.parse("2026-03-02"), 2, 3, 150.0),
                    row("c-1", LocalDate.parse("2026-03-09"), 3, 2, 66.7),
                    row("c-2", LocalDate.parse("2026-03-02"), 1, 2, 200.0));
            assertThat(result(c, queries.get("median sessions per day by infant age band"))).containsExactly(
                    row("0-13", 3, 8.0),
                    row("14-55", 2, 6.5),
                    row("56-182", 3, 5.0));
            assertThat(result(c, queries.get("time from OPEN to RESOLVED by alert type"))).containsExactly(
                    row("LONG_GAP", 2, 4.0, 5.6),
                    row("UNDER_FREQUENCY", 2, 21.0, 28.2));
            // c-1: 0.5, 2 (k1's first note, not its second) and 6 hours; p90 = 2 + 0.8 × (6 − 2)
            assertThat(result(c, queries.get("time from case opened to first outreach by clinic"))).containsExactly(
                    row("c-1", 3, 2.0, 5.2),
                    row("c-2", 1, 12.0, 12.0));
            assertThat(result(c, queries.get("share of cases closed without outreach by clinic"))).containsExactly(
                    row("c-1", 2, 1, 50.0),
                    row("c-2", 3, 2, 66.7));
            // k2's opening and a2's OPEN record are on Sunday 8 March in Chicago: week of 2 March; a4 was withdrawn but sent
            assertThat(result(c, queries.get("staff notifications and OPEN alert records per 100 participants per week"))).containsExactly(
                    row("c-1", LocalDate.parse("2026-03-02"), 2, 3, 3, 150.0, 150.0),
                    row("c-1", LocalDate.parse("2026-03-09"), 3, 3, 2, 100.0, 66.7),
                    row("c-2", LocalDate.parse("2026-03-02"), 1, 3, 3, 300.0, 300.0));
        }
    }

    private static ExportBatch fixture() {
        ExportBatch batch = new ExportBatch();
        Offsets at = new Offsets();
        String chicago = "America/Chicago";
        String newYork = "America/New_York";
        Instant start = Instant.parse("2026-03-01T06:00:00Z");
        batch.enrollment(Records.participant("pA", "c-1", LocalDate.parse("2026-03-01"), chicago, start), at.next(Topics.PARTICIPANTS));
        batch.enrollment(Records.participant("pB", "c-1", LocalDate.parse("2026-01-10"), chicago, start), at.next(Topics.PARTICIPANTS));
        batch.enrollment(Records.participant("pE", "c-1", LocalDate.parse("2026-02-01"), chicago, start), at.next(Topics.PARTICIPANTS));
        batch.enrollment(Records.participant("pC", "c-2", LocalDate.parse("2025-12-01"), newYork, start), at.next(Topics.PARTICIPANTS));
        batch.enrollment(Records.participant("pD", "c-2", LocalDate.parse("2026-03-01"), newYork, start), at.next(Topics.PARTICIPANTS));

        // participant, clinic, zone, local date, sessions (ages: pA 1, 2, 9; pB 51, 58; pC 92, 93; pE 38 days)
        Object[][] days = {
            {"pA", "c-1", chicago, "2026-03-02", 9}, {"pA", "c-1", chicago, "2026-03-03", 7}, {"pA", "c-1", chicago, "2026-03-10", 8},
            {"pB", "c-1", chicago, "2026-03-02", 6}, {"pB", "c-1", chicago, "2026-03-09", 10},
            {"pC", "c-2", newYork, "2026-03-03", 5}, {"pC", "c-2", newYork, "2026-03-04", 4},
            {"pE", "c-1", chicago, "2026-03-11", 7}};
        for (Object[] d : days) {
            batch.summary(Records.summary((String) d[0], (String) d[1], LocalDate.parse((String) d[3]), (String) d[2],
                    (Integer) d[4], 0, 90), at.next(Topics.DAILY_SUMMARIES));
        }

        alert(batch, at, "a1", "pA", "c-1", UNDER_FREQUENCY, OPEN, "2026-03-03T10:00:00Z", null);
        alert(batch, at, "a2", "pB", "c-1", LONG_GAP, RESOLVED, "2026-03-09T03:00:00Z", Duration.ofHours(6));
        alert(batch, at, "a3", "pC", "c-2", UNDER_FREQUENCY, RESOLVED, "2026-03-04T12:00:00Z", Duration.ofHours(30));
        alert(batch, at, "a4", "pC", "c-2", UNDER_FREQUENCY, WITHDRAWN, "2026-03-03T12:00:00Z", null);
        alert(batch, at, "a5", "pB", "c-1", UNDER_FREQUENCY, RESOLVED, "2026-03-10T00:00:00Z", Duration.ofHours(12));
        alert(batch, at, "a6", "pA", "c-1", LONG_GAP, OPEN, "2026-03-04T15:00:00Z", null);
        alert(batch, at, "a7", "pD", "c-2", LONG_GAP, OPEN, "2026-03-05T00:00:00Z", null);
        alert(batch, at, "a8", "pE", "c-1", LONG_GAP, RESOLVED, "2026-03-11T06:00:00Z", Duration.ofHours(2));

        Case k1 = opened("k1", "pA", "c-1", "a1", UNDER_FREQUENCY, "2026-03-03T10:30:00Z");
        Case k1Noted = noted(k1, "2026-03-03T12:30:00Z");
        Case k1Joined = Records.caseChanged(k1Noted, CaseChange.ALERT_JOINED, Instant.parse("2026-03-04T15:30:00Z"))
                .setAlertIds(List.of("a1", "a6")).setAlertTypes(List.of(UNDER_FREQUENCY, LONG_GAP)).setOpenAlertIds(List.of("a1", "a6"))
                .setNotification(NotificationReason.NEW_ALERT_TYPE).setNotifications(2).build();
        cases(batch, at, k1, k1Noted, k1Joined, noted(k1Joined, "2026-03-04T18:00:00Z"));
        Case k2 = opened("k2", "pB", "c-1", "a2", LONG_GAP, "2026-03-09T03:30:00Z");
        Case k2Noted = noted(k2, "2026-03-09T09:30:00Z");
        cases(batch, at, k2, k2Noted, closed(k2Noted, CaseCloseReason.STAFF_CLOSED, "2026-03-09T10:00:00Z"));
        Case k3 = opened("k3", "pB", "c-1", "a5", UNDER_FREQUENCY, "2026-03-10T00:30:00Z");
        Case k3Escalated = Records.caseChanged(k3, CaseChange.ESCALATED, Instant.parse("2026-03-11T00:30:00Z"))
                .setNotification(NotificationReason.UNACKNOWLEDGED).setNotifications(2).build();
        cases(batch, at, k3, k3Escalated, closed(k3Escalated, CaseCloseReason.QUIET, "2026-03-11T12:00:00Z"));
        Case k6 = opened("k6", "pE", "c-1", "a8", LONG_GAP, "2026-03-11T06:30:00Z");
        cases(batch, at, k6, noted(k6, "2026-03-11T07:00:00Z"));
        Case k4 = opened("k4", "pC", "c-2", "a3", UNDER_FREQUENCY, "2026-03-04T12:30:00Z");
        Case k4Noted = noted(k4, "2026-03-05T00:30:00Z");
        cases(batch, at, k4, k4Noted, closed(k4Noted, CaseCloseReason.QUIET, "2026-03-06T00:00:00Z"));
        Case k5 = opened("k5", "pD", "c-2", "a7", LONG_GAP, "2026-03-05T00:30:00Z");
        cases(batch, at, k5, closed(k5, CaseCloseReason.MONITORING_ENDED, "2026-03-06T00:00:00Z"));
        Case k7 = opened("k7", "pC", "c-2", "a3", UNDER_FREQUENCY, "2026-03-07T00:00:00Z");
        cases(batch, at, k7, closed(k7, CaseCloseReason.STAFF_CLOSED, "2026-03-07T02:00:00Z"));
        return batch;
    }

    private static Case opened(String caseId, String participant, String clinic, String alertId, AlertType type, String at) {
        return Records.caseOpened(caseId, participant, clinic, alertId, type, Instant.parse(at)).build();
    }

    /** The record of an outreach noted on {@code c} at {@code at}. */
    private static Case noted(Case c, String at) {
        Instant t = Instant.parse(at);
        return Records.caseChanged(c, CaseChange.NOTED, t).setLastNote(CaseNote.newBuilder().setActionId(c.getCaseId() + "@" + at)
                .setAt(t).setBy("nurse-1").setChannel(OutreachChannel.PHONE).setOutcome(OutreachOutcome.REACHED).build()).build();
    }

    private static Case closed(Case c, CaseCloseReason reason, String at) {
        Instant t = Instant.parse(at);
        return Records.caseChanged(c, CaseChange.CLOSED, t).setStatus(CaseStatus.CLOSED).setClosedAt(t).setCloseReason(reason)
                .setOpenAlertIds(List.of()).build();
    }

    private static void cases(ExportBatch batch, Offsets at, Case... records) {
        for (Case c : records) {
            batch.caseRecord(c, at.next(Topics.CASES));
        }
    }

    /** An alert as the export sees it: an OPEN record, then the later record when the status is not OPEN. */
    private static void alert(ExportBatch batch, Offsets at, String id, String participant, String clinic, AlertType type,
                              AlertStatus status, String riskSince, Duration lasted) {
        Instant since = Instant.parse(riskSince);
        Duration detectedAfter = Duration.ofMinutes(1);
        batch.alert(Records.alert(id, participant, clinic, type, OPEN, since, null, detectedAfter), at.next(Topics.STAFF_ALERTS));
        if (status != OPEN) {
            Instant resolvedAt = lasted == null ? null : since.plus(lasted);
            batch.alert(Records.alert(id, participant, clinic, type, status, since, resolvedAt, detectedAfter), at.next(Topics.STAFF_ALERTS));
        }
    }

    /** Consecutive offsets per topic, all in partition 0. */
    private static final class Offsets {
        private final Map<String, Long> next = new LinkedHashMap<>();

        Origin next(String topic) {
            long offset = next.merge(topic, 1L, Long::sum) - 1;
            return new Origin(topic, 0, offset, Instant.parse("2026-03-12T00:00:00Z"));
        }
    }

    /** The example queries by name, each from its "-- query:" line through its closing semicolon. */
    private static Map<String, String> queries() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        String text = Files.readString(QUERIES);
        int at = text.indexOf(QUERY_MARKER);
        while (at >= 0) {
            int end = text.indexOf(";\n", at);
            String block = text.substring(at, end + 1);
            out.put(block.substring(QUERY_MARKER.length(), block.indexOf('\n')), block);
            at = text.indexOf(QUERY_MARKER, end);
        }
        return out;
    }

    private static List<List<Object>> result(Connection c, String query) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        for (Map<String, Object> r : Sql.rows(c, query.substring(0, query.length() - 1))) {
            rows.add(r.values().stream().map(AnalystQueriesTest::comparable).toList());
        }
        return rows;
    }

    private static List<Object> row(Object... values) {
        return java.util.Arrays.stream(values).map(AnalystQueriesTest::comparable).toList();
    }

    /** Numbers as decimals to 6 places, since the two databases differ in integer, numeric and double types. */
    private static Object comparable(Object value) {
        if (value instanceof Number n) {
            return new BigDecimal(n.toString()).setScale(6, RoundingMode.HALF_UP);
        }
        return value;
    }
}
