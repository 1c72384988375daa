package io.feedwatch.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.feedwatch.schemas.StaffAction;
import io.feedwatch.schemas.StaffActionType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.Test;

/**
 * A staff action over HTTP is judged as the work queue will judge it (README "Work queue"): what the stream would
 * dead-letter is refused in the answer (400, 409), and the staff member is the account.
 */
class CaseActionsTest {
    private static final Instant NOW = Instant.parse("2026-03-02T12:00:00Z");
    private static final Account ANA = new Account("ana", Set.of("c-1"));
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CaseActions actions = new CaseActions(Duration.ofHours(72));

    private static StoreQueries.CaseLookup lookup(String status, String otherOpen, List<String> actionIds) {
        ApiJson.Case c = new ApiJson.Case("case-1", "p-1", "c-1", status, NOW.minusSeconds(7200), status.equals("CLOSED") ? NOW : null,
                status.equals("CLOSED") ? "STAFF_CLOSED" : null, null, false, null, null, null, null, null, null, 1, NOW, List.of("a-1"),
                List.of("LONG_GAP"), List.of("a-1"), "OPENED", 1, NOW);
        return new StoreQueries.CaseLookup("p-1", c, status.equals("OPEN") ? "case-1" : otherOpen, actionIds);
    }

    private static final StoreQueries.CaseLookup OPEN = lookup("OPEN", null, List.of());
    private static final StoreQueries.CaseLookup CLOSED = lookup("CLOSED", null, List.of("done-1"));

    private StaffAction act(String body, StoreQueries.CaseLookup found) {
        try {
            JsonNode node = JSON.readTree(body);
            return actions.action(node, found, ANA, NOW);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void refused(ThrowableAssert.ThrowingCallable call, int status, String code, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status).isEqualTo(status);
            assertThat(e.code).isEqualTo(code);
            assertThat(e.getMessage()).contains(message);
        });
    }

    @Test
    void theActionNamesTheCaseHerAndTheAccountWhateverTheBodySays() {
        StaffAction a = act("""
                {"actionId":"n-1","type":"NOTE","channel":"PHONE","outcome":"REACHED","text":"all well","staffId":"mallory",
                 "participantId":"someone-else","caseId":"other","requestedAt":"2020-01-01T00:00:00Z"}""", OPEN);

        assertThat(a.getStaffId()).isEqualTo("ana");
        assertThat(a.getCaseId()).isEqualTo("case-1");
        assertThat(a.getParticipantId()).isEqualTo("p-1");
        assertThat(a.getRequestedAt()).isEqualTo(NOW);
        assertThat(a.getText()).isEqualTo("all well");
    }

    @Test
    void aClosingReasonIsTheCloseNoteAndASnoozeUntilIsItsEnd() {
        assertThat(act("{\"actionId\":\"c-1\",\"type\":\"CLOSE\",\"reason\":\"moved away\"}", OPEN).getText()).isEqualTo("moved away");
        StaffAction snooze = act("{\"actionId\":\"s-1\",\"type\":\"SNOOZE\",\"until\":\"2026-03-05T12:00:00Z\"}", OPEN);
        assertThat(snooze.getType()).isEqualTo(StaffActionType.SNOOZE);
        assertThat(snooze.getSnoozeUntil()).isEqualTo(NOW.plus(Duration.ofHours(72)));
    }

    @Test
    void whatTheParserRefusesIs400WithItsReason() {
        refused(() -> act("{\"actionId\":\"n\",\"type\":\"NOTE\",\"channel\":\"PHONE\",\"outcome\":\"REACHED\",\"text\":\""
                + "x".repeat(2001) + "\"}", OPEN), 400, "INVALID_VALUE", "at most 2000 characters");
        refused(() -> act("{\"type\":\"ACKNOWLEDGE\"}", OPEN), 400, "MISSING_FIELD", "actionId");
        refused(() -> act("{\"actionId\":\"x\",\"type\":\"HUG\"}", OPEN), 400, "INVALID_VALUE", "type must be one of");
        refused(() -> act("{\"actionId\":\"x\",\"type\":\"ASSIGN\"}", OPEN), 400, "INVALID_VALUE", "assignee");
        refused(() -> act("{\"actionId\":\"x\",\"type\":\"NOTE\",\"channel\":\"FAX\",\"outcome\":\"REACHED\"}", OPEN), 400, "INVALID_VALUE", "channel");
        refused(() -> act("{\"actionId\":\"x\",\"type\":\"SNOOZE\"}", OPEN), 400, "INVALID_VALUE", "snoozeUntil");
        refused(() -> act("{\"actionId\":\"x\",\"type\":\"CLOSE\",\"reason\":\"a\",\"text\":\"b\"}", OPEN), 400, "INVALID_VALUE", "not both");
        refused(() -> act("[]", OPEN), 400, "MALFORMED", "JSON object");
    }

    @Test
    void aSnoozeMustEndAfterNowAndWithinTheLongestSnooze() {
        refused(() -> act("{\"actionId\":\"s\",\"type\":\"SNOOZE\",\"until\":\"2026-03-05T12:00:01Z\"}", OPEN), 400, "INVALID_VALUE", "PT72H");
        refused(() -> act("{\"actionId\":\"s\",\"type\":\"SNOOZE\",\"until\":\"2026-03-02T12:00:00Z\"}", OPEN), 400, "INVALID_VALUE", "after now");
    }

    @Test
    void aClosedCaseTakesOnlyAReopenAndOnlyWhenSheHasNoOtherOpenCase() {
        refused(() -> act("{\"actionId\":\"a\",\"type\":\"ACKNOWLEDGE\"}", CLOSED), 409, "CASE_CLOSED", "reopen it first");
        assertThat(act("{\"actionId\":\"r\",\"type\":\"REOPEN\"}", CLOSED).getType()).isEqualTo(StaffActionType.REOPEN);
        refused(() -> act("{\"actionId\":\"r\",\"type\":\"REOPEN\"}", lookup("CLOSED", "case-2", List.of())), 409, "CASE_CLOSED", "case-2");
        refused(() -> act("{\"actionId\":\"r\",\"type\":\"REOPEN\"}", OPEN), 409, "CASE_OPEN", "open already");
    }

    @Test
    void anActionTheCaseHasAlreadyAppliedIsNotRefusedAgain() {
        // a CLOSE sent twice: the first closed the case, the second is answered alike (and not written again)
        assertThat(act("{\"actionId\":\"done-1\",\"type\":\"CLOSE\"}", CLOSED).getActionId()).isEqualTo("done-1");
    }
}
