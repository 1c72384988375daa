package io.feedwatch.replay;

import static io.feedwatch.replay.EventLine.breastfeed;
import static io.feedwatch.replay.EventLine.breastfeedsAfterM;
import static io.feedwatch.replay.ParticipantLine.participant;
import static io.feedwatch.replay.ReplayFixtures.M;
import static io.feedwatch.replay.ReplayFixtures.MONITORING_ENDED;
import static io.feedwatch.replay.ReplayFixtures.OPEN;
import static io.feedwatch.replay.ReplayFixtures.RESOLVED;
import static io.feedwatch.replay.ReplayFixtures.UNDER_FREQUENCY;
import static io.feedwatch.replay.ReplayFixtures.alertId;
import static io.feedwatch.replay.ReplayFixtures.h;
import static io.feedwatch.replay.ReplayFixtures.ms;
import static io.feedwatch.replay.ReplayFixtures.only;
import static io.feedwatch.replay.Scenario.scenario;
import static org.assertj.core.api.Assertions.assertThat;

import io.feedwatch.replay.Outcome.Alert;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * p-1 is in band 14-55 (minimum 8, no gap rule), monitored from M to E = M+30h. Silent, its UNDER_FREQUENCY episode is
 * [M+24h, E).
 */
@DisplayName("Issue 4, definition 7 (monitoring window) and the reporting cut at until")
class MonitoringSpecTest {
    private static final Instant E = M.plus(h(30));
    private static final String ID = alertId("p-1", UNDER_FREQUENCY, M.plus(h(24)));

    private static Scenario silentUntilEnd() {
        return scenario().enrol(participant("p-1").end(E));
    }

    @Test
    @DisplayName("Def 7: monitoringEnd resolves the episode at exactly monitoringEnd with MONITORING_ENDED")
    void monitoringEndResolves() {
        Outcome out = silentUntilEnd().replayUntil(M.plus(h(40)));

        assertThat(out.finalStates()).containsOnlyKeys(ID);
        Alert last = out.finalState(ID);
        assertThat(last.status()).isEqualTo(RESOLVED);
        assertThat(last.riskSince()).isEqualTo(M.plus(h(24)));
        assertThat(last.resolvedAt()).isEqualTo(E);
        assertThat(last.resolution()).isEqualTo(MONITORING_ENDED);
        assertThat(last.observedCount()).isZero();
        assertThat(last.expectedMin()).isEqualTo(8);
        assertThat(last.windowStart()).isEqualTo(E.minus(h(24)));
        assertThat(last.windowEnd()).isEqualTo(E);
    }

    @Test
    @DisplayName("Reporting: resolvedAt == until → RESOLVED")
    void resolvedAtEqualToUntilIsResolved() {
        Outcome out = silentUntilEnd().replayUntil(E);

        assertThat(out.finalState(ID).status()).isEqualTo(RESOLVED);
        assertThat(out.finalState(ID).resolvedAt()).isEqualTo(E);
    }

    @Test
    @DisplayName("Reporting: resolvedAt > until → stays OPEN, no RESOLVED record at all")
    void resolvedAtAfterUntilStaysOpen() {
        Outcome out = silentUntilEnd().replayUntil(E.minus(ms(1)));

        assertThat(out.recordsOf(ID)).extracting(Alert::status).containsExactly(OPEN);
        assertThat(out.finalState(ID).resolvedAt()).isNull();
        assertThat(out.finalState(ID).resolution()).isNull();
    }

    @Test
    @DisplayName("Def 7: events after monitoringEnd open no alert (not monitored at T ≥ monitoringEnd)")
    void eventsAfterMonitoringEndOpenNothing() {
        // Sessions every 3 h from M+1h to M+28h keep C(T) = 8 on [M+24h, E); after E, C would drop to 7 at M+31h.
        Outcome out = scenario()
                .enrol(participant("p-1").end(E))
                .events(breastfeedsAfterM(h(1), h(4), h(7), h(10), h(13), h(16), h(19), h(22), h(25), h(28)))
                .events(breastfeed("e-late", M.plus(h(40))))
                .replayUntil(M.plus(h(60)));

        assertThat(out.alerts()).isEmpty();
    }

    @Test
    @DisplayName("Def 7: a later enrollment record replaces the earlier one (new clinic and monitoringStart apply)")
    void laterEnrollmentReplacesEarlier() {
        Outcome out = scenario()
                .enrol(participant("p-1").clinic("c-1"), participant("p-1").clinic("c-2").start(M.plus(h(2))))
                .replayUntil(M.plus(h(27)));

        // Only the second record counts: UNDER_FREQUENCY from its monitoringStart + 24h = M+26h, never from M+24h.
        Alert open = only(out.alerts());
        assertThat(open.alertId()).isEqualTo(alertId("p-1", UNDER_FREQUENCY, M.plus(h(26))));
        assertThat(open.riskSince()).isEqualTo(M.plus(h(26)));
        assertThat(open.clinicId()).isEqualTo("c-2");
    }
}
