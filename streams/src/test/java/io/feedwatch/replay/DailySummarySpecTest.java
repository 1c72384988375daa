package io.feedwatch.replay;

import static io.feedwatch.replay.EventLine.bottle;
import static io.feedwatch.replay.EventLine.breastfeed;
import static io.feedwatch.replay.EventLine.formula;
import static io.feedwatch.replay.EventLine.handExpression;
import static io.feedwatch.replay.EventLine.pump;
import static io.feedwatch.replay.Outcome.Summary.counts;
import static io.feedwatch.replay.ParticipantLine.participant;
import static io.feedwatch.replay.ReplayFixtures.CHICAGO;
import static io.feedwatch.replay.ReplayFixtures.at;
import static io.feedwatch.replay.Scenario.scenario;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import io.feedwatch.replay.Outcome.Summary;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Daily summaries per participant and LOCAL date. Chicago local date 2026-03-02 runs 2026-03-02T06:00Z to
 * 2026-03-03T06:00Z (CST); the DST days are 2026-03-08 (23 h) and 2026-11-01 (25 h).
 */
@DisplayName("Issue 4, daily summaries")
class DailySummarySpecTest {

    @Test
    @DisplayName("All fields of one local day: sessions, per-type counts, volumes (null = 0), longest gap floored to whole minutes")
    void fieldsOfOneDay() {
        Outcome out = scenario()
                .enrol(participant("p-1").clinic("c-7"))
                .events(breastfeed("e-1", at("2026-03-02T14:00:00Z")),
                        pump("e-2", at("2026-03-02T14:20:00Z")).volume(80.5),
                        handExpression("e-3", at("2026-03-02T16:00:00Z")).volume(12),
                        bottle("e-4", at("2026-03-02T17:00:00Z")).volume(60),
                        formula("e-5", at("2026-03-02T18:00:00Z")).volume(90),
                        pump("e-6", at("2026-03-02T19:30:59Z")),
                        formula("e-7", at("2026-03-02T21:00:00Z")))
                .replayToLatestEvent();

        Summary day = out.summary("p-1", "2026-03-02");
        assertThat(out.summaries()).hasSize(1);
        assertThat(day.clinicId()).isEqualTo("c-7");
        assertThat(day.timeZone()).isEqualTo(CHICAGO);
        // Sessions 14:00 (with the 14:20 pump), 16:00, 19:30:59.
        assertThat(day.removalSessions()).isEqualTo(3);
        assertThat(day.eventCounts()).containsExactlyEntriesOf(counts(1, 2, 1, 1, 2));
        assertThat(day.expressedMl()).isEqualTo(92.5);
        assertThat(day.bottleBreastmilkMl()).isEqualTo(60.0);
        assertThat(day.formulaMl()).isEqualTo(90.0);
        // Gaps 120 min and 210 min 59 s → 210.
        assertThat(day.longestGapMinutes()).isEqualTo(210);
    }

    @Test
    @DisplayName("eventCounts lists all five types in the fixed order with zeros; no removal session → 0 sessions, longest gap null")
    void zerosAndNullGap() {
        Outcome out = scenario()
                .enrol(participant("p-1"))
                .events(formula("e-1", at("2026-03-03T15:00:00Z")).volume(120))
                .replayToLatestEvent();

        Summary day = out.summary("p-1", "2026-03-03");
        assertThat(day.eventCounts()).containsExactlyEntriesOf(counts(0, 0, 0, 0, 1));
        assertThat(day.removalSessions()).isZero();
        assertThat(day.expressedMl()).isZero();
        assertThat(day.bottleBreastmilkMl()).isZero();
        assertThat(day.formulaMl()).isEqualTo(120.0);
        assertThat(day.longestGapMinutes()).isNull();
    }

    @Test
    @DisplayName("A session counts on the local date it starts; its events after local midnight count on their own date")
    void sessionCountsOnItsStartDate() {
        Outcome out = scenario()
                .enrol(participant("p-1"))
                // 23:50 on 03-02 and 00:10 on 03-03 (CST): one session, started on 03-02.
                .events(breastfeed("e-1", at("2026-03-03T05:50:00Z")), pump("e-2", at("2026-03-03T06:10:00Z")))
                .replayToLatestEvent();

        Summary before = out.summary("p-1", "2026-03-02");
        assertThat(before.removalSessions()).isEqualTo(1);
        assertThat(before.eventCounts()).containsExactlyEntriesOf(counts(1, 0, 0, 0, 0));
        Summary after = out.summary("p-1", "2026-03-03");
        assertThat(after.removalSessions()).isZero();
        assertThat(after.eventCounts()).containsExactlyEntriesOf(counts(0, 1, 0, 0, 0));
        assertThat(after.longestGapMinutes()).isNull();
    }

    @Test
    @DisplayName("longestGapMinutes only compares sessions of the same date (not the previous evening's)")
    void gapsStayWithinTheDate() {
        Outcome out = scenario()
                .enrol(participant("p-1"))
                // 23:00 on 03-02; 01:00 and 05:00 on 03-03 (CST).
                .events(breastfeed("e-1", at("2026-03-03T05:00:00Z")), breastfeed("e-2", at("2026-03-03T07:00:00Z")),
                        breastfeed("e-3", at("2026-03-03T11:00:00Z")))
                .replayToLatestEvent();

        assertThat(out.summary("p-1", "2026-03-02").longestGapMinutes()).isNull();
        assertThat(out.summary("p-1", "2026-03-03").removalSessions()).isEqualTo(2);
        assertThat(out.summary("p-1", "2026-03-03").longestGapMinutes()).isEqualTo(240);
    }

    @Test
    @DisplayName("DST spring-forward (2026-03-08, 23 h): events near both local midnights land on the right local dates")
    void springForwardDay() {
        Outcome out = scenario()
                .enrol(participant("p-1"))
                .events(breastfeed("e-1", at("2026-03-08T05:45:00Z")),      // 03-07 23:45 CST
                        breastfeed("e-2", at("2026-03-08T06:15:00Z")),      // 03-08 00:15 CST
                        pump("e-3", at("2026-03-09T04:30:00Z")).volume(90), // 03-08 23:30 CDT
                        formula("e-4", at("2026-03-09T05:00:00Z")).volume(60), // 03-09 00:00 CDT
                        breastfeed("e-5", at("2026-03-09T05:10:00Z")))      // 03-09 00:10 CDT
                .replayToLatestEvent();

        assertThat(out.summaries()).extracting(s -> s.date().toString(), Summary::removalSessions, Summary::eventCounts)
                .containsExactly(
                        tuple("2026-03-07", 1, counts(1, 0, 0, 0, 0)),
                        tuple("2026-03-08", 2, counts(1, 1, 0, 0, 0)),
                        tuple("2026-03-09", 1, counts(1, 0, 0, 0, 1)));
        Summary shortDay = out.summary("p-1", "2026-03-08");
        assertThat(shortDay.expressedMl()).isEqualTo(90.0);
        // 06:15Z → 04:30Z next day: 22 h 15 min of real time.
        assertThat(shortDay.longestGapMinutes()).isEqualTo(1335);
        assertThat(out.summary("p-1", "2026-03-09").formulaMl()).isEqualTo(60.0);
    }

    @Test
    @DisplayName("DST fall-back (2026-11-01, 25 h): events near both local midnights land on the right dates; a gap over 24 h fits in the day")
    void fallBackDay() {
        Outcome out = scenario()
                .enrol(participant("p-1").born("2026-10-01").start(at("2026-10-30T00:00:00Z")))
                .events(breastfeed("e-1", at("2026-11-01T04:50:00Z")),             // 10-31 23:50 CDT
                        breastfeed("e-2", at("2026-11-01T05:20:00Z")),             // 11-01 00:20 CDT
                        handExpression("e-3", at("2026-11-02T05:30:00Z")).volume(15), // 11-01 23:30 CST
                        breastfeed("e-4", at("2026-11-02T06:00:00Z")))             // 11-02 00:00 CST
                .replayToLatestEvent();

        assertThat(out.summaries()).extracting(s -> s.date().toString(), Summary::removalSessions, Summary::eventCounts)
                .containsExactly(
                        tuple("2026-10-31", 1, counts(1, 0, 0, 0, 0)),
                        tuple("2026-11-01", 2, counts(1, 0, 1, 0, 0)),
                        tuple("2026-11-02", 1, counts(1, 0, 0, 0, 0)));
        Summary longDay = out.summary("p-1", "2026-11-01");
        assertThat(longDay.expressedMl()).isEqualTo(15.0);
        // 05:20Z → 05:30Z next day: 24 h 10 min, only possible on a 25 h day.
        assertThat(longDay.longestGapMinutes()).isEqualTo(1450);
    }

    @Test
    @DisplayName("Only accepted events count: duplicates and dead letters are left out; a day with only rejected events has no summary")
    void onlyAcceptedEventsCount() {
        Outcome out = scenario()
                .enrol(participant("p-1"))
                .events(breastfeed("e-1", at("2026-03-02T14:00:00Z")),
                        formula("e-1", at("2026-03-02T15:00:00Z")).volume(100),
                        breastfeed("e-2", at("2026-03-03T14:00:00Z")).recordedAt(at("2026-03-03T12:00:00Z")),
                        breastfeed("e-3", at("2026-03-02T16:00:00Z")).of("p-404"))
                .replayToLatestEvent();

        assertThat(out.summaries()).hasSize(1);
        Summary day = out.summary("p-1", "2026-03-02");
        assertThat(day.eventCounts()).containsExactlyEntriesOf(counts(1, 0, 0, 0, 0));
        assertThat(day.formulaMl()).isZero();
        assertThat(day.removalSessions()).isEqualTo(1);
    }

    @Test
    @DisplayName("One final line per participant and local date (each participant's own time zone), sorted by participantId then date")
    void sortedAndPerParticipantTimeZone() {
        Outcome out = scenario()
                .enrol(participant("p-2").zone("Asia/Tokyo").clinic("c-2"), participant("p-1"))
                .events(breastfeed("e-1", at("2026-03-02T14:30:00Z")).of("p-2"),  // Tokyo 03-02 23:30
                        breastfeed("e-2", at("2026-03-03T14:00:00Z")),             // Chicago 03-03 08:00
                        breastfeed("e-3", at("2026-03-02T15:30:00Z")).of("p-2"),  // Tokyo 03-03 00:30
                        breastfeed("e-4", at("2026-03-02T14:00:00Z")),             // Chicago 03-02 08:00
                        pump("e-5", at("2026-03-02T16:00:00Z")))                   // Chicago 03-02 10:00
                .replayToLatestEvent();

        assertThat(out.summaries())
                .extracting(Summary::participantId, s -> s.date().toString(), Summary::timeZone, Summary::clinicId)
                .containsExactly(
                        tuple("p-1", "2026-03-02", CHICAGO, "c-1"),
                        tuple("p-1", "2026-03-03", CHICAGO, "c-1"),
                        tuple("p-2", "2026-03-02", "Asia/Tokyo", "c-2"),
                        tuple("p-2", "2026-03-03", "Asia/Tokyo", "c-2"));
        assertThat(out.summary("p-1", "2026-03-02").eventCounts()).containsExactlyEntriesOf(counts(1, 1, 0, 0, 0));
        assertThat(out.summary("p-1", "2026-03-02").removalSessions()).isEqualTo(2);
        assertThat(out.summary("p-1", "2026-03-02").longestGapMinutes()).isEqualTo(120);
    }

    @Test
    @DisplayName("Summary JSON line: the contract fields in the contract order; date as YYYY-MM-DD")
    void summaryJsonShape() {
        Outcome out = scenario()
                .enrol(participant("p-1"))
                .events(breastfeed("e-1", at("2026-03-02T14:00:00Z")))
                .replayToLatestEvent();

        JsonNode n = Outcome.tree(out.result().dailySummaries().get(0));
        assertThat(Outcome.fieldNames(n)).containsExactly("participantId", "clinicId", "date", "timeZone", "removalSessions",
                "eventCounts", "expressedMl", "bottleBreastmilkMl", "formulaMl", "longestGapMinutes");
        assertThat(Outcome.fieldNames(n.get("eventCounts")))
                .containsExactly("BREASTFEED", "PUMP", "HAND_EXPRESSION", "BOTTLE_BREASTMILK", "FORMULA");
        assertThat(n.get("date").asText()).isEqualTo("2026-03-02");
        assertThat(n.get("longestGapMinutes").isNull()).isTrue();
    }
}
