package io.feedwatch.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedwatch.detect.ReferenceModel.DailySummary;
import io.feedwatch.detect.ReferenceModel.Episode;
import io.feedwatch.detect.ReferenceModel.ExpectedAlert;
import io.feedwatch.detect.ReferenceModel.Participant;
import io.feedwatch.detect.ReferenceModel.Rejection;
import io.feedwatch.detect.ReferenceModel.Result;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Hand-computed cases that pin the reference model itself, so that the property test compares the topology with
 * something known to follow the rules. Each expected value is worked out in the comments from the definitions.
 */
class ReferenceModelTest {

    private static final String UF = ReferenceModel.UNDER_FREQUENCY;
    private static final String LG = ReferenceModel.LONG_GAP;

    @Test
    void eightEvenSessionsThenSilenceGoAtRiskWhenTheFirstLeavesTheWindow() {
        // Age 28 days: min 8, no gap rule. Sessions 00:30, 03:30, ..., 21:30 on 03-01. C(03-02T00:00) = 8 (the first
        // check, monitoringStart + 24 h); at 03-02T00:30 the 00:30 session leaves (s = T - 24 h is excluded) -> 7 < 8.
        List<String> events = new ArrayList<>();
        for (int k = 0; k < 8; k++) {
            events.add(event("e-" + k, "BREASTFEED", at("2026-03-01T00:30:00Z").plus(Duration.ofHours(3L * k))));
        }
        Result r = ReferenceModel.run(List.of(participant("2026-02-01", "UTC", "2026-03-01T00:00:00Z", null)), events,
                at("2026-03-03T00:00:00Z"));

        assertThat(r.alerts()).isEqualTo(alerts(open(UF, "2026-03-02T00:30:00Z")));
    }

    @Test
    void withoutUntilTheClockStopsAtTheLatestAcceptedStart() {
        List<String> events = new ArrayList<>();
        for (int k = 0; k < 8; k++) {
            events.add(event("e-" + k, "BREASTFEED", at("2026-03-01T00:30:00Z").plus(Duration.ofHours(3L * k))));
        }
        Result r = ReferenceModel.run(List.of(participant("2026-02-01", "UTC", "2026-03-01T00:00:00Z", null)), events, null);

        assertThat(r.finalClock()).isEqualTo(at("2026-03-01T21:30:00Z"));
        assertThat(r.alerts()).isEmpty(); // under-frequency needs monitoringStart + 24 h
        assertThat(ReferenceModel.run(List.of(participant("2026-02-01", "UTC", "2026-03-01T00:00:00Z", null)), List.of(), null)
                .alerts()).isEmpty();
    }

    @Test
    void aSessionStopsCountingExactly24HoursAfterItStarted() {
        // Sessions at 00:00, 03:00, ..., 21:00 on 03-01, monitoring from 03-01T00:00. At T = 03-02T00:00 the 00:00
        // session has s = T - 24 h and no longer counts: C = 7 -> at risk from the very first instant it may be.
        List<String> events = new ArrayList<>();
        for (int k = 0; k < 8; k++) {
            events.add(event("e-" + k, "BREASTFEED", at("2026-03-01T00:00:00Z").plus(Duration.ofHours(3L * k))));
        }
        List<String> participants = List.of(participant("2026-02-01", "UTC", "2026-03-01T00:00:00Z", null));
        assertThat(ReferenceModel.run(participants, events, at("2026-03-02T12:00:00Z")).alerts())
                .isEqualTo(alerts(open(UF, "2026-03-02T00:00:00Z")));

        // A session exactly at 03-02T00:00 counts from that instant (s <= T): C stays 8 until 03:00 leaves, then
        // C(03-02T03:00) = 6 (06:00..21:00) + 1 = 7.
        events.add(event("e-8", "BREASTFEED", at("2026-03-02T00:00:00Z")));
        assertThat(ReferenceModel.run(participants, events, at("2026-03-02T12:00:00Z")).alerts())
                .isEqualTo(alerts(open(UF, "2026-03-02T03:00:00Z")));
    }

    @Test
    void sessionsAreGreedyAndSplitAtExactly30Minutes() {
        // 08:00 + 08:29 -> one session; 10:00 and 10:30 -> two; 12:00 (+ PUMP 12:10, + 12:20) and 12:40 -> two (greedy
        // from the session start, not chained); 15:10:30 -> one; FORMULA at 09:00 is intake, never a session.
        // Sessions 08:00, 10:00, 10:30, 12:00, 12:40, 15:10:30: longest gap 12:40 -> 15:10:30 = 150.5 min -> 150.
        List<String> events = List.of(
                event("a", "BREASTFEED", at("2026-03-01T08:00:00Z")),
                event("b", "BREASTFEED", at("2026-03-01T08:29:00Z")),
                event("c", "FORMULA", at("2026-03-01T09:00:00Z")),
                event("d", "BREASTFEED", at("2026-03-01T10:00:00Z")),
                event("e", "BREASTFEED", at("2026-03-01T10:30:00Z")),
                event("f", "BREASTFEED", at("2026-03-01T12:00:00Z")),
                event("g", "PUMP", at("2026-03-01T12:10:00Z")),
                event("h", "BREASTFEED", at("2026-03-01T12:20:00Z")),
                event("i", "BREASTFEED", at("2026-03-01T12:40:00Z")),
                event("j", "BREASTFEED", at("2026-03-01T15:10:30Z")));
        Result r = ReferenceModel.run(List.of(participant("2026-02-01", "UTC", "2026-03-01T00:00:00Z", null)), events, null);

        assertThat(r.dailySummaries()).containsExactly(new DailySummary("p-1", "c-1", LocalDate.parse("2026-03-01"), "UTC",
                6, counts(8, 1, 0, 0, 1), 0, 0, 0, 150L));
    }

    @Test
    void longGapStartsExactly4HoursAfterTheAnchor() {
        // Age 5 days: min 8 and gap 4 h. Monitoring from 03-01T00:00; until 09:30 is before monitoringStart + 24 h.
        List<String> participants = List.of(participant("2026-02-24", "UTC", "2026-03-01T00:00:00Z", null));
        Instant until = at("2026-03-01T09:30:00Z");

        // Sessions 01:00 and 05:00: the gap reaches 4 h exactly when the next session starts -> no episode there;
        // the next one starts at 05:00 + 4 h.
        assertThat(ReferenceModel.run(participants, List.of(
                event("a", "BREASTFEED", at("2026-03-01T01:00:00Z")),
                event("b", "BREASTFEED", at("2026-03-01T05:00:00Z"))), until).alerts())
                .isEqualTo(alerts(open(LG, "2026-03-01T09:00:00Z")));

        // One minute later: [05:00, 05:01) then [09:01, ...).
        assertThat(ReferenceModel.run(participants, List.of(
                event("a", "BREASTFEED", at("2026-03-01T01:00:00Z")),
                event("b", "BREASTFEED", at("2026-03-01T05:01:00Z"))), until).alerts())
                .isEqualTo(alerts(
                        resolved(LG, "2026-03-01T05:00:00Z", "2026-03-01T05:01:00Z", "FREQUENCY_RECOVERED"),
                        open(LG, "2026-03-01T09:01:00Z")));

        // Nobody feeds: the anchor is monitoringStart. At until = riskSince the episode is not reported yet.
        assertThat(ReferenceModel.run(participants, List.of(), at("2026-03-01T06:00:00Z")).alerts())
                .isEqualTo(alerts(open(LG, "2026-03-01T04:00:00Z")));
        assertThat(ReferenceModel.run(participants, List.of(), at("2026-03-01T04:00:00Z")).alerts()).isEmpty();

        // A session before monitoringStart does not anchor the gap: max(last session, monitoringStart) = 00:00.
        assertThat(ReferenceModel.run(participants, List.of(event("z", "BREASTFEED", at("2026-02-28T23:00:00Z"))),
                at("2026-03-01T06:00:00Z")).alerts())
                .isEqualTo(alerts(open(LG, "2026-03-01T04:00:00Z")));
    }

    @Test
    void sessionsIncludeEventsBeforeMonitoringStart() {
        // 02-28T23:50 (before monitoring) and 03-01T00:10 form one session at 23:50, so with 03:00, ..., 21:00 the window
        // (03-01T00:00, 03-02T00:00] holds 7 sessions: at risk from monitoringStart + 24 h. Had the early event been
        // dropped, 00:10 would be an eighth session and the risk would start at 03-02T00:10.
        List<String> events = new ArrayList<>(List.of(
                event("a", "BREASTFEED", at("2026-02-28T23:50:00Z")),
                event("b", "PUMP", at("2026-03-01T00:10:00Z"))));
        for (int k = 1; k < 8; k++) {
            events.add(event("e-" + k, "BREASTFEED", at("2026-03-01T00:00:00Z").plus(Duration.ofHours(3L * k))));
        }
        Result r = ReferenceModel.run(List.of(participant("2026-02-01", "UTC", "2026-03-01T00:00:00Z", null)), events,
                at("2026-03-02T06:00:00Z"));

        assertThat(r.alerts()).isEqualTo(alerts(open(UF, "2026-03-02T00:00:00Z")));
    }

    @Test
    void bandChangeAtLocalMidnightOfTheDayAfterDstStartEndsTheGapRule() {
        // Chicago springs forward on 2026-03-08, so local midnight of 03-09 is 05:00Z (CDT), not 06:00Z. Born 02-23:
        // age 13 on local 03-08, 14 on 03-09 (no gap rule). Sessions 15:00Z, 18:00Z -> gap risk from 22:00Z until the
        // band change, POLICY_CHANGED. until 03-09T10:00Z is before monitoringStart + 24 h (no under-frequency).
        Result r = ReferenceModel.run(
                List.of(participant("2026-02-23", "America/Chicago", "2026-03-08T12:00:00Z", null)),
                List.of(event("a", "BREASTFEED", at("2026-03-08T15:00:00Z")),
                        event("b", "PUMP", at("2026-03-08T18:00:00Z"))),
                at("2026-03-09T10:00:00Z"));

        assertThat(r.alerts()).isEqualTo(alerts(
                resolved(LG, "2026-03-08T22:00:00Z", "2026-03-09T05:00:00Z", "POLICY_CHANGED")));
    }

    @Test
    void ageFollowsTheLocalCalendarDate() {
        // Born 02-15 in Chicago: 14 days old from local 03-01 = 06:00Z. At 03-01T02:00Z it is still 02-28 locally (age
        // 13, gap rule in force), so that session ends the gap episode as a recovery, not as a policy change.
        Result r = ReferenceModel.run(
                List.of(participant("2026-02-15", "America/Chicago", "2026-02-28T12:00:00Z", null)),
                List.of(event("a", "BREASTFEED", at("2026-02-28T14:00:00Z")),
                        event("b", "BREASTFEED", at("2026-03-01T02:00:00Z"))),
                at("2026-03-01T10:00:00Z"));

        assertThat(r.alerts()).isEqualTo(alerts(
                resolved(LG, "2026-02-28T18:00:00Z", "2026-03-01T02:00:00Z", "FREQUENCY_RECOVERED")));
    }

    @Test
    void aBandChangeWithTheSameMinimumDoesNotSplitAnEpisode() {
        // Born 02-15: age 13 on 02-28, 14 on 03-01 (UTC). Nobody feeds. Under-frequency from monitoringStart + 24 h,
        // continuing through 03-01T00:00 (min 8 before and after); the gap rule ends there (POLICY_CHANGED).
        Result r = ReferenceModel.run(List.of(participant("2026-02-15", "UTC", "2026-02-27T00:00:00Z", null)), List.of(),
                at("2026-03-02T00:00:00Z"));

        assertThat(r.alerts()).isEqualTo(alerts(
                open(UF, "2026-02-28T00:00:00Z"),
                resolved(LG, "2026-02-27T04:00:00Z", "2026-03-01T00:00:00Z", "POLICY_CHANGED")));
    }

    @Test
    void policyChangedWhenTheNewBandsLowerMinimumEndsTheRisk() {
        // Born 01-05: age 55 on 03-01 (min 8), 56 on 03-02 (min 6). Monitoring from 02-28; 7 sessions on 03-01 at
        // 01, 04, ..., 19. At risk from 03-01T00:00 (C = 0) with C <= 7 all day; at 03-02T00:00 C = 7 >= 6 but the old
        // minimum 8 would still flag -> POLICY_CHANGED. Then 01:00 leaves (C = 6, fine), 04:00 leaves (C = 5 < 6).
        List<String> events = new ArrayList<>();
        for (int k = 0; k < 7; k++) {
            events.add(event("e-" + k, "BREASTFEED", at("2026-03-01T01:00:00Z").plus(Duration.ofHours(3L * k))));
        }
        Result r = ReferenceModel.run(List.of(participant("2026-01-05", "UTC", "2026-02-28T00:00:00Z", null)), events,
                at("2026-03-02T06:00:00Z"));

        assertThat(r.alerts()).isEqualTo(alerts(
                resolved(UF, "2026-03-01T00:00:00Z", "2026-03-02T00:00:00Z", "POLICY_CHANGED"),
                open(UF, "2026-03-02T04:00:00Z")));
    }

    @Test
    void monitoringEndResolvesAndTheLaterEnrollmentWins() {
        // Age 28 days, nobody feeds; the second record (same id) adds monitoringEnd 03-03T12:00.
        List<String> participants = List.of(
                participant("2026-02-01", "UTC", "2026-03-01T00:00:00Z", null),
                participant("2026-02-01", "UTC", "2026-03-01T00:00:00Z", "2026-03-03T12:00:00Z"));

        ExpectedAlert ended = resolved(UF, "2026-03-02T00:00:00Z", "2026-03-03T12:00:00Z", "MONITORING_ENDED");
        assertThat(ReferenceModel.run(participants, List.of(), at("2026-03-05T00:00:00Z")).alerts()).isEqualTo(alerts(ended));
        // resolvedAt <= until is RESOLVED, one millisecond earlier it is still OPEN.
        assertThat(ReferenceModel.run(participants, List.of(), at("2026-03-03T12:00:00Z")).alerts()).isEqualTo(alerts(ended));
        assertThat(ReferenceModel.run(participants, List.of(), at("2026-03-03T11:59:59.999Z")).alerts())
                .isEqualTo(alerts(open(UF, "2026-03-02T00:00:00Z")));
    }

    @Test
    void deadLetterChecksApplyInOrderAndDuplicatesAreIgnored() {
        List<String> participants = List.of(
                participant("2026-02-01", "UTC", "2026-03-01T00:00:00Z", null),
                "{",
                "{\"participantId\":\"p-2\",\"clinicId\":\"c-1\",\"infantBirthDate\":\"2026-02-01\",\"monitoringStart\":\"2026-03-01T00:00:00Z\"}",
                "{\"participantId\":\"p-3\",\"clinicId\":\"c-1\",\"infantBirthDate\":\"2026-02-01\",\"timeZone\":\"Mars/Olympus\",\"monitoringStart\":\"2026-03-01T00:00:00Z\"}",
                "{\"participantId\":\"p-4\",\"clinicId\":\"c-1\",\"infantBirthDate\":\"2026-02-30\",\"timeZone\":\"UTC\",\"monitoringStart\":\"2026-03-01T00:00:00Z\"}",
                "{\"participantId\":\"p-5\",\"clinicId\":\"c-1\",\"infantBirthDate\":\"2026-02-01\",\"timeZone\":\"UTC\",\"monitoringStart\":\"2026-03-01T00:00:00\"}",
                // An invalid re-enrollment must not replace the valid one.
                "{\"participantId\":\"p-1\",\"clinicId\":\"c-9\",\"infantBirthDate\":\"2026-02-01\",\"timeZone\":\"Nowhere/City\",\"monitoringStart\":\"2026-03-01T00:00:00Z\"}");
        List<String> events = List.of(
                "not json",
                "[1,2]",
                "{\"participantId\":\"p-1\",\"type\":\"SNACK\",\"startTime\":\"2026-03-05T00:00:00Z\"}",
                "{\"eventId\":\"x4\",\"participantId\":\"p-1\",\"type\":\"\",\"startTime\":\"2026-03-05T00:00:00Z\"}",
                "{\"eventId\":\"x5\",\"participantId\":\"p-9\",\"type\":\"SNACK\",\"startTime\":\"2026-03-05T00:00:00Z\"}",
                "{\"eventId\":\"x6\",\"participantId\":\"p-1\",\"type\":\"PUMP\",\"startTime\":\"2026-03-05T00:00:00\"}",
                "{\"eventId\":\"x7\",\"participantId\":\"p-1\",\"type\":\"PUMP\",\"startTime\":\"2026-03-05T00:00:00Z\",\"durationMinutes\":\"ten\"}",
                "{\"eventId\":\"x8\",\"participantId\":\"p-1\",\"type\":\"PUMP\",\"startTime\":\"2026-03-05T00:00:00Z\",\"volumeMl\":-1}",
                "{\"eventId\":\"x9\",\"participantId\":\"p-1\",\"type\":\"PUMP\",\"startTime\":\"2026-03-05T00:00:00Z\",\"side\":\"MIDDLE\"}",
                "{\"eventId\":\"x10\",\"participantId\":\"p-9\",\"type\":\"PUMP\",\"startTime\":\"2026-03-05T03:00:00Z\",\"recordedAt\":\"2026-03-05T00:00:00Z\"}",
                "{\"eventId\":\"e-f\",\"participantId\":\"p-1\",\"type\":\"PUMP\",\"startTime\":\"2026-03-05T02:01:00Z\",\"recordedAt\":\"2026-03-05T01:00:00Z\"}",
                "{\"eventId\":\"e-1\",\"participantId\":\"p-1\",\"type\":\"BREASTFEED\",\"startTime\":\"2026-03-05T00:00:00Z\",\"recordedAt\":\"2026-03-04T23:00:00Z\"}",
                // duplicate: ignored although it would be TOO_LATE
                "{\"eventId\":\"e-1\",\"participantId\":\"p-1\",\"type\":\"FORMULA\",\"startTime\":\"2026-03-01T00:00:00Z\"}",
                // duplicate id but invalid: the value checks come first
                "{\"eventId\":\"e-1\",\"participantId\":\"p-1\",\"type\":\"SNACK\",\"startTime\":\"2026-03-05T00:00:00Z\"}",
                // exactly 48 h before the latest accepted start: accepted
                "{\"eventId\":\"e-2\",\"participantId\":\"p-1\",\"type\":\"BREASTFEED\",\"startTime\":\"2026-03-03T00:00:00Z\"}",
                "{\"eventId\":\"e-3\",\"participantId\":\"p-1\",\"type\":\"BREASTFEED\",\"startTime\":\"2026-03-02T23:59:00Z\"}",
                // the TOO_LATE e-3 and the FUTURE_TIMESTAMP e-f were never accepted, so these are not duplicates
                "{\"eventId\":\"e-3\",\"participantId\":\"p-1\",\"type\":\"BREASTFEED\",\"startTime\":\"2026-03-04T00:00:00Z\"}",
                "{\"eventId\":\"e-f\",\"participantId\":\"p-1\",\"type\":\"PUMP\",\"startTime\":\"2026-03-05T02:01:00Z\"}",
                // a participant whose only record was rejected is unknown
                "{\"eventId\":\"x19\",\"participantId\":\"p-3\",\"type\":\"PUMP\",\"startTime\":\"2026-03-05T00:00:00Z\"}");

        Result r = ReferenceModel.run(participants, events, null);

        assertThat(r.rejected()).extracting(Rejection::reason).containsExactly(
                "MALFORMED", "MISSING_FIELD", "INVALID_VALUE", "INVALID_VALUE", "INVALID_VALUE", "INVALID_VALUE",
                "MALFORMED", "MALFORMED", "MISSING_FIELD", "MISSING_FIELD",
                "INVALID_VALUE", "INVALID_VALUE", "INVALID_VALUE", "INVALID_VALUE", "INVALID_VALUE",
                "UNKNOWN_PARTICIPANT", "FUTURE_TIMESTAMP", "INVALID_VALUE", "TOO_LATE", "UNKNOWN_PARTICIPANT");
        assertThat(r.rejected().get(6).original()).isEqualTo("not json");
        assertThat(r.accepted()).extracting(ReferenceModel.Event::eventId).containsExactly("e-1", "e-2", "e-3", "e-f");
        assertThat(r.finalClock()).isEqualTo(at("2026-03-05T02:01:00Z"));
        assertThat(r.dailySummaries()).extracting(DailySummary::clinicId).containsOnly("c-1");
    }

    @Test
    void dailySummariesFollowTheLocalCalendarAcrossTheDstDay() {
        // London springs forward at 2026-03-29T01:00Z: 22:30Z is 23:30 BST (03-29), 23:15Z is 00:15 BST (03-30).
        List<String> events = List.of(
                event("a", "BREASTFEED", at("2026-03-28T23:30:00Z")),
                event("b", "PUMP", at("2026-03-29T00:10:00Z"), 50.0),
                event("c", "HAND_EXPRESSION", at("2026-03-29T00:20:00Z"), 20.5),
                event("d", "BOTTLE_BREASTMILK", at("2026-03-29T09:00:00Z"), 30.0),
                event("e", "FORMULA", at("2026-03-29T10:00:00Z"), 60.0),
                event("f", "FORMULA", at("2026-03-29T10:05:00Z")),
                event("g", "BREASTFEED", at("2026-03-29T22:30:00Z")),
                event("h", "BREASTFEED", at("2026-03-29T23:15:00Z")),
                event("i", "PUMP", at("2026-03-29T23:20:00Z")));
        Result r = ReferenceModel.run(List.of(participant("2026-03-01", "Europe/London", "2026-03-28T00:00:00Z", null)),
                events, null);

        assertThat(r.dailySummaries()).containsExactly(
                new DailySummary("p-1", "c-1", LocalDate.parse("2026-03-28"), "Europe/London", 1,
                        counts(1, 0, 0, 0, 0), 0, 0, 0, null),
                // sessions 00:10Z (00:20 joins it) and 22:30Z: 22 h 20 min apart
                new DailySummary("p-1", "c-1", LocalDate.parse("2026-03-29"), "Europe/London", 2,
                        counts(1, 1, 1, 1, 2), 70.5, 30, 60, 1340L),
                new DailySummary("p-1", "c-1", LocalDate.parse("2026-03-30"), "Europe/London", 1,
                        counts(1, 1, 0, 0, 0), 0, 0, 0, null));
    }

    /**
     * The change-point enumeration is the one clever part of the model: check it against evaluating the predicates at
     * every minute (the generated histories only contain whole-minute instants, and their zones have whole-minute
     * midnights, so a minute scan sees every change).
     */
    @Property(tries = 40, seed = "20260302", edgeCases = EdgeCasesMode.NONE)
    void changePointEpisodesEqualAMinuteByMinuteScan(@ForAll("histories") DetectionPropertyTest.History history) {
        DetectionPropertyTest.Inputs in = history.render();
        Result r = ReferenceModel.run(in.participantLines(), in.eventLines(), in.until());
        ReferenceModel model = new ReferenceModel(ReferenceModel.DEFAULT_POLICY);
        List<Episode> scanned = new ArrayList<>();
        for (Participant p : r.roster().values()) {
            List<Instant> sessions = ReferenceModel.sessions(
                    r.accepted().stream().filter(e -> e.participantId().equals(p.participantId())).toList());
            for (String type : ReferenceModel.RISK_TYPES) {
                Instant since = null;
                for (Instant t = p.monitoringStart(); r.finalClock() != null && !t.isAfter(r.finalClock());
                        t = t.plus(Duration.ofMinutes(1))) {
                    boolean atRisk = model.risk(type, p, sessions, t);
                    if (atRisk && since == null) {
                        since = t;
                    } else if (!atRisk && since != null) {
                        scanned.add(new Episode(p.participantId(), type, since, t, model.resolution(type, p, sessions, t)));
                        since = null;
                    }
                }
                if (since != null) {
                    scanned.add(new Episode(p.participantId(), type, since, null, null));
                }
            }
        }
        assertThat(r.episodes()).containsExactlyElementsOf(scanned);
    }

    @Provide
    Arbitrary<DetectionPropertyTest.History> histories() {
        return DetectionPropertyTest.historyArbitrary();
    }

    // ------------------------------------------------------------------------------------------ helpers

    private static Instant at(String iso) {
        return Instant.parse(iso);
    }

    private static String participant(String birthDate, String zone, String monitoringStart, String monitoringEnd) {
        return "{\"participantId\":\"p-1\",\"clinicId\":\"c-1\",\"infantBirthDate\":\"" + birthDate + "\",\"timeZone\":\""
                + zone + "\",\"monitoringStart\":\"" + monitoringStart + "\",\"monitoringEnd\":"
                + (monitoringEnd == null ? "null" : "\"" + monitoringEnd + "\"") + "}";
    }

    private static String event(String id, String type, Instant start) {
        return event(id, type, start, null);
    }

    private static String event(String id, String type, Instant start, Double volumeMl) {
        return "{\"eventId\":\"" + id + "\",\"participantId\":\"p-1\",\"type\":\"" + type + "\",\"startTime\":\"" + start
                + "\",\"volumeMl\":" + volumeMl + "}";
    }

    private static Map<String, Integer> counts(int breastfeed, int pump, int hand, int bottle, int formula) {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("BREASTFEED", breastfeed);
        m.put("PUMP", pump);
        m.put("HAND_EXPRESSION", hand);
        m.put("BOTTLE_BREASTMILK", bottle);
        m.put("FORMULA", formula);
        return m;
    }

    private static ExpectedAlert open(String type, String riskSince) {
        return new ExpectedAlert("p-1", type, "OPEN", at(riskSince), null, null);
    }

    private static ExpectedAlert resolved(String type, String riskSince, String resolvedAt, String resolution) {
        return new ExpectedAlert("p-1", type, "RESOLVED", at(riskSince), at(resolvedAt), resolution);
    }

    private static Map<String, ExpectedAlert> alerts(ExpectedAlert... expected) {
        Map<String, ExpectedAlert> m = new LinkedHashMap<>();
        for (ExpectedAlert a : expected) {
            m.put(ReferenceModel.alertId(a.participantId(), a.type(), a.riskSince()), a);
        }
        return m;
    }
}
