package io.feedwatch.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A replay's output parsed with Jackson into typed views. Parsing is strict about types and about the instant form
 * (UTC, {@code Instant.toString()}), lenient about field order (one dedicated test pins the order).
 */
final class Outcome {
    private static final ObjectReader READER = JsonMapper.builder().build().reader();

    private final ReplayResult result;
    private final List<Alert> alerts;
    private final List<Summary> summaries;
    private final List<Rejected> rejected;

    Outcome(ReplayResult result) {
        this.result = result;
        this.alerts = result.alerts().stream().map(Alert::parse).toList();
        this.summaries = result.dailySummaries().stream().map(Summary::parse).toList();
        this.rejected = result.rejected().stream().map(Rejected::parse).toList();
    }

    ReplayResult result() {
        return result;
    }

    /** Every alert record in emission order. */
    /** Every case record, in emission order, as JSON. */
    List<JsonNode> cases() {
        return result.cases().stream().map(Outcome::tree).toList();
    }

    List<Alert> alerts() {
        return alerts;
    }

    List<Alert> alerts(String type) {
        return alerts.stream().filter(a -> a.type().equals(type)).toList();
    }

    /** Every record emitted for one alert id, in emission order. */
    List<Alert> recordsOf(String alertId) {
        return alerts.stream().filter(a -> a.alertId().equals(alertId)).toList();
    }

    /** The last record per alert id (its final state), keyed in order of first emission. */
    Map<String, Alert> finalStates() {
        Map<String, Alert> last = new LinkedHashMap<>();
        alerts.forEach(a -> last.put(a.alertId(), a));
        return last;
    }

    Alert finalState(String alertId) {
        Alert a = finalStates().get(alertId);
        assertThat(a).as("no alert record with id %s among %s", alertId, result.alerts()).isNotNull();
        return a;
    }

    List<Summary> summaries() {
        return summaries;
    }

    Summary summary(String participantId, String date) {
        List<Summary> matching = summaries.stream()
                .filter(s -> s.participantId().equals(participantId) && s.date().equals(LocalDate.parse(date)))
                .toList();
        assertThat(matching).as("summaries of %s on %s in %s", participantId, date, result.dailySummaries()).hasSize(1);
        return matching.get(0);
    }

    List<Rejected> rejected() {
        return rejected;
    }

    List<String> rejectedReasons() {
        return rejected.stream().map(Rejected::reason).toList();
    }

    static JsonNode tree(String line) {
        assertThat(line).as("an output line is a single line").doesNotContain("\n");
        try {
            JsonNode n = READER.readTree(line);
            assertThat(n.isObject()).as("output line is a JSON object: %s", line).isTrue();
            return n;
        } catch (JsonProcessingException e) {
            throw new AssertionError("output line is not JSON: " + line, e);
        }
    }

    static List<String> fieldNames(JsonNode n) {
        List<String> names = new ArrayList<>();
        Iterator<String> it = n.fieldNames();
        it.forEachRemaining(names::add);
        return names;
    }

    private static JsonNode field(JsonNode n, String name) {
        assertThat(n.has(name)).as("field %s present (null values are written as null) in %s", name, n).isTrue();
        return n.get(name);
    }

    private static String text(JsonNode n, String name) {
        JsonNode v = field(n, name);
        if (v.isNull()) {
            return null;
        }
        assertThat(v.isTextual()).as("%s is a string in %s", name, n).isTrue();
        return v.asText();
    }

    private static Instant instant(JsonNode n, String name) {
        String s = text(n, name);
        if (s == null) {
            return null;
        }
        Instant i = Instant.parse(s);
        assertThat(s).as("%s is written in UTC Instant.toString() form", name).isEqualTo(i.toString());
        return i;
    }

    private static Integer integer(JsonNode n, String name) {
        JsonNode v = field(n, name);
        if (v.isNull()) {
            return null;
        }
        assertThat(v.isIntegralNumber()).as("%s is an integer in %s", name, n).isTrue();
        return v.intValue();
    }

    private static double number(JsonNode n, String name) {
        JsonNode v = field(n, name);
        assertThat(v.isNumber()).as("%s is a number in %s", name, n).isTrue();
        return v.doubleValue();
    }

    private static Duration duration(JsonNode n, String name) {
        String s = text(n, name);
        if (s == null) {
            return null;
        }
        Duration d = Duration.parse(s);
        assertThat(s).as("%s is an ISO-8601 duration such as PT4H", name).isEqualTo(d.toString());
        return d;
    }

    /** One line of alerts.jsonl. */
    record Alert(String alertId, String participantId, String clinicId, String type, String status, Instant riskSince,
                 Instant resolvedAt, String resolution, Integer observedCount, Integer expectedMin, Instant lastSessionAt,
                 Duration gapLimit, Integer infantAgeDays, Instant windowStart, Instant windowEnd, Instant detectedAt,
                 String message) {
        static Alert parse(String line) {
            JsonNode n = tree(line);
            return new Alert(text(n, "alertId"), text(n, "participantId"), text(n, "clinicId"), text(n, "type"),
                    text(n, "status"), instant(n, "riskSince"), instant(n, "resolvedAt"), text(n, "resolution"),
                    integer(n, "observedCount"), integer(n, "expectedMin"), instant(n, "lastSessionAt"),
                    duration(n, "gapLimit"), integer(n, "infantAgeDays"), instant(n, "windowStart"),
                    instant(n, "windowEnd"), instant(n, "detectedAt"), text(n, "message"));
        }
    }

    /** One line of daily-summaries.jsonl; eventCounts keeps the written key order. */
    record Summary(String participantId, String clinicId, LocalDate date, String timeZone, int removalSessions,
                   Map<String, Integer> eventCounts, double expressedMl, double bottleBreastmilkMl, double formulaMl,
                   Integer longestGapMinutes) {
        static Summary parse(String line) {
            JsonNode n = tree(line);
            JsonNode counts = field(n, "eventCounts");
            assertThat(counts.isObject()).as("eventCounts is an object in %s", line).isTrue();
            Map<String, Integer> eventCounts = new LinkedHashMap<>();
            counts.fieldNames().forEachRemaining(k -> eventCounts.put(k, integer(counts, k)));
            Integer sessions = integer(n, "removalSessions");
            assertThat(sessions).as("removalSessions in %s", line).isNotNull();
            return new Summary(text(n, "participantId"), text(n, "clinicId"), LocalDate.parse(text(n, "date")),
                    text(n, "timeZone"), sessions, eventCounts, number(n, "expressedMl"),
                    number(n, "bottleBreastmilkMl"), number(n, "formulaMl"), integer(n, "longestGapMinutes"));
        }

        /** Counts in the fixed type order BREASTFEED, PUMP, HAND_EXPRESSION, BOTTLE_BREASTMILK, FORMULA. */
        static Map<String, Integer> counts(int breastfeed, int pump, int handExpression, int bottleBreastmilk, int formula) {
            Map<String, Integer> m = new LinkedHashMap<>();
            m.put("BREASTFEED", breastfeed);
            m.put("PUMP", pump);
            m.put("HAND_EXPRESSION", handExpression);
            m.put("BOTTLE_BREASTMILK", bottleBreastmilk);
            m.put("FORMULA", formula);
            return m;
        }
    }

    /** One line of rejected.jsonl. */
    record Rejected(String reason, String message, String original) {
        static Rejected parse(String line) {
            JsonNode n = tree(line);
            return new Rejected(text(n, "reason"), text(n, "message"), text(n, "original"));
        }
    }
}
