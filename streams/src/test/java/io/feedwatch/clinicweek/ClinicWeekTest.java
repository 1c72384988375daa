package io.feedwatch.clinicweek;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.feedwatch.cli.Main;
import io.feedwatch.config.FeedwatchConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The clinic-week accounting: figures and coverage on hand-made alert and case records, worked out by hand; a small
 * replayed week through the command that must agree with itself and with the files it writes; and a tiny live day,
 * whose files must recount to its report.
 */
class ClinicWeekTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private static final Instant RUN_END = T0.plus(Duration.ofDays(2));
    private static final Duration DELAY = Duration.ofMinutes(30);
    private static final ClinicWeek RUN = new ClinicWeek(6, 2, 42, 0.4);
    private static final ClinicWeekReport.Method REPLAY = ClinicWeekReport.Method.replay(ClinicWeek.ORIGIN);

    @TempDir
    Path dir;

    @Test
    void countsRecordsEpisodesCasesAndNotificationsAndFindsEveryEpisodeNoNotifiedCaseCovered() {
        List<String> alerts = new ArrayList<>();
        List<String> cases = new ArrayList<>();
        // p1: a 2 h episode; her case opens at its due time and notifies staff: covered
        alerts.add(alert("a1", "p1", "OPEN", T0, null));
        alerts.add(alert("a1", "p1", "RESOLVED", T0, T0.plus(Duration.ofHours(2))));
        cases.add(caseRecord("k1", "p1", T0.plus(DELAY), null, "CASE_OPENED"));
        // a later episode of p1 begins after k1 closed and no case opens: uncovered, though p1 had a case
        cases.add(caseRecord("k1", "p1", T0.plus(DELAY), T0.plus(Duration.ofHours(14)), null));
        alerts.add(alert("a5", "p1", "OPEN", T0.plus(Duration.ofHours(20)), null));
        alerts.add(alert("a5", "p1", "RESOLVED", T0.plus(Duration.ofHours(20)), T0.plus(Duration.ofHours(23))));
        // p2: resolved within the delay, p4: withdrawn after 5 h; neither is due to staff
        alerts.add(alert("a2", "p2", "OPEN", T0, null));
        alerts.add(alert("a2", "p2", "RESOLVED", T0, T0.plus(Duration.ofMinutes(20))));
        alerts.add(alert("a4", "p4", "OPEN", T0, null));
        alerts.add(alert("a4", "p4", "WITHDRAWN", T0, null));
        // p3: open to the end of the run, no case at all
        alerts.add(alert("a3", "p3", "OPEN", T0.plus(Duration.ofHours(30)), null));
        // p5: a case lists a6 but opened 5 h after a6 was due: staff heard late, so it is not covered
        alerts.add(alert("a6", "p5", "OPEN", T0, null));
        cases.add(caseRecord("k5", "p5", T0.plus(Duration.ofHours(5)).plus(DELAY), null, "CASE_OPENED"));
        // p6: a case open in time that never notified anyone does not cover a7; its second episode a8 joins the open
        // case of p6 that notified (escalation of k6b) as of its riskSince: covered
        alerts.add(alert("a7", "p6", "OPEN", T0, null));
        cases.add(caseRecord("k6", "p6", T0.plus(DELAY), null, null));
        cases.add(caseRecord("k6b", "p6", T0.plus(Duration.ofHours(6)), null, null));
        cases.add(caseRecord("k6b", "p6", T0.plus(Duration.ofHours(6)), null, "UNACKNOWLEDGED"));
        alerts.add(alert("a8", "p6", "OPEN", T0.plus(Duration.ofHours(7)), null));

        ClinicWeekReport report = ClinicWeekReport.of(RUN, REPLAY, RUN_END, DELAY, alerts, cases);

        assertThat(report.openAlertRecords()).isEqualTo(8);
        assertThat(report.withdrawnAlertRecords()).isEqualTo(1);
        assertThat(report.resolvedAlertRecords()).isEqualTo(3);
        assertThat(report.alertEpisodes()).isEqualTo(8);
        assertThat(report.episodesLongerThanDelay()).isEqualTo(6);
        assertThat(report.mothersAlerted()).isEqualTo(6);
        assertThat(report.mostOpenForOneMother()).isEqualTo(2);
        assertThat(report.casesOpened()).isEqualTo(4);
        assertThat(report.casesClosed()).isEqualTo(1);
        assertThat(report.notificationsByReason()).isEqualTo(Map.of("CASE_OPENED", 2L, "UNACKNOWLEDGED", 1L));
        assertThat(report.notifications()).isEqualTo(3);
        assertThat(report.openRecordsPerNotification()).isEqualByComparingTo(new BigDecimal("2.7"));
        assertThat(report.uncoveredAlertIds()).containsExactly("a5", "a3", "a6", "a7");
        assertThat(report.fewerNotificationsGoalMet()).isFalse();
        assertThat(report.coverageGoalMet()).isFalse();
        assertThat(report.markdown()).contains("| raw OPEN alert records | 8 |", "| staff notifications | 3 |",
                "| OPEN records per notification (goal ≥ 3) | 2.7 |", "| uncovered episodes (goal 0) | 4 |", "Goals missed.");
    }

    @Test
    void threeOpenRecordsPerNotificationAndFullCoverageMeetTheGoals() {
        List<String> alerts = new ArrayList<>();
        for (String id : List.of("a1", "a2", "a3")) {
            alerts.add(alert(id, "p1", "OPEN", T0, null));
        }
        List<String> cases = List.of(caseRecord("k1", "p1", T0.plus(DELAY), null, "CASE_OPENED"));

        ClinicWeekReport report = ClinicWeekReport.of(RUN, REPLAY, RUN_END, DELAY, alerts, cases);

        assertThat(report.openRecordsPerNotification()).isEqualByComparingTo(new BigDecimal("3.0"));
        assertThat(report.goalsMet()).isTrue();
    }

    @Test
    void aSmallSimulatedWeekAddsUpAndTheCommandWritesWhatItMeasured() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.execute(new String[] {"clinic-week", "--participants", "30", "--days", "3", "--replay", "--out", dir.toString()},
                new PrintWriter(out, true), new PrintWriter(err, true));

        ClinicWeekReport report = new ClinicWeek(30, 3, 42, 0.4).run(FeedwatchConfig.defaults()).report();
        assertThat(Files.readString(dir.resolve("clinic-week.json"))).as("the command's defaults are the demo's seed and mix")
                .isEqualTo(report.json());
        assertThat(Files.readString(dir.resolve("clinic-week.md"))).isEqualTo(report.markdown());
        assertThat(exit).as(err.toString()).isEqualTo(report.goalsMet() ? 0 : 1);
        assertThat(out.toString()).contains("30 mothers x 3 days: " + report.openAlertRecords() + " OPEN alert records");

        JsonNode json = MAPPER.readTree(report.json());
        long byReason = 0;
        for (JsonNode n : json.get("staffNotificationsByReason")) {
            byReason += n.asLong();
        }
        assertThat(json.get("staffNotifications").asLong()).isEqualTo(byReason);
        // the at-risk mothers (12 of 30) stop or slow down within hours: alerts, and cases that notify staff, follow;
        // nobody snoozes, so every case notified staff when it opened
        assertThat(report.openAlertRecords()).isPositive();
        assertThat(report.casesOpened()).isPositive();
        assertThat(json.get("staffNotificationsByReason").get("CASE_OPENED").asLong()).isEqualTo(report.casesOpened());
        assertThat(report.alertEpisodes()).isGreaterThanOrEqualTo(report.episodesLongerThanDelay());
        assertThat(report.uncoveredAlertIds()).isEmpty();
    }

    /**
     * The live mode end to end on a tiny clinic (the demo's pipeline, 20 mothers, 1 simulated day in about 30 s, staff
     * acknowledging after 1 h): what it gives depends on the machine's pace, so only the accounting is checked: the
     * files hold every record counted, a recount gives the same report, and every record lies within the day.
     */
    @Test
    void aTinyLiveDayCountsEveryRecordItRead() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.execute(new String[] {"clinic-week", "--participants", "20", "--days", "1", "--speed", "2880",
                "--acknowledge-after", "1h", "--out", dir.toString(), "--log-file", dir.resolve("clinic-week.log").toString()},
                new PrintWriter(out, true), new PrintWriter(err, true));

        assertThat(err.toString()).isEmpty();
        JsonNode json = MAPPER.readTree(Files.readString(dir.resolve("clinic-week.json")));
        List<String> alerts = Files.readAllLines(dir.resolve("alerts.jsonl"));
        List<String> cases = Files.readAllLines(dir.resolve("cases.jsonl"));
        assertThat(json.get("mode").asText()).isEqualTo("live");
        Instant until = Instant.parse(json.get("until").asText());
        ClinicWeekReport.Method method = ClinicWeekReport.Method.live(Instant.parse(json.get("origin").asText()), 2880,
                Duration.ofHours(1), json.get("acknowledgementsSent").asLong(), json.get("recordsAfterEndLeftOut").asLong());
        ClinicWeekReport recount = ClinicWeekReport.of(new ClinicWeek(20, 1, 42, 0.4), method, until, DELAY, alerts, cases);
        assertThat(Files.readString(dir.resolve("clinic-week.json"))).isEqualTo(recount.json());
        assertThat(exit).isEqualTo(recount.goalsMet() ? 0 : 1);

        List<JsonNode> alertNodes = alerts.stream().map(ClinicWeekTest::node).toList();
        List<JsonNode> caseNodes = cases.stream().map(ClinicWeekTest::node).toList();
        assertThat(alertNodes).allSatisfy(a -> assertThat(Instant.parse(a.get("detectedAt").asText())).isBeforeOrEqualTo(until));
        assertThat(caseNodes).allSatisfy(c -> assertThat(Instant.parse(c.get("updatedAt").asText())).isBeforeOrEqualTo(until));
        assertThat(json.get("openAlertRecords").asLong()).as("every OPEN record read is counted")
                .isEqualTo(alertNodes.stream().filter(a -> a.get("status").asText().equals("OPEN")).count());
        assertThat(json.get("staffNotifications").asLong()).isEqualTo(caseNodes.stream().filter(c -> !c.get("notification").isNull()).count());
        assertThat(json.get("uncoveredEpisodes").asLong()).isEqualTo(json.get("uncoveredAlertIds").size())
                .isLessThanOrEqualTo(json.get("episodesLongerThanNotifyDelay").asLong());
        assertThat(caseNodes).filteredOn(c -> !c.get("acknowledgedBy").isNull())
                .allSatisfy(c -> assertThat(c.get("acknowledgedBy").asText()).isEqualTo(Acknowledger.STAFF_ID));
        assertThat(out.toString()).contains("20 mothers x 1 day: " + recount.openAlertRecords() + " OPEN alert record");
    }

    private static JsonNode node(String line) {
        try {
            return MAPPER.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String alert(String alertId, String participantId, String status, Instant riskSince, Instant resolvedAt) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("alertId", alertId);
        n.put("participantId", participantId);
        n.put("status", status);
        n.put("riskSince", riskSince.toString());
        n.put("resolvedAt", resolvedAt == null ? null : resolvedAt.toString());
        return n.toString();
    }

    private static String caseRecord(String caseId, String participantId, Instant openedAt, Instant closedAt, String notification) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("caseId", caseId);
        n.put("participantId", participantId);
        n.put("status", closedAt == null ? "OPEN" : "CLOSED");
        n.put("openedAt", openedAt.toString());
        n.put("closedAt", closedAt == null ? null : closedAt.toString());
        n.put("notification", notification);
        return n.toString();
    }
}
