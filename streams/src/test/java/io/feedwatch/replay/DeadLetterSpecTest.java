package io.feedwatch.replay;

import static io.feedwatch.replay.EventLine.breastfeed;
import static io.feedwatch.replay.EventLine.event;
import static io.feedwatch.replay.EventLine.formula;
import static io.feedwatch.replay.EventLine.pump;
import static io.feedwatch.replay.Outcome.Summary.counts;
import static io.feedwatch.replay.ParticipantLine.participant;
import static io.feedwatch.replay.ReplayFixtures.M;
import static io.feedwatch.replay.ReplayFixtures.UNDER_FREQUENCY;
import static io.feedwatch.replay.ReplayFixtures.alertId;
import static io.feedwatch.replay.ReplayFixtures.h;
import static io.feedwatch.replay.ReplayFixtures.hm;
import static io.feedwatch.replay.ReplayFixtures.only;
import static io.feedwatch.replay.Scenario.scenario;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.feedwatch.replay.Outcome.Alert;
import io.feedwatch.replay.Outcome.Rejected;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Dead letters: reason = the first failing check in the order MALFORMED, MISSING_FIELD, INVALID_VALUE,
 * UNKNOWN_PARTICIPANT, FUTURE_TIMESTAMP, (duplicate: ignored), TOO_LATE. Each rejected line keeps the original text.
 * p-1 is in band 14-55; local date of M+1h..M+5h is 2026-02-28 (Chicago).
 */
@DisplayName("Issue 4, dead letters")
class DeadLetterSpecTest {

    private static void assertRejected(Outcome out, String reason, List<String> originals) {
        assertThat(out.rejected()).extracting(Rejected::reason, Rejected::original)
                .containsExactlyElementsOf(originals.stream().map(o -> tuple(reason, o)).toList());
        assertThat(out.rejected()).allSatisfy(r -> assertThat(r.message()).isNotBlank());
    }

    @Test
    @DisplayName("MALFORMED: not JSON, or JSON that is not an object (array, string, null); original text kept")
    void malformed() {
        List<String> bad = List.of("{\"eventId\":\"e-1\",\"participantId\":\"p-1\",", "[1,2,3]", "\"BREASTFEED\"", "null",
                "BREASTFEED at 8");
        Scenario s = scenario().enrol(participant("p-1"));
        bad.forEach(s::eventLine);
        Outcome out = s.events(breastfeed("e-ok", M.plus(h(1)))).replayToLatestEvent();

        assertRejected(out, "MALFORMED", bad);
        assertThat(out.summary("p-1", "2026-02-28").eventCounts()).containsExactlyEntriesOf(counts(1, 0, 0, 0, 0));
    }

    @Test
    @DisplayName("MISSING_FIELD: eventId, participantId, type or startTime absent, null or empty")
    void missingField() {
        List<EventLine> bad = List.of(
                breastfeed("e-1", M.plus(h(1))).without("eventId"),
                breastfeed("e-2", M.plus(h(1))).setNull("participantId"),
                breastfeed("e-3", M.plus(h(1))).set("type", ""),
                breastfeed("e-4", M.plus(h(1))).without("startTime"),
                breastfeed("e-5", M.plus(h(1))).set("startTime", ""),
                breastfeed("e-6", M.plus(h(1))).set("eventId", ""));
        Outcome out = scenario().enrol(participant("p-1")).events(bad).replayUntil(M.plus(h(2)));

        assertRejected(out, "MISSING_FIELD", bad.stream().map(EventLine::line).toList());
        assertThat(out.summaries()).isEmpty();
    }

    @Test
    @DisplayName("INVALID_VALUE: unknown type/side/source, unparseable or offset-less instants, negative or wrongly typed numbers")
    void invalidValue() {
        List<EventLine> bad = List.of(
                event("NAP", "e-1", M.plus(h(1))),
                breastfeed("e-2", M.plus(h(1))).set("startTime", "yesterday"),
                breastfeed("e-3", M.plus(h(1))).set("startTime", "2026-03-01T08:00:00"),
                breastfeed("e-4", M.plus(h(1))).duration(-1),
                pump("e-5", M.plus(h(1))).volume(-0.5),
                breastfeed("e-6", M.plus(h(1))).set("durationMinutes", "ten"),
                breastfeed("e-7", M.plus(h(1))).side("MIDDLE"),
                breastfeed("e-8", M.plus(h(1))).source("FAX"),
                breastfeed("e-9", M.plus(h(1))).set("recordedAt", "2026-03-01T08:00:00"));
        Outcome out = scenario()
                .enrol(participant("p-1"))
                .events(bad)
                // Zero is not negative, null side is allowed: these are accepted.
                .events(pump("e-ok1", M.plus(h(2))).volume(0).duration(0), breastfeed("e-ok2", M.plus(h(3))).setNull("side"))
                .replayUntil(M.plus(h(3)));

        assertRejected(out, "INVALID_VALUE", bad.stream().map(EventLine::line).toList());
        assertThat(out.summary("p-1", "2026-02-28").eventCounts()).containsExactlyEntriesOf(counts(1, 1, 0, 0, 0));
    }

    @Test
    @DisplayName("Check order: each line fails two checks and gets the reason of the earlier one; a duplicate is ignored before TOO_LATE")
    void checkOrder() {
        String malformedAndInvalid = "{\"eventId\":\"e-3\",\"participantId\":\"p-1\",\"type\":\"NAP\",\"startTime\":\"later\"";
        EventLine missingAndInvalid = event("NAP", "e-4", M.plus(h(61))).without("startTime");
        EventLine invalidAndUnknown = event("NAP", "e-5", M.plus(h(61))).of("p-404");
        EventLine unknownAndFuture = breastfeed("e-6", M.plus(h(61))).of("p-404").recordedAt(M.plus(h(59)));
        // e-1 was accepted, and M+1h is 59 h before the latest start: FUTURE_TIMESTAMP comes before both.
        EventLine futureDuplicateTooLate = breastfeed("e-1", M.plus(h(1))).recordedAt(M.minus(h(1)));
        EventLine duplicateTooLate = breastfeed("e-1", M.plus(h(1)));
        EventLine tooLate = breastfeed("e-9", M.plus(h(1)));
        Outcome out = scenario()
                .enrol(participant("p-1"))
                .events(breastfeed("e-1", M.plus(h(1))), breastfeed("e-2", M.plus(h(60))))
                .eventLine(malformedAndInvalid)
                .events(missingAndInvalid, invalidAndUnknown, unknownAndFuture, futureDuplicateTooLate, duplicateTooLate, tooLate)
                .replayUntil(M.plus(h(60)));

        assertThat(out.rejected()).extracting(Rejected::reason, Rejected::original).containsExactly(
                tuple("MALFORMED", malformedAndInvalid),
                tuple("MISSING_FIELD", missingAndInvalid.line()),
                tuple("INVALID_VALUE", invalidAndUnknown.line()),
                tuple("UNKNOWN_PARTICIPANT", unknownAndFuture.line()),
                tuple("FUTURE_TIMESTAMP", futureDuplicateTooLate.line()),
                tuple("TOO_LATE", tooLate.line()));
    }

    @Test
    @DisplayName("UNKNOWN_PARTICIPANT: no enrollment for the id")
    void unknownParticipant() {
        EventLine stranger = breastfeed("e-1", M.plus(h(1))).of("p-404");
        Outcome out = scenario().enrol(participant("p-1")).events(stranger).replayUntil(M.plus(h(1)));

        assertRejected(out, "UNKNOWN_PARTICIPANT", List.of(stranger.line()));
        assertThat(out.summaries()).isEmpty();
    }

    @Test
    @DisplayName("FUTURE_TIMESTAMP: startTime exactly 1 h after recordedAt is accepted, 1 h 1 min is rejected, no recordedAt is never checked")
    void futureTimestampBoundary() {
        EventLine oneHourOneMinute = breastfeed("e-2", M.plus(hm(3, 1))).recordedAt(M.plus(h(2)));
        Outcome out = scenario()
                .enrol(participant("p-1"))
                .events(breastfeed("e-1", M.plus(h(2))).recordedAt(M.plus(h(1))), oneHourOneMinute,
                        breastfeed("e-3", M.plus(h(4))))
                .replayUntil(M.plus(h(4)));

        assertRejected(out, "FUTURE_TIMESTAMP", List.of(oneHourOneMinute.line()));
        assertThat(out.summary("p-1", "2026-02-28").eventCounts()).containsExactlyEntriesOf(counts(2, 0, 0, 0, 0));
    }

    @Test
    @DisplayName("FUTURE_TIMESTAMP: a rejected future event moves neither the detection clock nor the TOO_LATE horizon")
    void futureEventMovesNoClock() {
        EventLine future = breastfeed("e-2", M.plus(h(60))).recordedAt(M.plus(h(58)));
        Outcome out = scenario()
                .enrol(participant("p-1"))
                .events(breastfeed("e-1", M.plus(h(1))), future, breastfeed("e-3", M.plus(h(2))))
                // Default until = latest accepted start = M+2h: UNDER_FREQUENCY (M+24h) is never reached.
                .replayToLatestEvent();

        assertRejected(out, "FUTURE_TIMESTAMP", List.of(future.line()));
        assertThat(out.alerts()).isEmpty();
        assertThat(out.summary("p-1", "2026-02-28").eventCounts()).containsExactlyEntriesOf(counts(2, 0, 0, 0, 0));
    }

    @Test
    @DisplayName("TOO_LATE: exactly 48 h before the participant's latest accepted start is accepted, 48 h 1 min is rejected; per participant")
    void tooLateBoundary() {
        EventLine late = breastfeed("e-3", M.plus(hm(1, 59)));
        Outcome out = scenario()
                .enrol(participant("p-1"), participant("p-2"))
                .events(breastfeed("e-1", M.plus(h(50))), breastfeed("e-2", M.plus(h(2))), late,
                        // p-2's own latest start is this one: p-1's M+50h does not make it late.
                        breastfeed("e-4", M.plus(h(1))).of("p-2"))
                .replayUntil(M.plus(h(50)));

        assertRejected(out, "TOO_LATE", List.of(late.line()));
        assertThat(out.summary("p-1", "2026-02-28").eventCounts()).containsExactlyEntriesOf(counts(1, 0, 0, 0, 0));
        assertThat(out.summary("p-2", "2026-02-28").eventCounts()).containsExactlyEntriesOf(counts(1, 0, 0, 0, 0));
    }

    @Test
    @DisplayName("Participant lines: MALFORMED, MISSING_FIELD, INVALID_VALUE (time zone, date, instant) are rejected and never applied")
    void badParticipantLines() {
        String notJson = "{\"participantId\":\"p-3\",";
        ParticipantLine noZone = participant("p-4").without("timeZone");
        ParticipantLine badZone = participant("p-5").zone("Mars/Olympus_Mons");
        ParticipantLine badDate = participant("p-6").born("2026-02-30");
        ParticipantLine noOffset = participant("p-7").set("monitoringStart", "2026-03-01T00:00:00");
        List<EventLine> orphans = List.of(breastfeed("e-3", M.plus(h(1))).of("p-3"), breastfeed("e-4", M.plus(h(1))).of("p-4"),
                breastfeed("e-5", M.plus(h(1))).of("p-5"), breastfeed("e-6", M.plus(h(1))).of("p-6"),
                breastfeed("e-7", M.plus(h(1))).of("p-7"));
        Outcome out = scenario()
                .enrol(participant("p-1"))
                .participantLine(notJson)
                .enrol(noZone, badZone, badDate, noOffset)
                .events(orphans)
                .events(breastfeed("e-1", M.plus(h(1))))
                .replayUntil(M.plus(h(1)));

        List<Tuple> expected = new ArrayList<>(List.of(
                tuple("MALFORMED", notJson),
                tuple("MISSING_FIELD", noZone.line()),
                tuple("INVALID_VALUE", badZone.line()),
                tuple("INVALID_VALUE", badDate.line()),
                tuple("INVALID_VALUE", noOffset.line())));
        orphans.forEach(o -> expected.add(tuple("UNKNOWN_PARTICIPANT", o.line())));
        assertThat(out.rejected()).extracting(Rejected::reason, Rejected::original).containsExactlyElementsOf(expected);
        assertThat(out.summaries()).extracting(Outcome.Summary::participantId).containsExactly("p-1");
    }

    @Test
    @DisplayName("An invalid later enrollment record is rejected and does not replace the valid earlier one")
    void invalidReEnrollmentKeepsTheEarlierRecord() {
        ParticipantLine broken = participant("p-1").clinic("c-9").zone("Nowhere/Land");
        Outcome out = scenario()
                .enrol(participant("p-1"), broken)
                .replayUntil(M.plus(h(25)));

        assertThat(out.rejected()).extracting(Rejected::reason, Rejected::original)
                .containsExactly(tuple("INVALID_VALUE", broken.line()));
        Alert open = only(out.alerts());
        assertThat(open.alertId()).isEqualTo(alertId("p-1", UNDER_FREQUENCY, M.plus(h(24))));
        assertThat(open.clinicId()).isEqualTo("c-1");
    }

    @Test
    @DisplayName("Bad lines never stop the replay: one of each reason between valid events, every valid event still counts")
    void badLinesNeverStopTheReplay() {
        String truncated = "{\"eventId\":\"e-x1\",\"participantId\":\"p-1\",\"type\":";
        EventLine missing = breastfeed("e-x2", M.plus(h(5))).without("startTime");
        EventLine invalid = event("NAP", "e-x3", M.plus(h(8)));
        EventLine unknown = breastfeed("e-x4", M.plus(h(11))).of("p-404");
        EventLine future = breastfeed("e-x5", M.plus(h(14))).recordedAt(M.plus(h(12)));
        EventLine tooLate = breastfeed("e-x6", M.plus(h(1)));
        Outcome out = scenario()
                .enrol(participant("p-1"))
                .events(breastfeed("e-1", M.plus(h(1))))
                .eventLine(truncated)
                .events(breastfeed("e-2", M.plus(h(4))), missing, breastfeed("e-3", M.plus(h(7))), invalid,
                        breastfeed("e-4", M.plus(h(10))), unknown, breastfeed("e-5", M.plus(h(13))), future,
                        formula("e-6", M.plus(h(60))).volume(90), tooLate)
                .replayUntil(M.plus(h(61)));

        assertThat(out.rejected()).extracting(Rejected::reason, Rejected::original).containsExactly(
                tuple("MALFORMED", truncated),
                tuple("MISSING_FIELD", missing.line()),
                tuple("INVALID_VALUE", invalid.line()),
                tuple("UNKNOWN_PARTICIPANT", unknown.line()),
                tuple("FUTURE_TIMESTAMP", future.line()),
                tuple("TOO_LATE", tooLate.line()));
        Alert open = only(out.alerts());
        assertThat(open.riskSince()).isEqualTo(M.plus(h(24)));
        assertThat(open.observedCount()).isEqualTo(5);
        assertThat(out.summaries()).extracting(s -> s.date().toString(), s -> s.eventCounts())
                .containsExactly(tuple("2026-02-28", counts(2, 0, 0, 0, 0)),
                        tuple("2026-03-01", counts(3, 0, 0, 0, 0)),
                        tuple("2026-03-03", counts(0, 0, 0, 0, 1)));
    }

    @Test
    @DisplayName("Rejected JSON line: exactly reason, message, original, in that order")
    void rejectedJsonShape() {
        Outcome out = scenario().enrol(participant("p-1")).eventLine("oops").replayToLatestEvent();

        String line = only(out.result().rejected());
        assertThat(Outcome.fieldNames(Outcome.tree(line))).containsExactly("reason", "message", "original");
        assertThat(only(out.rejected()).original()).isEqualTo("oops");
        assertThat(only(out.rejected()).reason()).isEqualTo("MALFORMED");
    }
}
