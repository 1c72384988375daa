package io.feedwatch.replay;

import static io.feedwatch.replay.EventLine.breastfeed;
import static io.feedwatch.replay.Outcome.Summary.counts;
import static io.feedwatch.replay.ParticipantLine.participant;
import static io.feedwatch.replay.ReplayFixtures.BORN_NEWBORN;
import static io.feedwatch.replay.ReplayFixtures.BORN_OLDER;
import static io.feedwatch.replay.ReplayFixtures.FOUR_HOURS;
import static io.feedwatch.replay.ReplayFixtures.FREQUENCY_RECOVERED;
import static io.feedwatch.replay.ReplayFixtures.LONG_GAP;
import static io.feedwatch.replay.ReplayFixtures.M;
import static io.feedwatch.replay.ReplayFixtures.OPEN;
import static io.feedwatch.replay.ReplayFixtures.RESOLVED;
import static io.feedwatch.replay.ReplayFixtures.UNDER_FREQUENCY;
import static io.feedwatch.replay.ReplayFixtures.alertId;
import static io.feedwatch.replay.ReplayFixtures.at;
import static io.feedwatch.replay.ReplayFixtures.h;
import static io.feedwatch.replay.ReplayFixtures.min;
import static io.feedwatch.replay.ReplayFixtures.ms;
import static io.feedwatch.replay.ReplayFixtures.only;
import static io.feedwatch.replay.Scenario.scenario;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.feedwatch.replay.Outcome.Alert;
import io.feedwatch.replay.Outcome.Summary;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Issue 4, definition 10 (episodes) and the alert record")
class EpisodeReportingSpecTest {

    /** Silent p-1 (band 14-55) from M; eight hourly sessions M+30h..M+37h bring C back to 8 at M+37h. */
    private static Scenario recoveringParticipant() {
        Scenario s = scenario().enrol(participant("p-1"));
        for (int i = 0; i < 8; i++) {
            s.events(breastfeed("e-" + (i + 1), M.plus(h(30 + i))));
        }
        return s;
    }

    @Test
    @DisplayName("Def 10: UNDER_FREQUENCY [M+24h, M+37h): OPEN when the clock passes riskSince, RESOLVED FREQUENCY_RECOVERED at M+37h, every field")
    void underFrequencyLifecycleAndFields() {
        Outcome out = recoveringParticipant().replayUntil(M.plus(h(40)));

        String id = alertId("p-1", UNDER_FREQUENCY, M.plus(h(24)));
        assertThat(out.alerts()).extracting(Alert::alertId).containsOnly(id);
        List<Alert> records = out.recordsOf(id);
        assertThat(records).extracting(Alert::status).containsExactly(OPEN, RESOLVED);

        Alert open = records.get(0);
        assertThat(open.participantId()).isEqualTo("p-1");
        assertThat(open.clinicId()).isEqualTo("c-1");
        assertThat(open.type()).isEqualTo(UNDER_FREQUENCY);
        assertThat(open.riskSince()).isEqualTo(M.plus(h(24)));
        assertThat(open.resolvedAt()).isNull();
        assertThat(open.resolution()).isNull();
        assertThat(open.observedCount()).isZero();
        assertThat(open.expectedMin()).isEqualTo(8);
        assertThat(open.lastSessionAt()).isNull();
        assertThat(open.gapLimit()).isNull();
        // windowEnd = riskSince = 2026-03-02T00:00Z = 2026-03-01 18:00 Chicago: 40 days after 2026-01-20.
        assertThat(open.infantAgeDays()).isEqualTo(40);
        assertThat(open.windowStart()).isEqualTo(M);
        assertThat(open.windowEnd()).isEqualTo(M.plus(h(24)));
        // The first event (M+30h) is the first clock value past riskSince.
        assertThat(open.detectedAt()).isEqualTo(M.plus(h(30)));
        assertThat(open.message()).isNotBlank();

        Alert resolved = records.get(1);
        assertThat(resolved.riskSince()).isEqualTo(M.plus(h(24)));
        assertThat(resolved.resolvedAt()).isEqualTo(M.plus(h(37)));
        assertThat(resolved.resolution()).isEqualTo(FREQUENCY_RECOVERED);
        assertThat(resolved.observedCount()).isEqualTo(8);
        assertThat(resolved.expectedMin()).isEqualTo(8);
        assertThat(resolved.lastSessionAt()).isNull();
        assertThat(resolved.gapLimit()).isNull();
        // windowEnd = resolvedAt = 2026-03-02T13:00Z = 2026-03-02 07:00 Chicago: 41 days.
        assertThat(resolved.infantAgeDays()).isEqualTo(41);
        assertThat(resolved.windowStart()).isEqualTo(M.plus(h(13)));
        assertThat(resolved.windowEnd()).isEqualTo(M.plus(h(37)));
        assertThat(resolved.detectedAt()).isEqualTo(M.plus(h(37)));
    }

    @Test
    @DisplayName("README Alert lifecycle: alertId = UUID.nameUUIDFromBytes(participantId|type|riskSince epoch millis), fixed by the inputs")
    void alertIdIsDeterministic() {
        Outcome out = recoveringParticipant().replayUntil(M.plus(h(40)));

        String expected = UUID.nameUUIDFromBytes(("p-1|UNDER_FREQUENCY|" + M.plus(h(24)).toEpochMilli())
                .getBytes(StandardCharsets.UTF_8)).toString();
        assertThat(out.alerts()).extracting(Alert::alertId).containsOnly(expected);
    }

    @Test
    @DisplayName("Replay: the same input gives byte-identical output")
    void sameInputSameBytes() {
        Scenario s = recoveringParticipant()
                .enrol(participant("p-2").born(BORN_NEWBORN))
                .eventLine("not json")
                .events(breastfeed("e-x", M.plus(h(2))).of("p-404"));

        assertThat(s.replayUntil(M.plus(h(40))).result()).isEqualTo(s.replayUntil(M.plus(h(40))).result());
    }

    @Test
    @DisplayName("README Deterministic replay: alert JSON has exactly the contract fields in the contract order, nulls written as null")
    void alertJsonShape() {
        Outcome out = recoveringParticipant().replayUntil(M.plus(h(40)));

        for (String line : out.result().alerts()) {
            JsonNode n = Outcome.tree(line);
            assertThat(Outcome.fieldNames(n)).containsExactly("alertId", "participantId", "clinicId", "type", "status",
                    "riskSince", "resolvedAt", "resolution", "observedCount", "expectedMin", "lastSessionAt", "gapLimit",
                    "infantAgeDays", "windowStart", "windowEnd", "detectedAt", "message");
        }
        JsonNode open = Outcome.tree(out.result().alerts().get(0));
        assertThat(open.get("resolvedAt").isNull()).isTrue();
        assertThat(open.get("lastSessionAt").isNull()).isTrue();
        assertThat(open.get("riskSince").asText()).isEqualTo("2026-03-02T00:00:00Z");
    }

    @Test
    @DisplayName("Alerts: the message is non-empty, states the observed count, and carries no clinic id or other personal data")
    void messageStatesWhatWasObservedAndNothingPersonal() {
        String clinic = "clinic-7731";
        Outcome out = scenario()
                .enrol(participant("p-1").clinic(clinic), participant("p-2").clinic(clinic).born(BORN_NEWBORN))
                .events(breastfeed("e-1", M.plus(h(2))), breastfeed("e-2", M.plus(h(3))), breastfeed("e-3", M.plus(h(4))),
                        breastfeed("e-4", M.plus(h(5))), breastfeed("e-5", M.plus(h(6))))
                .replayUntil(M.plus(h(24)).plus(min(1)));

        Alert fiveSessions = out.finalState(alertId("p-1", UNDER_FREQUENCY, M.plus(h(24))));
        assertThat(fiveSessions.observedCount()).isEqualTo(5);
        assertThat(fiveSessions.message()).containsPattern("(?<!\\d)5(?!\\d)");
        // p-2 (silent newborn) has both types; every message must be free of the clinic id and the birth dates.
        assertThat(out.finalStates()).containsKey(alertId("p-2", LONG_GAP, M.plus(h(4))));
        assertThat(out.alerts()).allSatisfy(a -> assertThat(a.message())
                .isNotBlank()
                .doesNotContain(clinic)
                .doesNotContain(BORN_OLDER)
                .doesNotContain(BORN_NEWBORN));
    }

    @Test
    @DisplayName("Detection for absence: a silent participant is alerted when the clock advances, here through another participant's events")
    void silentParticipantIsAlertedByTheSharedClock() {
        Outcome out = scenario()
                .enrol(participant("p-1"), participant("p-2"))
                .events(breastfeed("e-1", M.plus(h(1))).of("p-2"), breastfeed("e-2", M.plus(h(30))).of("p-2"))
                .replayToLatestEvent();

        Alert quiet = out.finalState(alertId("p-1", UNDER_FREQUENCY, M.plus(h(24))));
        assertThat(quiet.status()).isEqualTo(OPEN);
        assertThat(quiet.participantId()).isEqualTo("p-1");
        assertThat(quiet.detectedAt()).isEqualTo(M.plus(h(30)));
    }

    @Test
    @DisplayName("Contract example lines from issue 3: accepted; LONG_GAP [04:00Z, 08:00Z) resolved by the 08:00Z feed")
    void contractExampleLines() {
        Outcome out = scenario()
                .participantLine("{\"participantId\":\"p-1\",\"clinicId\":\"c-1\",\"infantBirthDate\":\"2026-02-25\","
                        + "\"timeZone\":\"America/Chicago\",\"monitoringStart\":\"2026-03-01T00:00:00Z\",\"monitoringEnd\":null}")
                .eventLine("{\"eventId\":\"e-1\",\"participantId\":\"p-1\",\"type\":\"BREASTFEED\","
                        + "\"startTime\":\"2026-03-01T08:00:00Z\",\"durationMinutes\":15,\"side\":\"LEFT\",\"volumeMl\":null,"
                        + "\"source\":\"APP\",\"sourceId\":\"app-7\",\"recordedAt\":\"2026-03-01T08:20:00Z\"}")
                .replayToLatestEvent();

        assertThat(out.rejected()).isEmpty();
        String id = alertId("p-1", LONG_GAP, at("2026-03-01T04:00:00Z"));
        assertThat(out.finalStates()).containsOnlyKeys(id);
        Alert resolved = out.finalState(id);
        assertThat(resolved.status()).isEqualTo(RESOLVED);
        assertThat(resolved.resolvedAt()).isEqualTo(at("2026-03-01T08:00:00Z"));
        assertThat(resolved.resolution()).isEqualTo(FREQUENCY_RECOVERED);
        assertThat(resolved.lastSessionAt()).isEqualTo(at("2026-03-01T08:00:00Z"));
        assertThat(resolved.windowStart()).isEqualTo(M);
        assertThat(resolved.gapLimit()).isEqualTo(FOUR_HOURS);
        // 08:00Z is 02:00 on 2026-03-01 in Chicago.
        assertThat(resolved.infantAgeDays()).isEqualTo(4);
        Summary day = only(out.summaries());
        assertThat(day.date()).hasToString("2026-03-01");
        assertThat(day.eventCounts()).containsExactlyEntriesOf(counts(1, 0, 0, 0, 0));
    }

    @Test
    @DisplayName("Input instants with a non-UTC offset are read as instants; output instants are UTC")
    void offsetsAreNormalisedToUtc() {
        Outcome out = scenario()
                .enrol(participant("p-1").born(BORN_NEWBORN))
                .events(breastfeed("e-1", M).set("startTime", "2026-02-28T19:00:00-06:00"))
                .replayUntil(M.plus(h(5)).plus(ms(1)));

        Alert open = only(out.alerts());
        assertThat(Outcome.tree(out.result().alerts().get(0)).get("lastSessionAt").asText()).isEqualTo("2026-03-01T01:00:00Z");
        assertThat(open.riskSince()).isEqualTo(M.plus(h(5)));
    }
}
