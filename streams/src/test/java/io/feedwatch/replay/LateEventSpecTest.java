package io.feedwatch.replay;

import static io.feedwatch.replay.EventLine.breastfeed;
import static io.feedwatch.replay.EventLine.formula;
import static io.feedwatch.replay.ParticipantLine.participant;
import static io.feedwatch.replay.ReplayFixtures.BORN_NEWBORN;
import static io.feedwatch.replay.ReplayFixtures.FREQUENCY_RECOVERED;
import static io.feedwatch.replay.ReplayFixtures.LONG_GAP;
import static io.feedwatch.replay.ReplayFixtures.M;
import static io.feedwatch.replay.ReplayFixtures.OPEN;
import static io.feedwatch.replay.ReplayFixtures.RESOLVED;
import static io.feedwatch.replay.ReplayFixtures.UNDER_FREQUENCY;
import static io.feedwatch.replay.ReplayFixtures.WITHDRAWN;
import static io.feedwatch.replay.ReplayFixtures.alertId;
import static io.feedwatch.replay.ReplayFixtures.h;
import static io.feedwatch.replay.ReplayFixtures.hm;
import static io.feedwatch.replay.ReplayFixtures.min;
import static io.feedwatch.replay.Scenario.scenario;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.feedwatch.replay.Outcome.Alert;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Late events (start before the clock) correct alerts already emitted. p-1 is in band 14-55 (minimum 8, no gap rule)
 * unless stated otherwise. A late event never moves the clock, so records emitted because of it carry the same
 * detectedAt as the clock already had.
 */
@DisplayName("Issue 4, late events: WITHDRAWN and corrected episodes")
class LateEventSpecTest {
    private static final String FIRST = alertId("p-1", UNDER_FREQUENCY, M.plus(h(24)));

    /** Seven hourly sessions M+1h..M+7h; C(M+24h) = 7, so UNDER_FREQUENCY holds from M+24h until more sessions arrive. */
    private static List<EventLine> sevenSessions() {
        List<EventLine> events = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            events.add(breastfeed("e-" + i, M.plus(h(i))));
        }
        return events;
    }

    @Test
    @DisplayName("Late event shows the episode never happened (by the clock): OPEN then WITHDRAWN for the same alertId, nothing else")
    void lateEventWithdrawsAnEpisodeThatNeverHappened() {
        Outcome out = scenario()
                .enrol(participant("p-1"))
                .events(sevenSessions())
                .events(formula("e-f", M.plus(hm(24, 30))).volume(60),
                        // With M+8h, C(M+24h) = 8: the risk now starts at M+25h, after the clock (M+24h30m).
                        breastfeed("e-8", M.plus(h(8))))
                .replayUntil(M.plus(hm(24, 30)));

        assertThat(out.alerts()).extracting(Alert::alertId, Alert::status)
                .containsExactly(tuple(FIRST, OPEN), tuple(FIRST, WITHDRAWN));
        Alert withdrawn = out.finalState(FIRST);
        // Same fields as its last emission, status changed.
        assertThat(withdrawn.riskSince()).isEqualTo(M.plus(h(24)));
        assertThat(withdrawn.observedCount()).isEqualTo(7);
        assertThat(withdrawn.expectedMin()).isEqualTo(8);
        assertThat(withdrawn.windowStart()).isEqualTo(M);
        assertThat(withdrawn.windowEnd()).isEqualTo(M.plus(h(24)));
        assertThat(withdrawn.detectedAt()).isEqualTo(M.plus(hm(24, 30)));
    }

    @Test
    @DisplayName("Late event moves riskSince (M+24h → M+25h): WITHDRAWN for the old alertId and OPEN for the new one")
    void lateEventMovesRiskSince() {
        String second = alertId("p-1", UNDER_FREQUENCY, M.plus(h(25)));
        Outcome out = scenario()
                .enrol(participant("p-1"))
                .events(sevenSessions())
                .events(formula("e-f", M.plus(h(26))).volume(60), breastfeed("e-8", M.plus(h(8))))
                .replayUntil(M.plus(h(26)));

        assertThat(out.recordsOf(FIRST)).extracting(Alert::status).containsExactly(OPEN, WITHDRAWN);
        assertThat(out.recordsOf(second)).extracting(Alert::status).containsExactly(OPEN);
        assertThat(out.alerts()).hasSize(3);
        Alert corrected = out.finalState(second);
        assertThat(corrected.riskSince()).isEqualTo(M.plus(h(25)));
        assertThat(corrected.observedCount()).isEqualTo(7);
        assertThat(corrected.windowStart()).isEqualTo(M.plus(h(1)));
        assertThat(corrected.windowEnd()).isEqualTo(M.plus(h(25)));
        assertThat(corrected.detectedAt()).isEqualTo(M.plus(h(26)));
    }

    @Test
    @DisplayName("Late sessions end an OPEN episode in the past: RESOLVED at the corrected instant (M+28h30m), not WITHDRAWN")
    void lateSessionsResolveInThePast() {
        Outcome out = scenario()
                .enrol(participant("p-1"))
                .events(formula("e-f", M.plus(h(30))).volume(60))
                .events(breastfeed("e-1", M.plus(h(25))), breastfeed("e-2", M.plus(hm(25, 30))),
                        breastfeed("e-3", M.plus(h(26))), breastfeed("e-4", M.plus(hm(26, 30))),
                        breastfeed("e-5", M.plus(h(27))), breastfeed("e-6", M.plus(hm(27, 30))),
                        breastfeed("e-7", M.plus(h(28))), breastfeed("e-8", M.plus(hm(28, 30))))
                .replayUntil(M.plus(h(30)));

        assertThat(out.recordsOf(FIRST)).extracting(Alert::status).containsExactly(OPEN, RESOLVED);
        assertThat(out.alerts()).hasSize(2);
        Alert resolved = out.finalState(FIRST);
        assertThat(resolved.resolvedAt()).isEqualTo(M.plus(hm(28, 30)));
        assertThat(resolved.resolution()).isEqualTo(FREQUENCY_RECOVERED);
        assertThat(resolved.observedCount()).isEqualTo(8);
        assertThat(resolved.windowStart()).isEqualTo(M.plus(hm(4, 30)));
        assertThat(resolved.detectedAt()).isEqualTo(M.plus(h(30)));
    }

    @Test
    @DisplayName("Late session moves an emitted resolution earlier (M+37h → M+36h): RESOLVED re-emitted with the corrected resolvedAt")
    void lateSessionCorrectsAResolution() {
        Scenario s = scenario().enrol(participant("p-1"));
        for (int i = 0; i < 8; i++) {
            s.events(breastfeed("e-" + (i + 1), M.plus(h(30 + i))));
        }
        // M+29h30m is 30 min before M+30h (its own session): C(M+36h) = {29h30m, 30h..36h} = 8.
        Outcome out = s.events(breastfeed("e-late", M.plus(hm(29, 30)))).replayUntil(M.plus(h(38)));

        List<Alert> records = out.recordsOf(FIRST);
        assertThat(records).extracting(Alert::status).containsExactly(OPEN, RESOLVED, RESOLVED);
        assertThat(records.get(1).resolvedAt()).isEqualTo(M.plus(h(37)));
        Alert corrected = records.get(2);
        assertThat(corrected.resolvedAt()).isEqualTo(M.plus(h(36)));
        assertThat(corrected.observedCount()).isEqualTo(8);
        assertThat(corrected.windowStart()).isEqualTo(M.plus(h(12)));
        assertThat(out.finalStates()).containsOnlyKeys(FIRST);
    }

    @Test
    @DisplayName("Late event regroups sessions: LONG_GAP resolution moves to the new session start, the absorbed session disappears")
    void lateEventRegroupsSessions() {
        // Newborn: sessions M+1h and M+5h30m → gap episode [M+5h, M+5h30m). A late feed at M+5h10m starts a session that
        // absorbs M+5h30m (20 min later): the episode is [M+5h, M+5h10m).
        Outcome out = scenario()
                .enrol(participant("p-1").born(BORN_NEWBORN))
                .events(breastfeed("e-1", M.plus(h(1))), breastfeed("e-2", M.plus(hm(5, 30))),
                        breastfeed("e-3", M.plus(hm(5, 10))))
                .replayUntil(M.plus(hm(5, 30)));

        String id = alertId("p-1", LONG_GAP, M.plus(h(5)));
        assertThat(out.finalStates()).containsOnlyKeys(id);
        Alert last = out.finalState(id);
        assertThat(last.status()).isEqualTo(RESOLVED);
        assertThat(last.resolvedAt()).isEqualTo(M.plus(hm(5, 10)));
        assertThat(last.lastSessionAt()).isEqualTo(M.plus(hm(5, 10)));
        assertThat(out.alerts()).extracting(Alert::status).doesNotContain(WITHDRAWN);
        // 2026-02-28 in Chicago: sessions M+1h and M+5h10m, 250 min apart.
        assertThat(out.summary("p-1", "2026-02-28").removalSessions()).isEqualTo(2);
        assertThat(out.summary("p-1", "2026-02-28").longestGapMinutes()).isEqualTo(250);
    }

    @Test
    @DisplayName("A late event that changes no episode emits no alert record")
    void lateEventWithoutEffectEmitsNothing() {
        Outcome out = scenario()
                .enrol(participant("p-1"))
                .events(formula("e-1", M.plus(h(26))).volume(60), formula("e-2", M.plus(h(20))).volume(60))
                .replayUntil(M.plus(h(26)));

        assertThat(out.alerts()).extracting(Alert::alertId, Alert::status)
                .containsExactly(tuple(FIRST, OPEN));
    }

    @Test
    @DisplayName("Final state equals the episodes of all data: shuffled arrival ends in the same non-withdrawn alerts as sorted arrival")
    void finalStateIndependentOfArrivalOrder() {
        List<EventLine> sorted = new ArrayList<>(sevenSessions());
        sorted.add(breastfeed("e-8", M.plus(h(8))));
        sorted.add(formula("e-f", M.plus(h(26))).volume(60));
        List<EventLine> shuffled = List.of(sorted.get(8), sorted.get(7), sorted.get(2), sorted.get(0), sorted.get(6),
                sorted.get(1), sorted.get(5), sorted.get(3), sorted.get(4));

        Outcome inOrder = scenario().enrol(participant("p-1")).events(sorted).replayUntil(M.plus(h(26)));
        Outcome outOfOrder = scenario().enrol(participant("p-1")).events(shuffled).replayUntil(M.plus(h(26)));

        String expected = alertId("p-1", UNDER_FREQUENCY, M.plus(h(25)));
        assertThat(liveEpisodes(inOrder)).containsOnlyKeys(expected);
        assertThat(liveEpisodes(outOfOrder)).isEqualTo(liveEpisodes(inOrder));
        // Shuffled, the clock reached M+26h first: the M+24h episode was reported, then withdrawn.
        assertThat(outOfOrder.finalState(FIRST).status()).isEqualTo(WITHDRAWN);
    }

    /** Final non-withdrawn records, without detectedAt and message (which depend on when the clock saw them). */
    private static Map<String, Alert> liveEpisodes(Outcome out) {
        return out.finalStates().values().stream()
                .filter(a -> !a.status().equals(WITHDRAWN))
                .map(a -> new Alert(a.alertId(), a.participantId(), a.clinicId(), a.type(), a.status(), a.riskSince(),
                        a.resolvedAt(), a.resolution(), a.observedCount(), a.expectedMin(), a.lastSessionAt(), a.gapLimit(),
                        a.infantAgeDays(), a.windowStart(), a.windowEnd(), null, null))
                .collect(Collectors.toMap(Alert::alertId, a -> a));
    }

    @Test
    @DisplayName("LONG_GAP: a late feed inside the gap withdraws the episode it shows never happened")
    void lateFeedWithdrawsALongGap() {
        // Newborn, clock M+6h via a bottle feed: gap [M+4h, ...) is reported. The late feed at M+3h20m moves the anchor,
        // so the gap would start at M+7h20m, after the clock.
        String id = alertId("p-1", LONG_GAP, M.plus(h(4)));
        Outcome out = scenario()
                .enrol(participant("p-1").born(BORN_NEWBORN))
                .events(formula("e-1", M.plus(h(6))).volume(30), breastfeed("e-2", M.plus(h(3)).plus(min(20))))
                .replayUntil(M.plus(h(6)));

        assertThat(out.alerts()).extracting(Alert::alertId, Alert::status)
                .containsExactly(tuple(id, OPEN), tuple(id, WITHDRAWN));
        assertThat(out.finalState(id).lastSessionAt()).isNull();
        assertThat(out.rejected()).isEmpty();
    }
}
