package io.feedwatch.replay;

import static io.feedwatch.replay.EventLine.breastfeed;
import static io.feedwatch.replay.EventLine.formula;
import static io.feedwatch.replay.ParticipantLine.participant;
import static io.feedwatch.replay.ReplayFixtures.BORN_NEWBORN;
import static io.feedwatch.replay.ReplayFixtures.FOUR_HOURS;
import static io.feedwatch.replay.ReplayFixtures.FREQUENCY_RECOVERED;
import static io.feedwatch.replay.ReplayFixtures.LONG_GAP;
import static io.feedwatch.replay.ReplayFixtures.M;
import static io.feedwatch.replay.ReplayFixtures.OPEN;
import static io.feedwatch.replay.ReplayFixtures.RESOLVED;
import static io.feedwatch.replay.ReplayFixtures.alertId;
import static io.feedwatch.replay.ReplayFixtures.h;
import static io.feedwatch.replay.ReplayFixtures.hm;
import static io.feedwatch.replay.ReplayFixtures.min;
import static io.feedwatch.replay.ReplayFixtures.ms;
import static io.feedwatch.replay.ReplayFixtures.only;
import static io.feedwatch.replay.Scenario.scenario;
import static org.assertj.core.api.Assertions.assertThat;

import io.feedwatch.replay.Outcome.Alert;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * p-1 is a newborn (band 0-13: gap limit 4 h) monitored from M. Everything here ends before M+24h, so
 * UNDER_FREQUENCY cannot interfere.
 */
@DisplayName("Issue 4, definition 9 (LONG_GAP)")
class LongGapSpecTest {

    private static Scenario newborn() {
        return scenario().enrol(participant("p-1").born(BORN_NEWBORN));
    }

    @Test
    @DisplayName("Def 9: with no session yet the anchor is monitoringStart: riskSince = monitoringStart + 4 h exactly")
    void silentNewbornGapStartsAtMonitoringStartPlus4h() {
        Outcome out = newborn().replayUntil(M.plus(h(4)).plus(ms(1)));

        Alert open = only(out.alerts());
        assertThat(open.alertId()).isEqualTo(alertId("p-1", LONG_GAP, M.plus(h(4))));
        assertThat(open.type()).isEqualTo(LONG_GAP);
        assertThat(open.status()).isEqualTo(OPEN);
        assertThat(open.riskSince()).isEqualTo(M.plus(h(4)));
        assertThat(open.lastSessionAt()).isNull();
        assertThat(open.windowStart()).isEqualTo(M);
        assertThat(open.windowEnd()).isEqualTo(M.plus(h(4)));
        assertThat(open.gapLimit()).isEqualTo(FOUR_HOURS);
        assertThat(open.observedCount()).isNull();
        assertThat(open.expectedMin()).isNull();
        // M+4h is 2026-02-28 22:00 in Chicago: 3 days after 2026-02-25.
        assertThat(open.infantAgeDays()).isEqualTo(3);
    }

    @Test
    @DisplayName("Def 9: until = monitoringStart + 4 h exactly → nothing reported yet")
    void untilAtMonitoringStartPlus4hReportsNothing() {
        Outcome out = newborn().replayUntil(M.plus(h(4)));

        assertThat(out.alerts()).isEmpty();
    }

    @Test
    @DisplayName("Def 9: a gap of 3 h 59 min between sessions raises nothing")
    void gapJustUnderTheLimit() {
        Outcome out = newborn()
                .events(breastfeed("e-1", M.plus(h(1))), breastfeed("e-2", M.plus(hm(4, 59))))
                .replayUntil(M.plus(h(5)));

        assertThat(out.alerts()).isEmpty();
    }

    @Test
    @DisplayName("Def 9/10: sessions exactly 4 h apart raise nothing (at T = next session the gap is 0: empty interval)")
    void gapExactlyAtTheLimitIsAnEmptyEpisode() {
        Outcome out = newborn()
                .events(breastfeed("e-1", M.plus(h(1))), breastfeed("e-2", M.plus(h(5))))
                .replayUntil(M.plus(hm(5, 30)));

        assertThat(out.alerts()).isEmpty();
    }

    @Test
    @DisplayName("Def 9: sessions 4 h 1 min apart → a one-minute episode [last + 4 h, next session) resolved FREQUENCY_RECOVERED")
    void gapOneMinuteOverTheLimit() {
        Outcome out = newborn()
                .events(breastfeed("e-1", M.plus(h(1))), breastfeed("e-2", M.plus(hm(5, 1))))
                .replayUntil(M.plus(hm(5, 30)));

        String id = alertId("p-1", LONG_GAP, M.plus(h(5)));
        assertThat(out.finalStates()).containsOnlyKeys(id);
        Alert last = out.finalState(id);
        assertThat(last.status()).isEqualTo(RESOLVED);
        assertThat(last.riskSince()).isEqualTo(M.plus(h(5)));
        assertThat(last.resolvedAt()).isEqualTo(M.plus(hm(5, 1)));
        assertThat(last.resolution()).isEqualTo(FREQUENCY_RECOVERED);
    }

    @Test
    @DisplayName("Def 9 + alert fields: OPEN when the clock passes last + 4 h, RESOLVED by the next session, each with its own window")
    void lifecycleAndFields() {
        Outcome out = newborn()
                .events(breastfeed("e-1", M.plus(h(1))),
                        formula("e-2", M.plus(h(6))).volume(30),
                        breastfeed("e-3", M.plus(h(7))))
                .replayUntil(M.plus(hm(7, 30)));

        String id = alertId("p-1", LONG_GAP, M.plus(h(5)));
        List<Alert> records = out.recordsOf(id);
        assertThat(out.alerts()).hasSize(2);
        assertThat(records).extracting(Alert::status).containsExactly(OPEN, RESOLVED);

        Alert open = records.get(0);
        assertThat(open.participantId()).isEqualTo("p-1");
        assertThat(open.clinicId()).isEqualTo("c-1");
        assertThat(open.riskSince()).isEqualTo(M.plus(h(5)));
        assertThat(open.resolvedAt()).isNull();
        assertThat(open.resolution()).isNull();
        assertThat(open.lastSessionAt()).isEqualTo(M.plus(h(1)));
        assertThat(open.gapLimit()).isEqualTo(FOUR_HOURS);
        assertThat(open.windowStart()).isEqualTo(M.plus(h(1)));
        assertThat(open.windowEnd()).isEqualTo(M.plus(h(5)));
        assertThat(open.infantAgeDays()).isEqualTo(3);
        assertThat(open.detectedAt()).isEqualTo(M.plus(h(6)));

        Alert resolved = records.get(1);
        assertThat(resolved.riskSince()).isEqualTo(M.plus(h(5)));
        assertThat(resolved.resolvedAt()).isEqualTo(M.plus(h(7)));
        assertThat(resolved.resolution()).isEqualTo(FREQUENCY_RECOVERED);
        // lastSessionAt is the last session <= windowEnd = resolvedAt: the session that ended the gap.
        assertThat(resolved.lastSessionAt()).isEqualTo(M.plus(h(7)));
        assertThat(resolved.windowStart()).isEqualTo(M.plus(h(1)));
        assertThat(resolved.windowEnd()).isEqualTo(M.plus(h(7)));
        // M+7h is 2026-03-01 01:00 in Chicago: 4 days.
        assertThat(resolved.infantAgeDays()).isEqualTo(4);
        assertThat(resolved.detectedAt()).isEqualTo(M.plus(h(7)));
        assertThat(resolved.observedCount()).isNull();
        assertThat(resolved.expectedMin()).isNull();
    }

    @Test
    @DisplayName("Def 9: anchor = max(last session, monitoringStart): a session 3 h before monitoringStart does not bring the gap forward")
    void anchorIsNeverBeforeMonitoringStart() {
        Outcome out = newborn()
                .events(breastfeed("e-1", M.minus(h(3))))
                .replayUntil(M.plus(h(4)).plus(ms(1)));

        Alert open = only(out.alerts());
        assertThat(open.riskSince()).isEqualTo(M.plus(h(4)));
        assertThat(open.lastSessionAt()).isEqualTo(M.minus(h(3)));
        assertThat(open.windowStart()).isEqualTo(M);
    }

    @Test
    @DisplayName("Def 9: the gap is measured from the session start, not from later events of the same session")
    void gapIsMeasuredFromTheSessionTime() {
        // e-2 (25 min after e-1) belongs to the session at M+1h, so the gap runs from M+1h: risk at M+5h.
        Outcome out = newborn()
                .events(breastfeed("e-1", M.plus(h(1))), breastfeed("e-2", M.plus(h(1)).plus(min(25))))
                .replayUntil(M.plus(h(5)).plus(min(10)));

        Alert open = only(out.alerts());
        assertThat(open.riskSince()).isEqualTo(M.plus(h(5)));
        assertThat(open.lastSessionAt()).isEqualTo(M.plus(h(1)));
    }
}
