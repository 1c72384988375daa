package io.feedwatch.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.feedwatch.config.FeedwatchConfig;
import io.feedwatch.detect.ReferenceModel.DailySummary;
import io.feedwatch.detect.ReferenceModel.ExpectedAlert;
import io.feedwatch.detect.ReferenceModel.Rejection;
import io.feedwatch.replay.Replay;
import io.feedwatch.replay.ReplayResult;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;

/**
 * Compares the production topology (through {@link Replay}) with {@link ReferenceModel} over random histories: final
 * alert state per alertId, daily summaries, dead letters, and determinism of the replay itself.
 *
 * <p>The seed is fixed so that every build checks the same histories; change it locally to explore others.
 */
class DetectionPropertyTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final FeedwatchConfig CONFIG = FeedwatchConfig.defaults();
    private static final DateTimeFormatter LOCAL_OFFSET = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

    // Edge cases (empty lists, extreme ints) would crowd out realistic histories; the generators already aim at the
    // boundaries that matter.
    @Property(tries = 100, seed = "20260301", edgeCases = EdgeCasesMode.NONE)
    void replayAgreesWithTheReferenceModel(@ForAll("histories") History history) {
        Inputs in = history.render();
        ReferenceModel.Result expected = ReferenceModel.run(in.participantLines(), in.eventLines(), in.until());

        ReplayResult actual = Replay.run(in.participantLines(), in.eventLines(), in.until(), CONFIG);

        assertThat(describe(finalAlertStates(actual.alerts())))
                .as(() -> "final state per alertId (WITHDRAWN ignored); reference episodes up to the final clock "
                        + expected.finalClock() + ":\n  " + String.join("\n  ",
                        expected.episodes().stream().map(Object::toString).toList()))
                .containsExactlyElementsOf(describe(expected.alerts()));
        assertThat(parseSummaries(actual.dailySummaries())).as("daily summaries")
                .containsExactlyElementsOf(expected.dailySummaries());
        assertThat(parseRejected(actual.rejected())).as("dead letters, in order")
                .containsExactlyElementsOf(expected.rejected());
        // the work queue, from the alert records and the clock, against a model of the case rules alone
        assertThat(finalCaseStates(actual.cases())).as("final state per caseId")
                .containsExactlyEntriesOf(CaseReference.run(actual.alerts(), actual.alertInputs(), expected.clocks()));

        ReplayResult again = Replay.run(in.participantLines(), in.eventLines(), in.until(), CONFIG);
        assertThat(again).as("a second replay of the same input").isEqualTo(actual);
    }

    // ------------------------------------------------------------------------------------------ reading Replay output

    /** The last record per alertId, unless that record withdraws the alert. */
    static Map<String, ExpectedAlert> finalAlertStates(List<String> alertLines) {
        Map<String, JsonNode> last = new LinkedHashMap<>();
        for (String line : alertLines) {
            JsonNode n = readJson(line);
            last.put(n.get("alertId").asText(), n);
        }
        Map<String, ExpectedAlert> out = new LinkedHashMap<>();
        last.forEach((id, n) -> {
            if (!n.get("status").asText().equals("WITHDRAWN")) {
                out.put(id, new ExpectedAlert(n.get("participantId").asText(), n.get("type").asText(),
                        n.get("status").asText(), instantOrNull(n, "riskSince"), instantOrNull(n, "resolvedAt"),
                        textOrNull(n, "resolution")));
            }
        });
        return out;
    }

    /** The last record per caseId, as the case reference describes it. */
    static Map<String, CaseReference.ExpectedCase> finalCaseStates(List<String> caseLines) {
        Map<String, CaseReference.ExpectedCase> out = new java.util.TreeMap<>();
        for (String line : caseLines) {
            JsonNode n = readJson(line);
            List<String> alertIds = new ArrayList<>();
            n.get("alertIds").forEach(id -> alertIds.add(id.asText()));
            out.put(n.get("caseId").asText(), new CaseReference.ExpectedCase(n.get("participantId").asText(), n.get("status").asText(),
                    instantOrNull(n, "openedAt"), instantOrNull(n, "closedAt"), textOrNull(n, "closeReason"), alertIds,
                    n.get("notifications").asInt(), instantOrNull(n, "lastNotifiedAt")));
        }
        return out;
    }

    /** One readable line per alert, sorted by participant, type and riskSince, so that a diff reads like a timeline. */
    static List<String> describe(Map<String, ExpectedAlert> alerts) {
        return alerts.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, ExpectedAlert> e) -> e.getValue().participantId())
                        .thenComparing(e -> e.getValue().type())
                        .thenComparing(e -> String.valueOf(e.getValue().riskSince())))
                .map(e -> e.getValue().participantId() + " " + e.getValue().type() + " " + e.getValue().status()
                        + " riskSince=" + e.getValue().riskSince() + " resolvedAt=" + e.getValue().resolvedAt()
                        + " resolution=" + e.getValue().resolution() + " alertId=" + e.getKey())
                .toList();
    }

    static List<DailySummary> parseSummaries(List<String> lines) {
        List<DailySummary> out = new ArrayList<>();
        for (String line : lines) {
            JsonNode n = readJson(line);
            Map<String, Integer> counts = new LinkedHashMap<>();
            n.get("eventCounts").properties().forEach(e -> counts.put(e.getKey(), e.getValue().asInt()));
            JsonNode gap = n.get("longestGapMinutes");
            out.add(new DailySummary(n.get("participantId").asText(), textOrNull(n, "clinicId"),
                    LocalDate.parse(n.get("date").asText()), textOrNull(n, "timeZone"), n.get("removalSessions").asInt(),
                    counts, n.get("expressedMl").asDouble(), n.get("bottleBreastmilkMl").asDouble(),
                    n.get("formulaMl").asDouble(), gap == null || gap.isNull() ? null : gap.asLong()));
        }
        return out;
    }

    static List<Rejection> parseRejected(List<String> lines) {
        return lines.stream().map(DetectionPropertyTest::readJson)
                .map(n -> new Rejection(n.get("reason").asText(), n.get("original").asText()))
                .toList();
    }

    private static JsonNode readJson(String line) {
        try {
            return MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new AssertionError("replay wrote a line that is not JSON: " + line, e);
        }
    }

    private static String textOrNull(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Instant instantOrNull(JsonNode n, String field) {
        String s = textOrNull(n, field);
        return s == null ? null : Instant.parse(s);
    }

    // ------------------------------------------------------------------------------------------ generated histories

    /** How the next event's start follows from earlier ones. */
    enum StepKind { GAP_MINUTES, DAY_AFTER_EARLIER }

    /** GAP_MINUTES: value minutes after the previous event; DAY_AFTER_EARLIER: exactly 24 h after the event value back. */
    record Step(StepKind kind, int value) {
    }

    /** What makes a line invalid (NONE: a well-formed event). Several combine two faults to pin the check order. */
    enum Corruption {
        NONE, MALFORMED_TEXT, MALFORMED_ARRAY, MALFORMED_TRUNCATED, MISSING_EVENT_ID, NULL_PARTICIPANT, EMPTY_TYPE,
        MISSING_START, MISSING_ID_AND_INVALID_TYPE, INVALID_TYPE, START_WITHOUT_OFFSET, START_GARBAGE, NEGATIVE_DURATION,
        NEGATIVE_VOLUME, DURATION_AS_TEXT, BAD_SIDE, BAD_SOURCE, RECORDED_AT_GARBAGE, UNKNOWN_PARTICIPANT,
        UNKNOWN_PARTICIPANT_AND_INVALID_TYPE, UNKNOWN_PARTICIPANT_AND_FUTURE
    }

    /** How a participant is enrolled; the ONLY_* variants leave it unknown. */
    enum Enrollment {
        PLAIN, REPEATED, REPLACED, INVALID_REENROLLMENT, ONLY_MALFORMED, ONLY_MISSING_ZONE, ONLY_UNKNOWN_ZONE,
        ONLY_BAD_BIRTH_DATE, ONLY_START_WITHOUT_OFFSET
    }

    record Content(String type, Integer durationMinutes, String side, Integer volumeHalfMl, String source,
                   boolean localOffset) {
    }

    /**
     * @param recordedAtDeltaMinutes recordedAt = start + delta (null: absent); below -60 makes a FUTURE_TIMESTAMP
     * @param arrivalDelayMinutes the line is placed in the file by start + delay (0 = in order)
     * @param duplicateBack reuse the eventId of the event that many places back (null: own id)
     */
    record GenEvent(Step step, Content content, Integer recordedAtDeltaMinutes, int arrivalDelayMinutes,
                    Integer duplicateBack, Corruption corruption) {
    }

    record GenParticipant(String zone, int ageAtBaseDays, int monitoringStartOffsetMinutes,
                          Integer monitoringLengthMinutes, int firstEventOffsetMinutes, List<GenEvent> events,
                          Enrollment enrollment) {
    }

    record Inputs(List<String> participantLines, List<String> eventLines, Instant until) {
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("until=" + until + "\nparticipant lines:\n");
            participantLines.forEach(l -> sb.append("  ").append(l).append('\n'));
            sb.append("event lines (file order):\n");
            eventLines.forEach(l -> sb.append("  ").append(l).append('\n'));
            return sb.toString();
        }
    }

    /** A generated history; shown on failure as the input lines it renders to. */
    record History(LocalDate baseDate, List<GenParticipant> participants, Integer untilOffsetMinutes) {
        @Override
        public String toString() {
            return "\n" + render();
        }

        Inputs render() {
            Instant base = baseDate.atStartOfDay(ZoneOffset.UTC).toInstant();
            List<String> participantLines = new ArrayList<>();
            record Placed(Instant arrival, int participant, int index, String line) {
            }
            List<Placed> placed = new ArrayList<>();
            Instant maxStart = null;
            for (int i = 0; i < participants.size(); i++) {
                GenParticipant gp = participants.get(i);
                String pid = "p-" + (i + 1);
                participantLines.addAll(enrollmentLines(pid, i, gp, base));

                List<Instant> starts = new ArrayList<>();
                List<String> ids = new ArrayList<>();
                Instant previous = base.plus(Duration.ofMinutes(gp.firstEventOffsetMinutes()));
                for (int j = 0; j < gp.events().size(); j++) {
                    GenEvent ge = gp.events().get(j);
                    Instant start = switch (ge.step().kind()) {
                        case GAP_MINUTES -> previous.plus(Duration.ofMinutes(ge.step().value()));
                        case DAY_AFTER_EARLIER -> (j - ge.step().value() >= 0 ? starts.get(j - ge.step().value()) : previous)
                                .plus(Duration.ofHours(24));
                    };
                    String id = ge.duplicateBack() != null && j - ge.duplicateBack() >= 0
                            ? ids.get(j - ge.duplicateBack()) : "e-" + (i + 1) + "-" + j;
                    starts.add(start);
                    ids.add(id);
                    previous = start;
                    maxStart = maxStart == null || start.isAfter(maxStart) ? start : maxStart;
                    placed.add(new Placed(start.plus(Duration.ofMinutes(ge.arrivalDelayMinutes())), i, j,
                            eventLine(id, pid, start, ZoneId.of(gp.zone()), ge)));
                }
            }
            placed.sort(Comparator.comparing(Placed::arrival).thenComparing(Placed::participant)
                    .thenComparing(Placed::index));
            // until never lies before an event time: the spec does not say what "advance to until" means backwards.
            Instant until = untilOffsetMinutes == null ? null
                    : (maxStart == null ? base.plus(Duration.ofDays(1)) : maxStart)
                            .plus(Duration.ofMinutes(untilOffsetMinutes));
            return new Inputs(participantLines, placed.stream().map(Placed::line).toList(), until);
        }
    }

    private static List<String> enrollmentLines(String pid, int index, GenParticipant gp, Instant base) {
        ZoneId zone = ZoneId.of(gp.zone());
        Instant start = base.plus(Duration.ofMinutes(gp.monitoringStartOffsetMinutes()));
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("participantId", pid);
        p.put("clinicId", "c-" + (index % 2 + 1));
        p.put("infantBirthDate", LocalDate.ofInstant(base, zone).minusDays(gp.ageAtBaseDays()).toString());
        p.put("timeZone", gp.zone());
        p.put("monitoringStart", iso(start, zone, index % 2 == 1));
        p.put("monitoringEnd", gp.monitoringLengthMinutes() == null ? null
                : iso(start.plus(Duration.ofMinutes(gp.monitoringLengthMinutes())), zone, index % 2 == 0));
        String valid = json(p);
        Map<String, Object> other = new LinkedHashMap<>(p);
        return switch (gp.enrollment()) {
            case PLAIN -> List.of(valid);
            case REPEATED -> List.of(valid, valid);
            case REPLACED -> {
                other.put("clinicId", "c-old");
                other.put("infantBirthDate", LocalDate.ofInstant(base, zone).minusDays(30).toString());
                other.put("timeZone", "UTC");
                other.put("monitoringStart", base.minus(Duration.ofDays(1)).toString());
                other.put("monitoringEnd", null);
                yield List.of(json(other), valid);
            }
            case INVALID_REENROLLMENT -> {
                other.put("timeZone", "Mars/Olympus_Mons");
                yield List.of(valid, json(other));
            }
            case ONLY_MALFORMED -> List.of(valid.substring(0, valid.length() / 2));
            case ONLY_MISSING_ZONE -> {
                other.remove("timeZone");
                yield List.of(json(other));
            }
            case ONLY_UNKNOWN_ZONE -> {
                other.put("timeZone", "Mars/Olympus_Mons");
                yield List.of(json(other));
            }
            case ONLY_BAD_BIRTH_DATE -> {
                other.put("infantBirthDate", "2026-02-30");
                yield List.of(json(other));
            }
            case ONLY_START_WITHOUT_OFFSET -> {
                other.put("monitoringStart", LocalDateTime.ofInstant(start, ZoneOffset.UTC).toString());
                yield List.of(json(other));
            }
        };
    }

    private static String eventLine(String id, String pid, Instant start, ZoneId zone, GenEvent ge) {
        Content c = ge.content();
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("eventId", id);
        e.put("participantId", pid);
        e.put("type", c.type());
        e.put("startTime", iso(start, zone, c.localOffset()));
        e.put("durationMinutes", c.durationMinutes());
        e.put("side", c.side());
        e.put("volumeMl", c.volumeHalfMl() == null ? null : c.volumeHalfMl() / 2.0);
        if (c.source() != null) {
            e.put("source", c.source());
            e.put("sourceId", c.source().toLowerCase() + "-1");
        }
        if (ge.recordedAtDeltaMinutes() != null) {
            e.put("recordedAt", iso(start.plus(Duration.ofMinutes(ge.recordedAtDeltaMinutes())), zone, !c.localOffset()));
        }
        switch (ge.corruption()) {
            case NONE -> { }
            case MALFORMED_TEXT -> {
                return "feeding at " + start;
            }
            case MALFORMED_ARRAY -> {
                return "[" + json(e) + "]";
            }
            case MALFORMED_TRUNCATED -> {
                String s = json(e);
                return s.substring(0, s.length() / 2);
            }
            case MISSING_EVENT_ID -> e.remove("eventId");
            case NULL_PARTICIPANT -> e.put("participantId", null);
            case EMPTY_TYPE -> e.put("type", "");
            case MISSING_START -> e.remove("startTime");
            case MISSING_ID_AND_INVALID_TYPE -> {
                e.remove("eventId");
                e.put("type", "SNACK");
            }
            case INVALID_TYPE -> e.put("type", "SNACK");
            case START_WITHOUT_OFFSET -> e.put("startTime", LocalDateTime.ofInstant(start, ZoneOffset.UTC).toString());
            case START_GARBAGE -> e.put("startTime", "yesterday");
            case NEGATIVE_DURATION -> e.put("durationMinutes", -5);
            case NEGATIVE_VOLUME -> e.put("volumeMl", -10.0);
            case DURATION_AS_TEXT -> e.put("durationMinutes", "ten");
            case BAD_SIDE -> e.put("side", "MIDDLE");
            case BAD_SOURCE -> e.put("source", "FAX");
            case RECORDED_AT_GARBAGE -> e.put("recordedAt", "soon");
            case UNKNOWN_PARTICIPANT -> e.put("participantId", "p-9");
            case UNKNOWN_PARTICIPANT_AND_INVALID_TYPE -> {
                e.put("participantId", "p-9");
                e.put("type", "SNACK");
            }
            case UNKNOWN_PARTICIPANT_AND_FUTURE -> {
                e.put("participantId", "p-9");
                e.put("recordedAt", start.minus(Duration.ofHours(3)).toString());
            }
        }
        return json(e);
    }

    /**
     * ISO-8601 with an offset: UTC "Z", or the participant's local offset at that instant. Always with seconds: whether
     * "08:00+01:00" (no seconds) is acceptable is not specified, and Instant.parse would reject it.
     */
    private static String iso(Instant t, ZoneId zone, boolean local) {
        return local ? LOCAL_OFFSET.format(t.atZone(zone)) : t.toString();
    }

    private static String json(Map<String, Object> fields) {
        try {
            return MAPPER.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------------------------------ arbitraries

    @Provide
    Arbitrary<History> histories() {
        return historyArbitrary();
    }

    static Arbitrary<History> historyArbitrary() {
        // Dates a few days before DST changes: Chicago 03-08 and 11-01, London 03-29 and 10-25; June has none.
        Arbitrary<LocalDate> baseDate = Arbitraries.of(LocalDate.parse("2026-03-06"), LocalDate.parse("2026-03-27"),
                LocalDate.parse("2026-10-23"), LocalDate.parse("2026-10-30"), LocalDate.parse("2026-06-10"));
        Arbitrary<Integer> untilOffset = Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.just(0)),
                Tuple.of(1, Arbitraries.just(240)),
                Tuple.of(1, Arbitraries.just(1440)),
                Tuple.of(6, Arbitraries.integers().between(1, 3 * 1440))).injectNull(0.3);
        return Combinators.combine(baseDate, participant().list().ofMinSize(1).ofMaxSize(3), untilOffset)
                .as(History::new);
    }

    private static Arbitrary<GenParticipant> participant() {
        Arbitrary<String> zone = Arbitraries.frequency(
                Tuple.of(4, "America/Chicago"), Tuple.of(4, "Europe/London"), Tuple.of(1, "UTC"),
                Tuple.of(1, "Asia/Kolkata"), Tuple.of(1, "Pacific/Auckland"));
        // Ages that cross a band boundary (13/14, 55/56, 182/183) within a few days, and births after the start.
        Arbitrary<Integer> ageAtBase = Arbitraries.oneOf(Arbitraries.integers().between(10, 14),
                Arbitraries.integers().between(52, 56), Arbitraries.integers().between(179, 183),
                Arbitraries.integers().between(-2, 3));
        Arbitrary<Integer> monitoringStartOffset = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(0)), Tuple.of(4, Arbitraries.integers().between(-1440, 1440)));
        Arbitrary<Integer> monitoringLength = Arbitraries.integers().between(6 * 60, 4 * 1440).injectNull(0.75);
        Arbitrary<Integer> firstEventOffset = Arbitraries.integers().between(-1440, 1440);
        Arbitrary<List<GenEvent>> events = Arbitraries.of(true, false).flatMap(dense -> event(dense).list()
                .ofMaxSize(60).withSizeDistribution(RandomDistribution.uniform()));
        Arbitrary<Enrollment> enrollment = Arbitraries.frequencyOf(
                Tuple.of(40, Arbitraries.just(Enrollment.PLAIN)),
                Tuple.of(6, Arbitraries.of(Enrollment.values())));
        return Combinators.combine(zone, ageAtBase, monitoringStartOffset, monitoringLength, firstEventOffset, events,
                enrollment).as(GenParticipant::new);
    }

    private static Arbitrary<GenEvent> event(boolean dense) {
        Arbitrary<Integer> recordedAtDelta = Arbitraries.frequencyOf(
                Tuple.of(12, Arbitraries.integers().between(0, 180)),
                Tuple.of(1, Arbitraries.just(-60)),
                Tuple.of(1, Arbitraries.integers().between(-240, -61))).injectNull(0.4);
        Arbitrary<Integer> arrivalDelay = Arbitraries.frequencyOf(
                Tuple.of(16, Arbitraries.just(0)),
                Tuple.of(3, Arbitraries.integers().between(1, 48 * 60)),
                Tuple.of(1, Arbitraries.integers().between(48 * 60 + 1, 96 * 60)));
        Arbitrary<Integer> duplicateBack = Arbitraries.integers().between(1, 8).injectNull(0.93);
        Arbitrary<Corruption> corruption = Arbitraries.frequencyOf(
                Tuple.of(95, Arbitraries.just(Corruption.NONE)),
                Tuple.of(5, Arbitraries.of(Corruption.values())));
        return Combinators.combine(step(dense), content(), recordedAtDelta, arrivalDelay, duplicateBack, corruption)
                .as(GenEvent::new);
    }

    /** Dense participants feed every 1-2.5 h; the others have long silences too. Exact 30 min / 4 h / 24 h steps in both. */
    private static Arbitrary<Step> step(boolean dense) {
        Arbitrary<Step> sameSession = Arbitraries.integers().between(1, 29).map(m -> new Step(StepKind.GAP_MINUTES, m));
        Arbitrary<Step> exactly30 = Arbitraries.just(new Step(StepKind.GAP_MINUTES, 30));
        Arbitrary<Step> exactly4h = Arbitraries.just(new Step(StepKind.GAP_MINUTES, 240));
        Arbitrary<Step> dayAfter = Arbitraries.integers().between(1, 12).map(k -> new Step(StepKind.DAY_AFTER_EARLIER, k));
        if (dense) {
            return Arbitraries.frequencyOf(
                    Tuple.of(5, sameSession), Tuple.of(2, exactly30),
                    Tuple.of(12, Arbitraries.integers().between(45, 150).map(m -> new Step(StepKind.GAP_MINUTES, m))),
                    Tuple.of(1, exactly4h),
                    Tuple.of(1, Arbitraries.integers().between(151, 300).map(m -> new Step(StepKind.GAP_MINUTES, m))),
                    Tuple.of(1, dayAfter));
        }
        return Arbitraries.frequencyOf(
                Tuple.of(5, sameSession), Tuple.of(2, exactly30),
                Tuple.of(10, Arbitraries.integers().between(31, 239).map(m -> new Step(StepKind.GAP_MINUTES, m))),
                Tuple.of(2, exactly4h),
                Tuple.of(2, Arbitraries.integers().between(241, 720).map(m -> new Step(StepKind.GAP_MINUTES, m))),
                Tuple.of(1, Arbitraries.integers().between(721, 1800).map(m -> new Step(StepKind.GAP_MINUTES, m))),
                Tuple.of(1, dayAfter));
    }

    private static Arbitrary<Content> content() {
        Arbitrary<String> type = Arbitraries.frequency(
                Tuple.of(12, "BREASTFEED"), Tuple.of(4, "PUMP"), Tuple.of(2, "HAND_EXPRESSION"),
                Tuple.of(1, "BOTTLE_BREASTMILK"), Tuple.of(1, "FORMULA"));
        Arbitrary<Integer> duration = Arbitraries.integers().between(1, 45).injectNull(0.3);
        Arbitrary<String> side = Arbitraries.of("LEFT", "RIGHT", "BOTH").injectNull(0.4);
        // Half millilitres: exact in binary, so sums do not depend on the order of addition.
        Arbitrary<Integer> volumeHalfMl = Arbitraries.integers().between(0, 400).injectNull(0.3);
        Arbitrary<String> source = Arbitraries.of("APP", "DEVICE", "CLINIC").injectNull(0.5);
        Arbitrary<Boolean> localOffset = Arbitraries.frequency(Tuple.of(3, false), Tuple.of(1, true));
        return Combinators.combine(type, duration, side, volumeHalfMl, source, localOffset).as(Content::new);
    }
}
