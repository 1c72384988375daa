package io.feedwatch.replay;

import static io.feedwatch.replay.EventLine.breastfeed;
import static io.feedwatch.replay.ParticipantLine.participant;
import static io.feedwatch.replay.ReplayFixtures.M;
import static io.feedwatch.replay.ReplayFixtures.h;
import static io.feedwatch.replay.ReplayFixtures.min;
import static io.feedwatch.replay.Scenario.scenario;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The work queue through the whole topology. p-1 is a newborn (4 h gap rule) monitored from M: silent, her LONG_GAP
 * opens at M+4h, her case at M+4h30m.
 */
@DisplayName("Issue 11: cases and staff actions through replay")
class CaseSpecTest {
    private static Scenario newborn() {
        return scenario().enrol(participant("p-1").born("2026-02-25"));
    }

    private static String action(String actionId, String caseId, String type, String extra) {
        return "{\"actionId\":\"" + actionId + "\",\"caseId\":\"" + caseId + "\",\"participantId\":\"p-1\",\"type\":\"" + type
                + "\",\"staffId\":\"s-1\"" + extra + "}";
    }

    private static JsonNode last(List<JsonNode> records) {
        return records.get(records.size() - 1);
    }

    @Test
    @DisplayName("A long gap opens a case after the notify delay; feeds resolve it; it closes after the quiet period")
    void aCaseOpensAfterTheDelayAndClosesAfterTheQuietPeriod() {
        Outcome out = newborn()
                .events(breastfeed("e-1", M.plus(h(6))), breastfeed("e-2", M.plus(h(8))), breastfeed("e-3", M.plus(h(11))),
                        breastfeed("e-4", M.plus(h(14))), breastfeed("e-5", M.plus(h(17))), breastfeed("e-6", M.plus(h(20))))
                .replayUntil(M.plus(h(21)));

        List<JsonNode> cases = out.cases();
        assertThat(cases).extracting(c -> c.get("change").asText())
                .containsExactly("OPENED", "ALERT_CHANGED", "CLOSED");
        JsonNode opened = cases.get(0);
        assertThat(opened.get("openedAt").asText()).isEqualTo(M.plus(h(4)).plus(min(30)).toString());
        assertThat(opened.get("notification").asText()).isEqualTo("CASE_OPENED");
        assertThat(opened.get("clinicId").asText()).isEqualTo("c-1");
        // resolved at M+6h, quiet for 12 h: closed at M+18h, reported when the clock reached it (the feed at M+20h)
        JsonNode closed = cases.get(2);
        assertThat(closed.get("closeReason").asText()).isEqualTo("QUIET");
        assertThat(closed.get("closedAt").asText()).isEqualTo(M.plus(h(18)).toString());
        assertThat(closed.get("updatedAt").asText()).isEqualTo(M.plus(h(20)).toString());
        assertThat(closed.get("notifications").asInt()).isEqualTo(1);
    }

    @Test
    @DisplayName("A newborn's gaps that keep coming back stay one case, even when the clock learns of one late")
    void flappingGapsStayOneCase() {
        // the clock jumps from M+8h to M+20h: the gap of M+12h..M+20h is first heard of at M+20h, when the case from
        // the first gap (quiet since M+6h) would have closed at M+18h; opened as of M+12h, it joins that case instead
        Outcome out = newborn()
                .events(breastfeed("e-1", M.plus(h(6))), breastfeed("e-2", M.plus(h(8))), breastfeed("e-3", M.plus(h(20))))
                .replayUntil(M.plus(h(21)));

        assertThat(out.cases()).extracting(c -> c.get("change").asText())
                .containsExactly("OPENED", "ALERT_CHANGED", "ALERT_JOINED", "ALERT_CHANGED");
        assertThat(out.cases()).extracting(c -> c.get("caseId").asText()).containsOnly(out.cases().get(0).get("caseId").asText());
        assertThat(last(out.cases()).get("alertIds")).hasSize(2);
        assertThat(last(out.cases()).get("notifications").asInt()).isEqualTo(1);
    }

    @Test
    @DisplayName("A gap resolved within the notify delay never reaches staff")
    void aShortEpisodeOpensNoCase() {
        Outcome out = newborn()
                .events(breastfeed("e-1", M.plus(h(4)).plus(min(20))), breastfeed("e-2", M.plus(h(6))))
                .replayUntil(M.plus(h(7)));

        assertThat(out.alerts()).isNotEmpty();
        assertThat(out.cases()).isEmpty();
    }

    @Test
    @DisplayName("Staff acknowledge, note and close a case; a repeated actionId changes nothing; an action on a closed or unknown case is dead-lettered")
    void staffActionsAreAppliedOnceAndRefusedWithAReasonOnAClosedOrUnknownCase() {
        String caseId = newborn().replayUntil(M.plus(h(5))).cases().get(0).get("caseId").asText();

        Outcome out = newborn().actions(
                        action("a-1", caseId, "ACKNOWLEDGE", ""),
                        action("a-2", caseId, "NOTE", ",\"channel\":\"PHONE\",\"outcome\":\"REACHED\",\"text\":\"Feeding well now.\""),
                        action("a-2", caseId, "NOTE", ",\"channel\":\"TEXT\",\"outcome\":\"NO_ANSWER\""),
                        action("a-3", caseId, "CLOSE", ",\"text\":\"Spoke with her.\""),
                        action("a-4", caseId, "ASSIGN", ",\"assignee\":\"s-2\""),
                        action("a-5", "no-such-case", "ACKNOWLEDGE", ""),
                        action("a-6", caseId, "SNOOZE", ""))
                .replayUntil(M.plus(h(5)));

        List<JsonNode> cases = out.cases();
        assertThat(cases).extracting(c -> c.get("change").asText())
                .containsExactly("OPENED", "ACKNOWLEDGED", "NOTED", "CLOSED");
        assertThat(cases.get(1).get("acknowledgedBy").asText()).isEqualTo("s-1");
        assertThat(cases.get(2).get("lastNote").get("text").asText()).isEqualTo("Feeding well now.");
        JsonNode closed = last(cases);
        assertThat(closed.get("status").asText()).isEqualTo("CLOSED");
        assertThat(closed.get("closeReason").asText()).isEqualTo("STAFF_CLOSED");
        assertThat(closed.get("closeNote").asText()).isEqualTo("Spoke with her.");
        assertThat(out.rejectedReasons()).containsExactly("CASE_CLOSED", "UNKNOWN_CASE", "INVALID_VALUE");
        assertThat(Instant.parse(closed.get("closedAt").asText())).isEqualTo(M.plus(h(5)));
    }
}
