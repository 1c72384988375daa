package io.feedwatch.replay;

import static io.feedwatch.replay.EventLine.breastfeed;
import static io.feedwatch.replay.EventLine.formula;
import static io.feedwatch.replay.ParticipantLine.participant;
import static io.feedwatch.replay.ReplayFixtures.FOUR_HOURS;
import static io.feedwatch.replay.ReplayFixtures.FREQUENCY_RECOVERED;
import static io.feedwatch.replay.ReplayFixtures.LONG_GAP;
import static io.feedwatch.replay.ReplayFixtures.M;
import static io.feedwatch.replay.ReplayFixtures.MONITORING_ENDED;
import static io.feedwatch.replay.ReplayFixtures.OPEN;
import static io.feedwatch.replay.ReplayFixtures.POLICY_CHANGED;
import static io.feedwatch.replay.ReplayFixtures.RESOLVED;
import static io.feedwatch.replay.ReplayFixtures.UNDER_FREQUENCY;
import static io.feedwatch.replay.ReplayFixtures.alertId;
import static io.feedwatch.replay.ReplayFixtures.at;
import static io.feedwatch.replay.ReplayFixtures.h;
import static io.feedwatch.replay.Scenario.scenario;
import static org.assertj.core.api.Assertions.assertThat;

import io.feedwatch.replay.Outcome.Alert;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Age bands change at the participant's LOCAL midnight (America/Chicago). Local midnights used here:
 * 2026-03-05 = 06:00Z, 2026-03-06 = 06:00Z (CST); 2026-03-08 (23 h day) = 06:00Z, 2026-03-09 = 05:00Z and
 * 2026-03-10 = 05:00Z (CDT); 2026-11-01 (25 h day) = 05:00Z (CDT), 2026-11-02 = 06:00Z (CST).
 */
@DisplayName("Issue 4, definitions 5 and 6 (infant age, policy bands) incl. DST days")
class AgeBandSpecTest {
    /** Local midnight starting 2026-03-06 in Chicago (CST). */
    private static final Instant MAR6 = at("2026-03-06T06:00:00Z");

    @Test
    @DisplayName("Def 5/6: day 13 → 14 at local midnight removes the gap rule: LONG_GAP resolves POLICY_CHANGED at 06:00Z, not at UTC midnight")
    void gapRuleEndsAtLocalMidnightOfDay14() {
        // Born 2026-02-20: age 13 on local 2026-03-05, 14 from local 2026-03-06 (= 06:00Z).
        // Sessions keep every gap under 4 h until the last one at 01:00Z; eight sessions in (05T06:00Z, 06T06:30Z] keep
        // UNDER_FREQUENCY away until 06T07:00Z, after until. The formula feed at 05:30Z moves the clock past riskSince.
        Outcome out = scenario()
                .enrol(participant("p-1").born("2026-02-20").start(at("2026-03-05T06:00:00Z")))
                .events(breastfeed("e-1", at("2026-03-05T07:00:00Z")), breastfeed("e-2", at("2026-03-05T08:00:00Z")),
                        breastfeed("e-3", at("2026-03-05T10:00:00Z")), breastfeed("e-4", at("2026-03-05T13:00:00Z")),
                        breastfeed("e-5", at("2026-03-05T16:00:00Z")), breastfeed("e-6", at("2026-03-05T19:00:00Z")),
                        breastfeed("e-7", at("2026-03-05T22:00:00Z")), breastfeed("e-8", at("2026-03-06T01:00:00Z")),
                        formula("e-9", at("2026-03-06T05:30:00Z")).volume(60))
                .replayUntil(at("2026-03-06T06:30:00Z"));

        String id = alertId("p-1", LONG_GAP, at("2026-03-06T05:00:00Z"));
        assertThat(out.alerts()).extracting(Alert::alertId).containsOnly(id);
        List<Alert> records = out.recordsOf(id);
        assertThat(records).extracting(Alert::status).containsExactly(OPEN, RESOLVED);

        Alert open = records.get(0);
        assertThat(open.riskSince()).isEqualTo(at("2026-03-06T05:00:00Z"));
        assertThat(open.lastSessionAt()).isEqualTo(at("2026-03-06T01:00:00Z"));
        assertThat(open.windowStart()).isEqualTo(at("2026-03-06T01:00:00Z"));
        assertThat(open.windowEnd()).isEqualTo(at("2026-03-06T05:00:00Z"));
        assertThat(open.gapLimit()).isEqualTo(FOUR_HOURS);
        assertThat(open.infantAgeDays()).isEqualTo(13);
        assertThat(open.detectedAt()).isEqualTo(at("2026-03-06T05:30:00Z"));

        Alert resolved = records.get(1);
        assertThat(resolved.resolvedAt()).isEqualTo(MAR6);
        assertThat(resolved.resolution()).isEqualTo(POLICY_CHANGED);
        assertThat(resolved.windowEnd()).isEqualTo(MAR6);
        assertThat(resolved.windowStart()).isEqualTo(at("2026-03-06T01:00:00Z"));
        assertThat(resolved.lastSessionAt()).isEqualTo(at("2026-03-06T01:00:00Z"));
        // The band at windowEnd has no gap limit, so gapLimit is the one at riskSince.
        assertThat(resolved.gapLimit()).isEqualTo(FOUR_HOURS);
        assertThat(resolved.infantAgeDays()).isEqualTo(14);
        assertThat(resolved.detectedAt()).isEqualTo(at("2026-03-06T06:30:00Z"));
    }

    /** Born 2026-01-09: age 55 on local 2026-03-05, 56 from MAR6. Monitored from local midnight 2026-03-04. */
    private static Scenario turning56(int sessions) {
        List<String> starts = List.of("2026-03-05T12:00:00Z", "2026-03-05T14:00:00Z", "2026-03-05T16:00:00Z",
                "2026-03-05T18:00:00Z", "2026-03-05T20:00:00Z", "2026-03-05T22:00:00Z", "2026-03-06T00:00:00Z");
        Scenario s = scenario().enrol(participant("p-1").born("2026-01-09").start(at("2026-03-04T06:00:00Z")));
        for (int i = 0; i < sessions; i++) {
            s.events(breastfeed("e-" + (i + 1), at(starts.get(i))));
        }
        return s;
    }

    @Test
    @DisplayName("Def 6: day 55 → 56 lowers the minimum 8 → 6 at local midnight: 7 sessions resolve POLICY_CHANGED; 6 is no risk, 5 is")
    void minimumDropsFrom8To6AtLocalMidnightOfDay56() {
        Outcome out = turning56(7).replayUntil(at("2026-03-06T15:00:00Z"));

        String first = alertId("p-1", UNDER_FREQUENCY, at("2026-03-05T06:00:00Z"));
        String second = alertId("p-1", UNDER_FREQUENCY, at("2026-03-06T14:00:00Z"));
        assertThat(out.finalStates()).containsOnlyKeys(first, second);
        assertThat(out.recordsOf(first)).extracting(Alert::status).containsExactly(OPEN, RESOLVED);

        Alert open = out.recordsOf(first).get(0);
        assertThat(open.riskSince()).isEqualTo(at("2026-03-05T06:00:00Z"));
        assertThat(open.observedCount()).isZero();
        assertThat(open.expectedMin()).isEqualTo(8);
        assertThat(open.infantAgeDays()).isEqualTo(55);
        assertThat(open.windowStart()).isEqualTo(at("2026-03-04T06:00:00Z"));
        assertThat(open.detectedAt()).isEqualTo(at("2026-03-05T12:00:00Z"));

        Alert resolved = out.finalState(first);
        assertThat(resolved.resolvedAt()).isEqualTo(MAR6);
        assertThat(resolved.resolution()).isEqualTo(POLICY_CHANGED);
        assertThat(resolved.observedCount()).isEqualTo(7);
        assertThat(resolved.expectedMin()).isEqualTo(6);
        assertThat(resolved.infantAgeDays()).isEqualTo(56);

        // 12:00Z of 03-05 expires at 03-06T12:00Z → C = 6 = minimum (no risk); 14:00Z expires → C = 5 → risk.
        Alert again = out.finalState(second);
        assertThat(again.status()).isEqualTo(OPEN);
        assertThat(again.observedCount()).isEqualTo(5);
        assertThat(again.expectedMin()).isEqualTo(6);
        assertThat(again.windowStart()).isEqualTo(at("2026-03-05T14:00:00Z"));
    }

    @Test
    @DisplayName("README Alert lifecycle: a session exactly at the band change that meets the old minimum gives FREQUENCY_RECOVERED")
    void sessionAtTheBandChangeThatMeetsTheOldMinimumIsFrequencyRecovered() {
        Outcome out = turning56(7)
                .events(breastfeed("e-8", MAR6))
                .replayUntil(at("2026-03-06T07:00:00Z"));

        String id = alertId("p-1", UNDER_FREQUENCY, at("2026-03-05T06:00:00Z"));
        assertThat(out.finalStates()).containsOnlyKeys(id);
        Alert resolved = out.finalState(id);
        assertThat(resolved.status()).isEqualTo(RESOLVED);
        assertThat(resolved.resolvedAt()).isEqualTo(MAR6);
        assertThat(resolved.resolution()).isEqualTo(FREQUENCY_RECOVERED);
        assertThat(resolved.observedCount()).isEqualTo(8);
    }

    @Test
    @DisplayName("Def 10: a band change (55 → 56) while the risk holds (5 sessions < 6) does not split the episode")
    void bandChangeDoesNotSplitAnEpisode() {
        Outcome out = turning56(5).replayUntil(at("2026-03-06T07:00:00Z"));

        String id = alertId("p-1", UNDER_FREQUENCY, at("2026-03-05T06:00:00Z"));
        assertThat(out.finalStates()).containsOnlyKeys(id);
        assertThat(out.recordsOf(id)).extracting(Alert::status).containsExactly(OPEN);
    }

    @Test
    @DisplayName("Def 6: day 182 → 183 ends monitoring by age: UNDER_FREQUENCY resolves POLICY_CHANGED at local midnight")
    void notMonitoredFromDay183() {
        // Born 2025-09-04: age 181 on local 2026-03-04, 183 from MAR6. Band 56-182: minimum 6.
        Outcome out = scenario()
                .enrol(participant("p-1").born("2025-09-04").start(at("2026-03-04T06:00:00Z")))
                .replayUntil(at("2026-03-07T00:00:00Z"));

        String id = alertId("p-1", UNDER_FREQUENCY, at("2026-03-05T06:00:00Z"));
        assertThat(out.finalStates()).containsOnlyKeys(id);
        Alert resolved = out.finalState(id);
        assertThat(resolved.status()).isEqualTo(RESOLVED);
        assertThat(resolved.resolvedAt()).isEqualTo(MAR6);
        assertThat(resolved.resolution()).isEqualTo(POLICY_CHANGED);
        assertThat(resolved.observedCount()).isZero();
        // No minimum at windowEnd: expectedMin is the one at riskSince.
        assertThat(resolved.expectedMin()).isEqualTo(6);
        assertThat(resolved.infantAgeDays()).isEqualTo(183);
    }

    @Test
    @DisplayName("README Alert lifecycle: monitoringEnd at the same instant as the 183-day band change → MONITORING_ENDED wins")
    void monitoringEndedTakesPrecedenceOverPolicyChanged() {
        Outcome out = scenario()
                .enrol(participant("p-1").born("2025-09-04").start(at("2026-03-04T06:00:00Z")).end(MAR6))
                .replayUntil(at("2026-03-07T00:00:00Z"));

        Alert resolved = out.finalState(alertId("p-1", UNDER_FREQUENCY, at("2026-03-05T06:00:00Z")));
        assertThat(resolved.resolvedAt()).isEqualTo(MAR6);
        assertThat(resolved.resolution()).isEqualTo(MONITORING_ENDED);
    }

    @Test
    @DisplayName("Def 6: an infant 183 days or older is not monitored: a silent participant gets no alert")
    void olderThan182DaysIsNeverMonitored() {
        Outcome out = scenario()
                .enrol(participant("p-1").born("2025-08-01"))
                .replayUntil(M.plus(h(72)));

        assertThat(out.alerts()).isEmpty();
    }

    @Test
    @DisplayName("README Detection rules 5: negative age (birth date after the local date) has no band: no risk up to the local birth-date midnight")
    void negativeAgeHasNoRisk() {
        // Born 2026-03-10; local midnight 2026-03-10 is 05:00Z (CDT, after the 2026-03-08 spring-forward).
        Outcome out = scenario()
                .enrol(participant("p-1").born("2026-03-10"))
                .replayUntil(at("2026-03-10T05:00:00Z"));

        assertThat(out.alerts()).isEmpty();
    }

    @Test
    @DisplayName("Def 5/6: from local midnight of the birth date (age 0, CDT 05:00Z) both rules apply at once")
    void bothRulesStartAtLocalMidnightOfTheBirthDate() {
        Instant birthMidnight = at("2026-03-10T05:00:00Z");
        Outcome out = scenario()
                .enrol(participant("p-1").born("2026-03-10"))
                .replayUntil(at("2026-03-10T06:00:00Z"));

        assertThat(out.finalStates()).containsOnlyKeys(alertId("p-1", UNDER_FREQUENCY, birthMidnight),
                alertId("p-1", LONG_GAP, birthMidnight));
        Alert under = out.finalState(alertId("p-1", UNDER_FREQUENCY, birthMidnight));
        assertThat(under.status()).isEqualTo(OPEN);
        assertThat(under.observedCount()).isZero();
        assertThat(under.expectedMin()).isEqualTo(8);
        assertThat(under.infantAgeDays()).isZero();
        Alert gap = out.finalState(alertId("p-1", LONG_GAP, birthMidnight));
        assertThat(gap.status()).isEqualTo(OPEN);
        assertThat(gap.windowStart()).isEqualTo(M);
        assertThat(gap.lastSessionAt()).isNull();
        assertThat(gap.gapLimit()).isEqualTo(FOUR_HOURS);
        assertThat(gap.infantAgeDays()).isZero();
    }

    @Test
    @DisplayName("DST: band change 13 → 14 at the end of the 23 h spring-forward day is at 05:00Z (CDT), not 06:00Z")
    void bandChangeAfterSpringForward() {
        // Born 2026-02-23: age 13 on local 2026-03-08 (the 23 h day), 14 from local 2026-03-09 = 05:00Z.
        // Eight sessions in (08T06:00Z, 09T06:30Z] keep UNDER_FREQUENCY away until after until.
        Outcome out = scenario()
                .enrol(participant("p-1").born("2026-02-23").start(at("2026-03-08T06:00:00Z")))
                .events(breastfeed("e-1", at("2026-03-08T07:00:00Z")), breastfeed("e-2", at("2026-03-08T08:00:00Z")),
                        breastfeed("e-3", at("2026-03-08T10:00:00Z")), breastfeed("e-4", at("2026-03-08T13:00:00Z")),
                        breastfeed("e-5", at("2026-03-08T16:00:00Z")), breastfeed("e-6", at("2026-03-08T19:00:00Z")),
                        breastfeed("e-7", at("2026-03-08T22:00:00Z")), breastfeed("e-8", at("2026-03-09T00:00:00Z")))
                .replayUntil(at("2026-03-09T06:30:00Z"));

        String id = alertId("p-1", LONG_GAP, at("2026-03-09T04:00:00Z"));
        assertThat(out.finalStates()).containsOnlyKeys(id);
        Alert resolved = out.finalState(id);
        assertThat(resolved.status()).isEqualTo(RESOLVED);
        assertThat(resolved.resolvedAt()).isEqualTo(at("2026-03-09T05:00:00Z"));
        assertThat(resolved.resolution()).isEqualTo(POLICY_CHANGED);
        assertThat(resolved.infantAgeDays()).isEqualTo(14);
    }

    @Test
    @DisplayName("DST: band change 13 → 14 at the end of the 25 h fall-back day is at 06:00Z (CST), not 05:00Z")
    void bandChangeAfterFallBack() {
        // Born 2026-10-19: age 13 on local 2026-11-01 (the 25 h day), 14 from local 2026-11-02 = 06:00Z.
        // Last session 01:30Z → gap risk from 05:30Z; with a CDT (05:00Z) midnight there would be no episode at all.
        // Nine sessions in (01T05:00Z, 02T05:00Z] keep UNDER_FREQUENCY away until 02T07:00Z, after until.
        Outcome out = scenario()
                .enrol(participant("p-1").born("2026-10-19").start(at("2026-11-01T05:00:00Z")))
                .events(breastfeed("e-1", at("2026-11-01T06:00:00Z")), breastfeed("e-2", at("2026-11-01T07:00:00Z")),
                        breastfeed("e-3", at("2026-11-01T09:00:00Z")), breastfeed("e-4", at("2026-11-01T12:00:00Z")),
                        breastfeed("e-5", at("2026-11-01T15:00:00Z")), breastfeed("e-6", at("2026-11-01T18:00:00Z")),
                        breastfeed("e-7", at("2026-11-01T21:00:00Z")), breastfeed("e-8", at("2026-11-01T23:30:00Z")),
                        breastfeed("e-9", at("2026-11-02T01:30:00Z")))
                .replayUntil(at("2026-11-02T06:30:00Z"));

        String id = alertId("p-1", LONG_GAP, at("2026-11-02T05:30:00Z"));
        assertThat(out.finalStates()).containsOnlyKeys(id);
        Alert resolved = out.finalState(id);
        assertThat(resolved.status()).isEqualTo(RESOLVED);
        assertThat(resolved.resolvedAt()).isEqualTo(at("2026-11-02T06:00:00Z"));
        assertThat(resolved.resolution()).isEqualTo(POLICY_CHANGED);
        assertThat(resolved.infantAgeDays()).isEqualTo(14);
    }
}
