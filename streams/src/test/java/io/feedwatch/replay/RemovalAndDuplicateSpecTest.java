package io.feedwatch.replay;

import static io.feedwatch.replay.EventLine.bottle;
import static io.feedwatch.replay.EventLine.breastfeed;
import static io.feedwatch.replay.EventLine.formula;
import static io.feedwatch.replay.EventLine.handExpression;
import static io.feedwatch.replay.EventLine.pump;
import static io.feedwatch.replay.Outcome.Summary.counts;
import static io.feedwatch.replay.ParticipantLine.participant;
import static io.feedwatch.replay.ReplayFixtures.BORN_NEWBORN;
import static io.feedwatch.replay.ReplayFixtures.LONG_GAP;
import static io.feedwatch.replay.ReplayFixtures.M;
import static io.feedwatch.replay.ReplayFixtures.OPEN;
import static io.feedwatch.replay.ReplayFixtures.UNDER_FREQUENCY;
import static io.feedwatch.replay.ReplayFixtures.alertId;
import static io.feedwatch.replay.ReplayFixtures.h;
import static io.feedwatch.replay.ReplayFixtures.min;
import static io.feedwatch.replay.ReplayFixtures.only;
import static io.feedwatch.replay.Scenario.scenario;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.feedwatch.replay.Outcome.Alert;
import io.feedwatch.replay.Outcome.Rejected;
import io.feedwatch.replay.Outcome.Summary;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Issue 4, definitions 1 (removal events) and 2 (duplicates)")
class RemovalAndDuplicateSpecTest {

    @Test
    @DisplayName("Def 1: eight bottle feeds (breast milk and formula) are intake, not removal: UNDER_FREQUENCY still opens, count 0")
    void bottleFeedsNeverCountAsRemoval() {
        Outcome out = scenario()
                .enrol(participant("p-1"))
                .events(bottle("e-1", M.plus(h(1))).volume(60), bottle("e-2", M.plus(h(4))).volume(60),
                        bottle("e-3", M.plus(h(7))).volume(60), bottle("e-4", M.plus(h(10))).volume(60),
                        formula("e-5", M.plus(h(13))).volume(90), formula("e-6", M.plus(h(16))).volume(90),
                        formula("e-7", M.plus(h(19))).volume(90), formula("e-8", M.plus(h(22))).volume(90))
                .replayUntil(M.plus(h(26)));

        Alert open = only(out.alerts());
        assertThat(open.alertId()).isEqualTo(alertId("p-1", UNDER_FREQUENCY, M.plus(h(24))));
        assertThat(open.type()).isEqualTo(UNDER_FREQUENCY);
        assertThat(open.status()).isEqualTo(OPEN);
        assertThat(open.riskSince()).isEqualTo(M.plus(h(24)));
        assertThat(open.observedCount()).isZero();
        assertThat(open.expectedMin()).isEqualTo(8);
        assertThat(out.summaries()).extracting(Summary::removalSessions).containsOnly(0);
    }

    @Test
    @DisplayName("Def 1: seven breastfeeds plus one formula feed count as seven sessions")
    void formulaDoesNotMakeUpTheEighthSession() {
        Outcome out = scenario()
                .enrol(participant("p-1"))
                .events(breastfeed("e-1", M.plus(h(1))), breastfeed("e-2", M.plus(h(4))), breastfeed("e-3", M.plus(h(7))),
                        breastfeed("e-4", M.plus(h(10))), breastfeed("e-5", M.plus(h(13))), breastfeed("e-6", M.plus(h(16))),
                        breastfeed("e-7", M.plus(h(19))), formula("e-8", M.plus(h(22))).volume(90))
                .replayUntil(M.plus(h(24)).plus(min(1)));

        Alert open = only(out.alerts());
        assertThat(open.alertId()).isEqualTo(alertId("p-1", UNDER_FREQUENCY, M.plus(h(24))));
        assertThat(open.observedCount()).isEqualTo(7);
        assertThat(open.expectedMin()).isEqualTo(8);
    }

    @Test
    @DisplayName("Def 1: BREASTFEED, PUMP and HAND_EXPRESSION all count: eight mixed sessions meet the minimum")
    void allThreeRemovalTypesCount() {
        Outcome out = scenario()
                .enrol(participant("p-1"))
                .events(breastfeed("e-1", M.plus(h(1))), pump("e-2", M.plus(h(4))), handExpression("e-3", M.plus(h(7))),
                        breastfeed("e-4", M.plus(h(10))), pump("e-5", M.plus(h(13))), handExpression("e-6", M.plus(h(16))),
                        breastfeed("e-7", M.plus(h(19))), pump("e-8", M.plus(h(22))))
                // C(T) = 8 for M+24h <= T < M+25h (the first session expires at M+25h).
                .replayUntil(M.plus(h(24)).plus(min(1)));

        assertThat(out.alerts()).isEmpty();
    }

    @Test
    @DisplayName("Def 1: a bottle feed does not reset the 4 h gap: LONG_GAP still starts at monitoringStart + 4 h")
    void bottleFeedDoesNotResetTheGap() {
        Outcome out = scenario()
                .enrol(participant("p-1").born(BORN_NEWBORN))
                .events(bottle("e-1", M.plus(h(3))).volume(40))
                .replayUntil(M.plus(h(5)));

        Alert gap = only(out.alerts());
        assertThat(gap.type()).isEqualTo(LONG_GAP);
        assertThat(gap.riskSince()).isEqualTo(M.plus(h(4)));
        assertThat(gap.lastSessionAt()).isNull();
        assertThat(gap.windowStart()).isEqualTo(M);
    }

    @Test
    @DisplayName("Def 2: a second event with an already accepted eventId is ignored whatever its content: first wins, no dead letter")
    void duplicateFirstWins() {
        Outcome out = scenario()
                .enrol(participant("p-1"))
                .events(formula("e-1", M.plus(h(2))).volume(100),
                        breastfeed("e-1", M.plus(h(2))),
                        pump("e-1", M.plus(h(3))).volume(50))
                .replayUntil(M.plus(h(3)));

        assertThat(out.rejected()).isEmpty();
        Summary day = only(out.summaries());
        // M+2h is 2026-02-28 20:00 in Chicago.
        assertThat(day.date()).hasToString("2026-02-28");
        assertThat(day.eventCounts()).containsExactlyEntriesOf(counts(0, 0, 0, 0, 1));
        assertThat(day.formulaMl()).isEqualTo(100.0);
        assertThat(day.expressedMl()).isZero();
        assertThat(day.removalSessions()).isZero();
    }

    @Test
    @DisplayName("Def 2: a duplicate never moves the detection clock (no alert although the duplicate is 30 h later)")
    void duplicateDoesNotMoveTheClock() {
        Outcome out = scenario()
                .enrol(participant("p-1"))
                .events(breastfeed("e-1", M.plus(h(1))), breastfeed("e-1", M.plus(h(30))))
                // Default until = latest accepted start = M+1h, so UNDER_FREQUENCY (from M+24h) is not reached.
                .replayToLatestEvent();

        assertThat(out.alerts()).isEmpty();
        assertThat(out.rejected()).isEmpty();
        Summary day = only(out.summaries());
        assertThat(day.date()).hasToString("2026-02-28");
        assertThat(day.eventCounts()).containsExactlyEntriesOf(counts(1, 0, 0, 0, 0));
    }

    @Test
    @DisplayName("Def 2: the duplicate check comes before TOO_LATE: an old event sent again is ignored, a new one that old is rejected")
    void duplicateIsCheckedBeforeTooLate() {
        EventLine tooLate = breastfeed("e-3", M.plus(h(1)));
        Outcome out = scenario()
                .enrol(participant("p-1"))
                .events(breastfeed("e-1", M.plus(h(1))), breastfeed("e-2", M.plus(h(60))),
                        breastfeed("e-1", M.plus(h(1))), tooLate)
                .replayUntil(M.plus(h(60)));

        assertThat(out.rejected()).extracting(Rejected::reason, Rejected::original)
                .containsExactly(tuple("TOO_LATE", tooLate.line()));
        assertThat(out.summary("p-1", "2026-02-28").eventCounts()).containsExactlyEntriesOf(counts(1, 0, 0, 0, 0));
    }

    @Test
    @DisplayName("Def 2: only accepted eventIds are seen: an event first rejected (FUTURE_TIMESTAMP) and then corrected is accepted")
    void rejectedEventIdIsNotADuplicate() {
        Outcome out = scenario()
                .enrol(participant("p-1"))
                .events(breastfeed("e-1", M.plus(h(5))).recordedAt(M.plus(h(3))),
                        breastfeed("e-1", M.plus(h(5))).recordedAt(M.plus(h(5))))
                .replayUntil(M.plus(h(5)));

        assertThat(out.rejectedReasons()).containsExactly("FUTURE_TIMESTAMP");
        // M+5h is 2026-02-28 23:00 in Chicago.
        assertThat(out.summary("p-1", "2026-02-28").eventCounts()).containsExactlyEntriesOf(counts(1, 0, 0, 0, 0));
    }

    @Test
    @DisplayName("Def 2: duplicates are (participantId, eventId): two mothers whose devices number sessions alike both count")
    void anEventIdOfAnotherMotherIsNotADuplicate() {
        Outcome out = scenario()
                .enrol(participant("p-1"), participant("p-2"))
                .events(pump("pump-1", M.plus(h(2))).volume(50), pump("pump-1", M.plus(h(2))).of("p-2").volume(70))
                .replayUntil(M.plus(h(3)));

        assertThat(out.rejected()).isEmpty();
        assertThat(out.summary("p-1", "2026-02-28").expressedMl()).isEqualTo(50.0);
        assertThat(out.summary("p-2", "2026-02-28").expressedMl()).isEqualTo(70.0);
    }
}
