package io.feedwatch.replay;

import static io.feedwatch.replay.EventLine.breastfeed;
import static io.feedwatch.replay.EventLine.breastfeedsAfterM;
import static io.feedwatch.replay.EventLine.pump;
import static io.feedwatch.replay.Outcome.Summary.counts;
import static io.feedwatch.replay.ParticipantLine.participant;
import static io.feedwatch.replay.ReplayFixtures.BORN_NEWBORN;
import static io.feedwatch.replay.ReplayFixtures.LONG_GAP;
import static io.feedwatch.replay.ReplayFixtures.M;
import static io.feedwatch.replay.ReplayFixtures.UNDER_FREQUENCY;
import static io.feedwatch.replay.ReplayFixtures.alertId;
import static io.feedwatch.replay.ReplayFixtures.at;
import static io.feedwatch.replay.ReplayFixtures.h;
import static io.feedwatch.replay.ReplayFixtures.min;
import static io.feedwatch.replay.ReplayFixtures.only;
import static io.feedwatch.replay.Scenario.scenario;
import static org.assertj.core.api.Assertions.assertThat;

import io.feedwatch.replay.Outcome.Alert;
import io.feedwatch.replay.Outcome.Summary;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Sessions are observed through the daily summary (removalSessions, longestGapMinutes) and through C(T). All summary
 * events are on 2026-03-01 14:00Z onwards, i.e. 08:00 onwards on local date 2026-03-01 (CST).
 */
@DisplayName("Issue 4, definition 3 (sessions)")
class SessionSpecTest {
    private static final Duration SECOND = Duration.ofSeconds(1);

    @Test
    @DisplayName("Def 3: two removal events 29:59 apart are one session (a feed followed by pumping)")
    void eventsLessThan30MinutesApartAreOneSession() {
        Outcome out = scenario()
                .enrol(participant("p-1"))
                .events(breastfeed("e-1", at("2026-03-01T14:00:00Z")), pump("e-2", at("2026-03-01T14:29:59Z")))
                .replayToLatestEvent();

        Summary day = out.summary("p-1", "2026-03-01");
        assertThat(day.removalSessions()).isEqualTo(1);
        assertThat(day.eventCounts()).containsExactlyEntriesOf(counts(1, 1, 0, 0, 0));
        assertThat(day.longestGapMinutes()).isNull();
    }

    @Test
    @DisplayName("Def 3: two removal events exactly 30 min apart are two sessions")
    void eventsExactly30MinutesApartAreTwoSessions() {
        Outcome out = scenario()
                .enrol(participant("p-1"))
                .events(breastfeed("e-1", at("2026-03-01T14:00:00Z")), breastfeed("e-2", at("2026-03-01T14:30:00Z")))
                .replayToLatestEvent();

        Summary day = out.summary("p-1", "2026-03-01");
        assertThat(day.removalSessions()).isEqualTo(2);
        assertThat(day.longestGapMinutes()).isEqualTo(30);
    }

    @Test
    @DisplayName("Def 3: a chain at 0, 20 and 40 min is two sessions (0 and 40): membership is measured from the session start")
    void greedyGroupingFromTheSessionStart() {
        Outcome out = scenario()
                .enrol(participant("p-1"))
                .events(breastfeed("e-1", at("2026-03-01T14:00:00Z")), breastfeed("e-2", at("2026-03-01T14:20:00Z")),
                        breastfeed("e-3", at("2026-03-01T14:40:00Z")))
                .replayToLatestEvent();

        Summary day = out.summary("p-1", "2026-03-01");
        assertThat(day.removalSessions()).isEqualTo(2);
        assertThat(day.eventCounts()).containsExactlyEntriesOf(counts(3, 0, 0, 0, 0));
        // Session times 14:00 and 14:40: the gap is 40 min (not 20, not null).
        assertThat(day.longestGapMinutes()).isEqualTo(40);
    }

    @Test
    @DisplayName("Def 3: sessions are formed in startTime order, not arrival order (40, 0, 20 min arriving → sessions at 0 and 40)")
    void sessionsAreFormedInStartTimeOrder() {
        Outcome out = scenario()
                .enrol(participant("p-1"))
                .events(breastfeed("e-3", at("2026-03-01T14:40:00Z")), breastfeed("e-1", at("2026-03-01T14:00:00Z")),
                        breastfeed("e-2", at("2026-03-01T14:20:00Z")))
                .replayToLatestEvent();

        Summary day = out.summary("p-1", "2026-03-01");
        assertThat(day.removalSessions()).isEqualTo(2);
        assertThat(day.longestGapMinutes()).isEqualTo(40);
    }

    @Test
    @DisplayName("Def 3 in C(T): eight events in four pairs 29:59 apart are four sessions: UNDER_FREQUENCY with count 4")
    void pairsUnder30MinutesCountOnce() {
        Outcome out = scenario()
                .enrol(participant("p-1"))
                .events(breastfeedsAfterM(h(1), h(1).plus(min(30)).minus(SECOND), h(3), h(3).plus(min(30)).minus(SECOND),
                        h(5), h(5).plus(min(30)).minus(SECOND), h(7), h(7).plus(min(30)).minus(SECOND)))
                .replayUntil(M.plus(h(24)).plus(min(30)));

        Alert open = only(out.alerts());
        assertThat(open.alertId()).isEqualTo(alertId("p-1", UNDER_FREQUENCY, M.plus(h(24))));
        assertThat(open.observedCount()).isEqualTo(4);
    }

    @Test
    @DisplayName("Def 3 in C(T): the same four pairs exactly 30 min apart are eight sessions: no risk at monitoringStart + 24 h")
    void pairsExactly30MinutesApartCountTwice() {
        Outcome out = scenario()
                .enrol(participant("p-1"))
                .events(breastfeedsAfterM(h(1), h(1).plus(min(30)), h(3), h(3).plus(min(30)),
                        h(5), h(5).plus(min(30)), h(7), h(7).plus(min(30))))
                // The first session (M+1h) expires at M+25h; until is before that.
                .replayUntil(M.plus(h(24)).plus(min(30)));

        assertThat(out.alerts()).isEmpty();
    }

    @Test
    @DisplayName("Def 3 + README Alert lifecycle (choices where the rules are silent): a removal event before monitoringStart starts a session that absorbs one 20 min later")
    void sessionsIncludeEventsBeforeMonitoringStart() {
        Outcome out = scenario()
                .enrol(participant("p-1").born(BORN_NEWBORN))
                .events(breastfeed("e-1", M.minus(min(10))), breastfeed("e-2", M.plus(min(10))))
                .replayUntil(M.plus(h(4)).plus(min(5)));

        // One session at M-10min; the gap anchor is max(M-10min, monitoringStart) = M, so the gap runs from M+4h.
        // Had e-2 started its own session, riskSince would be M+4h10min (not yet reached at until).
        Alert gap = only(out.alerts());
        assertThat(gap.type()).isEqualTo(LONG_GAP);
        assertThat(gap.riskSince()).isEqualTo(M.plus(h(4)));
        assertThat(gap.lastSessionAt()).isEqualTo(M.minus(min(10)));
        assertThat(gap.windowStart()).isEqualTo(M);
    }
}
