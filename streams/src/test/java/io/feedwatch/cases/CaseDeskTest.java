package io.feedwatch.cases;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedwatch.schemas.AlertStatus;
import io.feedwatch.schemas.AlertType;
import io.feedwatch.schemas.Case;
import io.feedwatch.schemas.CaseChange;
import io.feedwatch.schemas.CaseCloseReason;
import io.feedwatch.schemas.CaseStatus;
import io.feedwatch.schemas.NotificationReason;
import io.feedwatch.schemas.OutreachChannel;
import io.feedwatch.schemas.OutreachOutcome;
import io.feedwatch.schemas.RejectionReason;
import io.feedwatch.schemas.Resolution;
import io.feedwatch.schemas.StaffAction;
import io.feedwatch.schemas.StaffActionType;
import io.feedwatch.schemas.StaffAlert;
import io.feedwatch.schemas.state.CaseState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The case rules on one mother, without a topology: alert records and staff actions in, case records out. */
class CaseDeskTest {
    private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");
    private static final Duration DELAY = Duration.ofMinutes(30);
    private final CaseDesk desk = new CaseDesk(new CaseSettings(DELAY, Duration.ofHours(24), Duration.ofHours(12), Duration.ofHours(72)));
    private final CaseState state = CaseState.newBuilder().build();
    private final List<Case> records = new ArrayList<>();
    private int actions;

    private static StaffAlert alert(String id, AlertType type, Instant since, AlertStatus status, Instant resolvedAt) {
        return StaffAlert.newBuilder().setAlertId(id).setParticipantId("p-1").setClinicId("c-1").setType(type).setStatus(status)
                .setRiskSince(since).setResolvedAt(resolvedAt)
                .setResolution(resolvedAt == null ? null : Resolution.FREQUENCY_RECOVERED)
                .setWindowStart(since).setWindowEnd(since).setDetectedAt(since).build();
    }

    private List<Case> open(String id, AlertType type, Instant since, Instant now) {
        return reported(alert(id, type, since, AlertStatus.OPEN, null), now);
    }

    private List<Case> resolve(String id, AlertType type, Instant since, Instant end, Instant now) {
        return reported(alert(id, type, since, AlertStatus.RESOLVED, end), now);
    }

    private List<Case> withdraw(String id, AlertType type, Instant since, Instant now) {
        return reported(alert(id, type, since, AlertStatus.WITHDRAWN, null), now);
    }

    /** An alert record, then the timer detection sends after reporting, as the topology does. */
    private List<Case> reported(StaffAlert alert, Instant now) {
        List<Case> out = new ArrayList<>(desk.onAlert("p-1", state, alert, now));
        out.addAll(desk.onTimer("p-1", state, now));
        return record(out);
    }

    private List<Case> at(Instant now) {
        return record(desk.onTimer("p-1", state, now));
    }

    private CaseDesk.ActionOutcome act(StaffActionType type, String caseId, Instant now) {
        return act(StaffAction.newBuilder().setActionId("a-" + ++actions).setCaseId(caseId).setParticipantId("p-1").setType(type)
                .setStaffId("s-1").setRequestedAt(now).build(), now);
    }

    private CaseDesk.ActionOutcome act(StaffAction a, Instant now) {
        CaseDesk.ActionOutcome outcome = desk.onAction("p-1", state, a, now);
        records.addAll(outcome.records());
        return outcome;
    }

    private List<Case> record(List<Case> out) {
        records.addAll(out);
        return out;
    }

    private static Instant min(int minutes) {
        return T.plus(Duration.ofMinutes(minutes));
    }

    @Test
    void aCaseOpensWhenAnAlertHasBeenOpenForTheNotifyDelayAndNotifiesStaff() {
        assertThat(open("a-1", AlertType.LONG_GAP, T, min(5))).isEmpty();
        assertThat(at(min(29))).isEmpty();

        Case opened = at(min(45)).get(0);
        assertThat(opened.getChange()).isEqualTo(CaseChange.OPENED);
        assertThat(opened.getStatus()).isEqualTo(CaseStatus.OPEN);
        assertThat(opened.getOpenedAt()).as("dated by the rule, not by when the clock noticed").isEqualTo(min(30));
        assertThat(opened.getCaseId()).isEqualTo(CaseDesk.caseId("p-1", min(30)));
        assertThat(opened.getNotification()).isEqualTo(NotificationReason.CASE_OPENED);
        assertThat(opened.getNotifications()).isEqualTo(1);
        assertThat(opened.getAlertIds()).containsExactly("a-1");
        assertThat(opened.getOpenAlertIds()).containsExactly("a-1");
        assertThat(opened.getUpdatedAt()).isEqualTo(min(45));
        assertThat(desk.nextDue(state)).as("unacknowledged escalation").isEqualTo(min(30).plus(Duration.ofHours(24)));
    }

    @Test
    void episodesWithdrawnOrResolvedWithinTheDelayNeverReachStaff() {
        open("a-1", AlertType.LONG_GAP, T, min(1));
        resolve("a-1", AlertType.LONG_GAP, T, min(29), min(29));
        open("a-2", AlertType.UNDER_FREQUENCY, min(40), min(41));
        withdraw("a-2", AlertType.UNDER_FREQUENCY, min(40), min(60));
        at(min(600));

        assertThat(records).isEmpty();
        assertThat(state.getAlerts()).as("nothing is kept for them").isEmpty();
        assertThat(desk.nextDue(state)).isNull();
    }

    @Test
    void anEpisodeOpenLongerThanTheDelayOpensACaseEvenWhenFirstHeardOfResolved() {
        // after a backlog: OPEN and RESOLVED arrive together, long after; it lasted 70 minutes
        open("a-1", AlertType.LONG_GAP, T, min(120));
        resolve("a-1", AlertType.LONG_GAP, T, min(70), min(120));

        assertThat(records).extracting(Case::getChange).containsExactly(CaseChange.OPENED, CaseChange.ALERT_CHANGED);
        assertThat(records.get(0).getOpenedAt()).isEqualTo(min(30));
        assertThat(records.get(1).getOpenAlertIds()).isEmpty();
        assertThat(records.get(1).getQuietSince()).isEqualTo(min(70));
    }

    @Test
    void newAlertsJoinTheOpenCaseAndOnlyANewRuleNotifiesStaffAgain() {
        open("a-1", AlertType.LONG_GAP, T, min(30));
        String caseId = records.get(0).getCaseId();
        act(StaffActionType.ACKNOWLEDGE, caseId, min(40));
        resolve("a-1", AlertType.LONG_GAP, T, min(50), min(50));

        Case sameRule = open("a-2", AlertType.LONG_GAP, min(300), min(301)).get(0);
        assertThat(sameRule.getChange()).isEqualTo(CaseChange.ALERT_JOINED);
        assertThat(sameRule.getNotification()).isNull();
        assertThat(sameRule.getAcknowledgedAt()).isEqualTo(min(40));

        Case newRule = open("a-3", AlertType.UNDER_FREQUENCY, min(310), min(311)).get(0);
        assertThat(newRule.getNotification()).isEqualTo(NotificationReason.NEW_ALERT_TYPE);
        assertThat(newRule.getNotifications()).isEqualTo(2);
        assertThat(newRule.getAcknowledgedAt()).as("a new kind of risk needs someone to look again").isNull();
        assertThat(newRule.getAlertIds()).containsExactly("a-1", "a-2", "a-3");
        assertThat(newRule.getAlertTypes()).containsExactly(AlertType.LONG_GAP, AlertType.UNDER_FREQUENCY);
        assertThat(newRule.getCaseId()).isEqualTo(caseId);
    }

    @Test
    void anUnacknowledgedCaseEscalatesOncePerNotificationAndANewAlertTypeStartsANewRound() {
        open("a-1", AlertType.UNDER_FREQUENCY, T, min(0));
        at(min(30));

        assertThat(at(min(30).plus(Duration.ofHours(24)).minusMillis(1))).isEmpty();
        Case escalated = at(min(30).plus(Duration.ofHours(25))).get(0);
        assertThat(escalated.getChange()).isEqualTo(CaseChange.ESCALATED);
        assertThat(escalated.getNotification()).isEqualTo(NotificationReason.UNACKNOWLEDGED);
        assertThat(escalated.getLastNotifiedAt()).isEqualTo(min(30).plus(Duration.ofHours(24)));
        assertThat(at(min(30).plus(Duration.ofHours(24 * 5)))).as("still unacknowledged: no second call for the same round").isEmpty();

        Instant gap = min(30).plus(Duration.ofHours(24 * 5)).plusSeconds(1);
        open("a-2", AlertType.LONG_GAP, gap, gap);
        assertThat(records.get(records.size() - 1).getNotification()).isEqualTo(NotificationReason.NEW_ALERT_TYPE);
        Case again = at(gap.plus(Duration.ofHours(24))).get(0);
        assertThat(again.getNotification()).as("the new round escalates once more").isEqualTo(NotificationReason.UNACKNOWLEDGED);
        assertThat(again.getLastNotifiedAt()).isEqualTo(gap.plus(Duration.ofHours(24)));
    }

    @Test
    void aSnoozeHoldsTheEscalationBackToItsEnd() {
        open("a-1", AlertType.UNDER_FREQUENCY, T, min(0));
        at(min(30));
        String caseId = records.get(0).getCaseId();

        Instant now = min(90);
        act(StaffAction.newBuilder().setActionId("snooze").setCaseId(caseId).setParticipantId("p-1").setType(StaffActionType.SNOOZE)
                .setStaffId("s-1").setSnoozeUntil(now.plus(Duration.ofHours(48))).setRequestedAt(now).build(), now);
        assertThat(at(now.plus(Duration.ofHours(48)).minusMillis(1))).as("due after 24 h, held back by the snooze").isEmpty();
        Case afterSnooze = at(now.plus(Duration.ofHours(48))).get(0);
        assertThat(afterSnooze.getNotification()).isEqualTo(NotificationReason.UNACKNOWLEDGED);
        assertThat(afterSnooze.getLastNotifiedAt()).isEqualTo(now.plus(Duration.ofHours(48)));
    }

    @Test
    void aCaseClosesByItselfAfterEveryAlertHasBeenQuietForTheQuietPeriod() {
        open("a-1", AlertType.LONG_GAP, T, min(30));
        resolve("a-1", AlertType.LONG_GAP, T, min(60), min(60));
        // flapping: another gap before the quiet period ends keeps the same case
        open("a-2", AlertType.LONG_GAP, min(300), min(300));
        resolve("a-2", AlertType.LONG_GAP, min(300), min(340), min(340));
        assertThat(at(min(340).plus(Duration.ofHours(12)).minusMillis(1))).isEmpty();

        Case closed = at(min(340).plus(Duration.ofHours(12))).get(0);
        assertThat(closed.getChange()).isEqualTo(CaseChange.CLOSED);
        assertThat(closed.getCloseReason()).isEqualTo(CaseCloseReason.QUIET);
        assertThat(closed.getClosedAt()).isEqualTo(min(340).plus(Duration.ofHours(12)));
        assertThat(closed.getAlertIds()).containsExactly("a-1", "a-2");
        assertThat(records).filteredOn(c -> c.getNotification() != null).hasSize(1);
    }

    @Test
    void staffCloseAndReopenAndActionsOnAClosedOrUnknownCaseAreRefused() {
        open("a-1", AlertType.UNDER_FREQUENCY, T, min(30));
        String caseId = records.get(0).getCaseId();
        StaffAction close = StaffAction.newBuilder().setActionId("close-1").setCaseId(caseId).setParticipantId("p-1")
                .setType(StaffActionType.CLOSE).setStaffId("s-1").setText("Spoke with her; latch help booked.").setRequestedAt(min(60)).build();

        assertThat(act(close, min(60))).isInstanceOf(CaseDesk.Applied.class);
        Case closed = records.get(records.size() - 1);
        assertThat(closed.getCloseReason()).isEqualTo(CaseCloseReason.STAFF_CLOSED);
        assertThat(closed.getCloseNote()).isEqualTo("Spoke with her; latch help booked.");
        assertThat(act(close, min(61))).as("the same actionId again").isInstanceOf(CaseDesk.Ignored.class);
        assertThat(act(StaffActionType.ACKNOWLEDGE, caseId, min(62)))
                .isInstanceOfSatisfying(CaseDesk.Refused.class, r -> assertThat(r.reason()).isEqualTo(RejectionReason.CASE_CLOSED));
        assertThat(act(StaffActionType.ACKNOWLEDGE, "no-such-case", min(62)))
                .isInstanceOfSatisfying(CaseDesk.Refused.class, r -> assertThat(r.reason()).isEqualTo(RejectionReason.UNKNOWN_CASE));
        // the still-open alert of the closed case opens no new case
        assertThat(at(min(600))).isEmpty();

        assertThat(act(StaffActionType.REOPEN, caseId, min(700))).isInstanceOf(CaseDesk.Applied.class);
        assertThat(records.get(records.size() - 1).getChange()).isEqualTo(CaseChange.REOPENED);
        assertThat(act(StaffActionType.REOPEN, caseId, min(701)))
                .isInstanceOfSatisfying(CaseDesk.Refused.class, r -> assertThat(r.reason()).isEqualTo(RejectionReason.INVALID_VALUE));
    }

    @Test
    void aNoteRecordsTheOutreachAndAReopenedCaseWaitsAQuietPeriodBeforeClosingAgain() {
        open("a-1", AlertType.LONG_GAP, T, min(30));
        String caseId = records.get(0).getCaseId();
        act(StaffAction.newBuilder().setActionId("n-1").setCaseId(caseId).setParticipantId("p-1").setType(StaffActionType.NOTE)
                .setStaffId("s-2").setChannel(OutreachChannel.PHONE).setOutcome(OutreachOutcome.NO_ANSWER).setText("Left no message.")
                .setRequestedAt(min(40)).build(), min(40));
        assertThat(records.get(records.size() - 1).getLastNote().getOutcome()).isEqualTo(OutreachOutcome.NO_ANSWER);
        resolve("a-1", AlertType.LONG_GAP, T, min(50), min(50));
        at(min(50).plus(Duration.ofHours(12)));
        assertThat(state.getOpen()).isNull();

        act(StaffActionType.REOPEN, caseId, min(50).plus(Duration.ofHours(20)));
        assertThat(at(min(50).plus(Duration.ofHours(21)))).isEmpty();
        Case again = at(min(50).plus(Duration.ofHours(32))).get(0);
        assertThat(again.getCloseReason()).isEqualTo(CaseCloseReason.QUIET);
        assertThat(again.getClosedAt()).isEqualTo(min(50).plus(Duration.ofHours(32)));
    }

    @Test
    void theNextCaseNeverOpensBeforeThePreviousOneClosedAndMonitoringEndClosesAtOnce() {
        open("a-1", AlertType.LONG_GAP, T, min(30));
        act(StaffActionType.CLOSE, records.get(0).getCaseId(), min(100));
        // an alert that began while the first case was open, first heard of after it closed
        open("a-2", AlertType.UNDER_FREQUENCY, min(20), min(110));
        Case second = records.get(records.size() - 1);
        assertThat(second.getChange()).isEqualTo(CaseChange.OPENED);
        assertThat(second.getOpenedAt()).isEqualTo(min(100));

        StaffAlert ended = StaffAlert.newBuilder(alert("a-2", AlertType.UNDER_FREQUENCY, min(20), AlertStatus.RESOLVED, min(200)))
                .setResolution(Resolution.MONITORING_ENDED).build();
        Case closed = reported(ended, min(200)).get(1);
        assertThat(closed.getCloseReason()).isEqualTo(CaseCloseReason.MONITORING_ENDED);
        assertThat(closed.getClosedAt()).isEqualTo(min(200));
    }
}
