package io.feedwatch.replay;

import static io.feedwatch.replay.EventLine.breastfeed;
import static io.feedwatch.replay.EventLine.breastfeedsAfterM;
import static io.feedwatch.replay.EventLine.formula;
import static io.feedwatch.replay.ParticipantLine.participant;
import static io.feedwatch.replay.ReplayFixtures.M;
import static io.feedwatch.replay.ReplayFixtures.OPEN;
import static io.feedwatch.replay.ReplayFixtures.UNDER_FREQUENCY;
import static io.feedwatch.replay.ReplayFixtures.alertId;
import static io.feedwatch.replay.ReplayFixtures.h;
import static io.feedwatch.replay.ReplayFixtures.min;
import static io.feedwatch.replay.ReplayFixtures.ms;
import static io.feedwatch.replay.ReplayFixtures.only;
import static io.feedwatch.replay.Scenario.scenario;
import static org.assertj.core.api.Assertions.assertThat;

import io.feedwatch.replay.Outcome.Alert;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Participant p-1 is in band 14-55 (minimum 8, no gap rule) throughout, monitored from M. */
@DisplayName("Issue 4, definitions 4 (C(T)) and 8 (UNDER_FREQUENCY start)")
class CountWindowSpecTest {

    /** Eight hourly sessions M+1h .. M+8h: C(T) = 8 on [M+24h, M+25h), 7 from M+25h when M+1h drops out. */
    private static Scenario eightHourlySessions() {
        return scenario()
                .enrol(participant("p-1"))
                .events(breastfeedsAfterM(h(1), h(2), h(3), h(4), h(5), h(6), h(7), h(8)));
    }

    @Test
    @DisplayName("Def 4: a session at s counts at s + 24 h − 1 ms but not at s + 24 h: riskSince = first session + 24 h exactly")
    void firstSessionExpiresExactly24HoursLater() {
        Outcome out = eightHourlySessions().replayUntil(M.plus(h(26)));

        Alert open = only(out.alerts());
        assertThat(open.alertId()).isEqualTo(alertId("p-1", UNDER_FREQUENCY, M.plus(h(25))));
        assertThat(open.status()).isEqualTo(OPEN);
        assertThat(open.riskSince()).isEqualTo(M.plus(h(25)));
        assertThat(open.observedCount()).isEqualTo(7);
        assertThat(open.expectedMin()).isEqualTo(8);
        assertThat(open.windowStart()).isEqualTo(M.plus(h(1)));
        assertThat(open.windowEnd()).isEqualTo(M.plus(h(25)));
    }

    @Test
    @DisplayName("Def 4 + reporting: until = first session + 24 h exactly → the episode starting there is not reported")
    void untilAtTheExpiryInstantReportsNothing() {
        Outcome out = eightHourlySessions().replayUntil(M.plus(h(25)));

        assertThat(out.alerts()).isEmpty();
    }

    @Test
    @DisplayName("Def 4 + reporting: until = first session + 24 h + 1 ms → OPEN with riskSince first session + 24 h")
    void untilOneMillisecondAfterTheExpiryReportsIt() {
        Outcome out = eightHourlySessions().replayUntil(M.plus(h(25)).plus(ms(1)));

        Alert open = only(out.alerts());
        assertThat(open.riskSince()).isEqualTo(M.plus(h(25)));
        assertThat(open.detectedAt()).isEqualTo(M.plus(h(25)).plus(ms(1)));
    }

    @Test
    @DisplayName("Def 4: a session at exactly T counts (upper bound inclusive): a new session at the instant an old one expires keeps C at 8")
    void replacementAtTheExpiryInstantKeepsTheCount() {
        Outcome out = eightHourlySessions()
                .events(breastfeed("e-9", M.plus(h(25))))
                .replayUntil(M.plus(h(26)).plus(ms(1)));

        // C(M+25h) = {M+2h..M+8h, M+25h} = 8; C(M+26h) = {M+3h..M+8h, M+25h} = 7.
        Alert open = only(out.alerts());
        assertThat(open.riskSince()).isEqualTo(M.plus(h(26)));
        assertThat(open.observedCount()).isEqualTo(7);
        assertThat(open.windowStart()).isEqualTo(M.plus(h(2)));
    }

    @Test
    @DisplayName("Def 8: a silent participant's UNDER_FREQUENCY riskSince is exactly monitoringStart + 24 h")
    void silentParticipantRiskStartsAtMonitoringStartPlus24h() {
        Instant until = M.plus(h(24)).plus(ms(1));
        Outcome out = scenario().enrol(participant("p-1")).replayUntil(until);

        Alert open = only(out.alerts());
        assertThat(open.alertId()).isEqualTo(alertId("p-1", UNDER_FREQUENCY, M.plus(h(24))));
        assertThat(open.riskSince()).isEqualTo(M.plus(h(24)));
        assertThat(open.observedCount()).isZero();
        assertThat(open.expectedMin()).isEqualTo(8);
        assertThat(open.windowStart()).isEqualTo(M);
        assertThat(open.windowEnd()).isEqualTo(M.plus(h(24)));
        assertThat(open.detectedAt()).isEqualTo(until);
    }

    @Test
    @DisplayName("Def 8: no UNDER_FREQUENCY before monitoringStart + 24 h (silent participant, until = monitoringStart + 24 h)")
    void noUnderFrequencyBeforeMonitoringStartPlus24h() {
        Outcome out = scenario().enrol(participant("p-1")).replayUntil(M.plus(h(24)));

        assertThat(out.alerts()).isEmpty();
    }

    @Test
    @DisplayName("Def 8 + README Alert lifecycle (emitted once the clock passes riskSince): an event exactly at riskSince moves the clock to riskSince, which does not yet report the episode")
    void clockEqualToRiskSinceDoesNotReport() {
        Outcome out = scenario()
                .enrol(participant("p-1"))
                .events(formula("e-1", M.plus(h(24))).volume(60))
                .replayToLatestEvent();

        assertThat(out.alerts()).isEmpty();
    }

    @Test
    @DisplayName("README Deterministic replay: no accepted event and no until → no alerts at all")
    void noEventsAndNoUntilGiveNoAlerts() {
        Outcome out = scenario().enrol(participant("p-1")).replayToLatestEvent();

        assertThat(out.alerts()).isEmpty();
        assertThat(out.summaries()).isEmpty();
        assertThat(out.rejected()).isEmpty();
    }

    @Test
    @DisplayName("Def 4: the lower bound is exclusive: a session exactly at monitoringStart does not count at monitoringStart + 24 h")
    void sessionExactly24HoursOldDoesNotCount() {
        Outcome out = scenario()
                .enrol(participant("p-1"))
                .events(breastfeed("e-1", M.minus(h(2))), breastfeed("e-2", M))
                .replayUntil(M.plus(h(24)).plus(min(1)));

        // At T = M+24h the window is (M, M+24h]: neither M-2h nor M is in it.
        Alert open = only(out.alerts());
        assertThat(open.riskSince()).isEqualTo(M.plus(h(24)));
        assertThat(open.observedCount()).isZero();
    }
}
