package io.feedwatch.replay;

import static io.feedwatch.replay.EventLine.breastfeed;
import static io.feedwatch.replay.EventLine.pump;
import static io.feedwatch.replay.ParticipantLine.participant;
import static io.feedwatch.replay.ReplayFixtures.M;
import static io.feedwatch.replay.ReplayFixtures.OPEN;
import static io.feedwatch.replay.ReplayFixtures.UNDER_FREQUENCY;
import static io.feedwatch.replay.ReplayFixtures.alertId;
import static io.feedwatch.replay.ReplayFixtures.h;
import static io.feedwatch.replay.Scenario.scenario;
import static org.assertj.core.api.Assertions.assertThat;

import io.feedwatch.replay.Outcome.Alert;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * p-1 is in band 14-55 (minimum 8, no gap rule), monitored from M; silent, her UNDER_FREQUENCY episode starts at M+24h.
 * The detection clock never passes --until, even when the input goes on after it.
 */
@DisplayName("Issue 10, item 5: replay --until on input that continues past it")
class UntilSpecTest {
    private static final String ID = alertId("p-1", UNDER_FREQUENCY, M.plus(h(24)));

    @Test
    @DisplayName("An episode with riskSince ≥ until is not reported, although events after until move the data on")
    void noAlertForRiskThatStartsAtOrAfterUntil() {
        Outcome out = scenario()
                .enrol(participant("p-1"))
                .events(breastfeed("e-1", M.plus(h(1))), breastfeed("e-2", M.plus(h(30))))
                .replayUntil(M.plus(h(24)));

        assertThat(out.alerts()).isEmpty();
    }

    @Test
    @DisplayName("An episode that ends after until is OPEN, never RESOLVED at a time after until")
    void anEpisodeEndingAfterUntilStaysOpen() {
        // eight sessions from M+30h on end the episode at M+37h, after until
        Outcome out = scenario()
                .enrol(participant("p-1"))
                .events(EventLine.breastfeedsAfterM(h(30), h(31), h(32), h(33), h(34), h(35), h(36), h(37)))
                .replayUntil(M.plus(h(26)));

        assertThat(out.recordsOf(ID)).extracting(Alert::status).containsExactly(OPEN);
        assertThat(out.finalState(ID).detectedAt()).isEqualTo(M.plus(h(26)));
    }

    @Test
    @DisplayName("Events after until are still validated, de-duplicated, sessionized and summarised")
    void eventsAfterUntilAreStillProcessed() {
        Instant after = M.plus(h(40));
        Outcome out = scenario()
                .enrol(participant("p-1"))
                .events(pump("e-1", after).volume(60), pump("e-1", after).volume(999),
                        pump("e-2", after.plus(h(5))).recordedAt(after))
                .replayUntil(M.plus(h(10)));

        assertThat(out.rejectedReasons()).containsExactly("FUTURE_TIMESTAMP");
        // M+40h is 2026-03-02 10:00 in Chicago
        assertThat(out.summary("p-1", "2026-03-02").expressedMl()).isEqualTo(60.0);
        assertThat(out.summary("p-1", "2026-03-02").removalSessions()).isEqualTo(1);
        assertThat(out.alerts()).isEmpty();
    }
}
