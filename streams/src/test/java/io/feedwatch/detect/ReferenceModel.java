package io.feedwatch.detect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A deliberately naive, brute-force implementation of the detection rules (issue 4 and the README's "Detection rules"), used as the oracle
 * the topology is compared with. It favours obviousness over speed: everything is recomputed from the full accepted
 * history, and the risk predicates are evaluated at every instant where one of their inputs can change.
 *
 * <p>It knows only the default configuration (policy table, 30 min sessions, 48 h lateness, 1 h future tolerance) unless
 * a policy is passed explicitly.
 */
final class ReferenceModel {
    static final Duration SESSION_MERGE = Duration.ofMinutes(30);
    static final Duration WINDOW = Duration.ofHours(24);
    static final Duration ALLOWED_LATENESS = Duration.ofHours(48);
    static final Duration FUTURE_TOLERANCE = Duration.ofHours(1);

    static final List<String> EVENT_TYPES = List.of("BREASTFEED", "PUMP", "HAND_EXPRESSION", "BOTTLE_BREASTMILK", "FORMULA");
    static final Set<String> REMOVAL_TYPES = Set.of("BREASTFEED", "PUMP", "HAND_EXPRESSION");
    static final Set<String> SIDES = Set.of("LEFT", "RIGHT", "BOTH");
    static final Set<String> SOURCES = Set.of("APP", "DEVICE", "CLINIC");

    static final String UNDER_FREQUENCY = "UNDER_FREQUENCY";
    static final String LONG_GAP = "LONG_GAP";
    static final List<String> RISK_TYPES = List.of(UNDER_FREQUENCY, LONG_GAP);

    /** One row of the policy table; null minimum / gap limit = no such rule. Ages are whole days, inclusive. */
    record Band(int fromDays, int toDays, Integer minSessions, Duration gapLimit) {
    }

    static final List<Band> DEFAULT_POLICY = List.of(
            new Band(0, 13, 8, Duration.ofHours(4)),
            new Band(14, 55, 8, null),
            new Band(56, 182, 6, null));

    record Participant(String participantId, String clinicId, LocalDate infantBirthDate, ZoneId timeZone,
                       Instant monitoringStart, Instant monitoringEnd) {
    }

    /** The parts of an accepted event that detection and summaries use. */
    record Event(String eventId, String participantId, String type, Instant startTime, Double volumeMl) {
    }

    record Rejection(String reason, String original) {
    }

    /** A maximal risk interval [riskSince, resolvedAt); resolvedAt null = still at risk at the horizon. */
    record Episode(String participantId, String type, Instant riskSince, Instant resolvedAt, String resolution) {
    }

    /** The final reported state of one alertId. */
    record ExpectedAlert(String participantId, String type, String status, Instant riskSince, Instant resolvedAt,
                         String resolution) {
    }

    record DailySummary(String participantId, String clinicId, LocalDate date, String timeZone, int removalSessions,
                        Map<String, Integer> eventCounts, double expressedMl, double bottleBreastmilkMl, double formulaMl,
                        Long longestGapMinutes) {
    }

    /**
     * @param alerts expected final state per alertId (WITHDRAWN never appears: withdrawn ids are not expected at all)
     * @param episodes every episode up to the final clock, reported or not (for debugging and pinning the model)
     * @param finalClock the detection clock at the end (until, else the latest accepted start), null if none
     * @param roster the enrollment in force per participant id
     * @param accepted the accepted events, in acceptance order
     * @param clocks the replay's detection clock after each input: every participant line, every event line, then the
     *               move to the final clock (the latest accepted start so far, never past until; 1900 before any)
     */
    record Result(Map<String, ExpectedAlert> alerts, List<DailySummary> dailySummaries, List<Rejection> rejected,
                  List<Episode> episodes, Instant finalClock, Map<String, Participant> roster, List<Event> accepted,
                  List<Instant> clocks) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final List<Band> policy;

    ReferenceModel(List<Band> policy) {
        this.policy = List.copyOf(policy);
    }

    static Result run(List<String> participantLines, List<String> eventLines, Instant until) {
        return run(participantLines, eventLines, until, DEFAULT_POLICY);
    }

    static Result run(List<String> participantLines, List<String> eventLines, Instant until, List<Band> policy) {
        return new ReferenceModel(policy).replay(participantLines, eventLines, until);
    }

    static String alertId(String participantId, String type, Instant riskSince) {
        return UUID.nameUUIDFromBytes((participantId + "|" + type + "|" + riskSince.toEpochMilli())
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    // ------------------------------------------------------------------------------------------ ingestion

    private Result replay(List<String> participantLines, List<String> eventLines, Instant until) {
        List<Rejection> rejected = new ArrayList<>();
        List<Instant> clocks = new ArrayList<>();
        Instant clock = Instant.parse("1900-01-01T00:00:00Z");
        Map<String, Participant> roster = new TreeMap<>();
        for (String line : participantLines) {
            clocks.add(clock);
            try {
                Participant p = parseParticipant(line);
                roster.put(p.participantId(), p); // a later record replaces the earlier one
            } catch (Rejected r) {
                rejected.add(new Rejection(r.reason, line));
            }
        }

        List<Event> accepted = new ArrayList<>();
        Set<String> acceptedIds = new HashSet<>();
        Map<String, Instant> latestStart = new TreeMap<>();
        for (String line : eventLines) {
            // the clock after this line: it moves only when the line is accepted (set below), never past until
            clocks.add(clock);
            Event e;
            try {
                e = parseEvent(line, roster);
            } catch (Rejected r) {
                rejected.add(new Rejection(r.reason, line));
                continue;
            }
            if (acceptedIds.contains(e.participantId() + "\u0000" + e.eventId())) {
                continue; // duplicate of this participant's: first one wins, silently
            }
            Instant latest = latestStart.get(e.participantId());
            if (latest != null && e.startTime().isBefore(latest.minus(ALLOWED_LATENESS))) {
                rejected.add(new Rejection("TOO_LATE", line));
                continue;
            }
            accepted.add(e);
            acceptedIds.add(e.participantId() + "\u0000" + e.eventId());
            if (e.startTime().isAfter(clock)) {
                clock = until != null && e.startTime().isAfter(until) ? until : e.startTime();
                clocks.set(clocks.size() - 1, clock);
            }
            if (latest == null || e.startTime().isAfter(latest)) {
                latestStart.put(e.participantId(), e.startTime());
            }
        }

        Instant finalClock = until;
        if (finalClock == null) {
            for (Event e : accepted) {
                if (finalClock == null || e.startTime().isAfter(finalClock)) {
                    finalClock = e.startTime();
                }
            }
        }

        List<Episode> episodes = new ArrayList<>();
        Map<String, ExpectedAlert> alerts = new LinkedHashMap<>();
        List<DailySummary> summaries = new ArrayList<>();
        for (Participant p : roster.values()) {
            List<Event> mine = accepted.stream().filter(e -> e.participantId().equals(p.participantId())).toList();
            List<Instant> sessions = sessions(mine);
            if (finalClock != null) {
                for (String type : RISK_TYPES) {
                    for (Episode ep : episodes(p, sessions, type, finalClock)) {
                        episodes.add(ep);
                        if (ep.riskSince().isBefore(finalClock)) {
                            boolean resolved = ep.resolvedAt() != null && !ep.resolvedAt().isAfter(finalClock);
                            alerts.put(alertId(p.participantId(), type, ep.riskSince()), new ExpectedAlert(
                                    p.participantId(), type, resolved ? "RESOLVED" : "OPEN", ep.riskSince(),
                                    resolved ? ep.resolvedAt() : null, resolved ? ep.resolution() : null));
                        }
                    }
                }
            }
            summaries.addAll(dailySummaries(p, mine, sessions));
        }
        clocks.add(finalClock == null ? clock : finalClock);
        return new Result(alerts, summaries, rejected, episodes, finalClock, roster, accepted, clocks);
    }

    private static final class Rejected extends Exception {
        private final String reason;

        Rejected(String reason) {
            super(reason, null, false, false);
            this.reason = reason;
        }
    }

    private static JsonNode parseObject(String line) throws Rejected {
        JsonNode node;
        try {
            node = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new Rejected("MALFORMED");
        }
        if (node == null || !node.isObject()) {
            throw new Rejected("MALFORMED");
        }
        return node;
    }

    private static boolean missing(JsonNode obj, String field) {
        JsonNode v = obj.get(field);
        return v == null || v.isNull() || (v.isTextual() && v.asText().isEmpty());
    }

    private static boolean absentOrNull(JsonNode obj, String field) {
        JsonNode v = obj.get(field);
        return v == null || v.isNull();
    }

    /** The field as text; INVALID_VALUE when it is not a JSON string. Only call for present, non-null fields. */
    private static String text(JsonNode obj, String field) throws Rejected {
        JsonNode v = obj.get(field);
        if (!v.isTextual()) {
            throw new Rejected("INVALID_VALUE");
        }
        return v.asText();
    }

    private static Instant instant(String s) throws Rejected {
        try {
            return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeException e) {
            throw new Rejected("INVALID_VALUE");
        }
    }

    private static Participant parseParticipant(String line) throws Rejected {
        JsonNode o = parseObject(line);
        for (String f : List.of("participantId", "clinicId", "infantBirthDate", "timeZone", "monitoringStart")) {
            if (missing(o, f)) {
                throw new Rejected("MISSING_FIELD");
            }
        }
        String id = text(o, "participantId");
        String clinic = text(o, "clinicId");
        LocalDate birth;
        try {
            birth = LocalDate.parse(text(o, "infantBirthDate"));
        } catch (DateTimeException e) {
            throw new Rejected("INVALID_VALUE");
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(text(o, "timeZone"));
        } catch (DateTimeException e) {
            throw new Rejected("INVALID_VALUE");
        }
        Instant start = instant(text(o, "monitoringStart"));
        Instant end = absentOrNull(o, "monitoringEnd") ? null : instant(text(o, "monitoringEnd"));
        return new Participant(id, clinic, birth, zone, start, end);
    }

    private static Event parseEvent(String line, Map<String, Participant> roster) throws Rejected {
        JsonNode o = parseObject(line);
        for (String f : List.of("eventId", "participantId", "type", "startTime")) {
            if (missing(o, f)) {
                throw new Rejected("MISSING_FIELD");
            }
        }
        String eventId = text(o, "eventId");
        String participantId = text(o, "participantId");
        String type = text(o, "type");
        if (!EVENT_TYPES.contains(type)) {
            throw new Rejected("INVALID_VALUE");
        }
        Instant start = instant(text(o, "startTime"));
        if (!absentOrNull(o, "durationMinutes")
                && (!o.get("durationMinutes").isIntegralNumber() || o.get("durationMinutes").asLong() < 0)) {
            throw new Rejected("INVALID_VALUE");
        }
        if (!absentOrNull(o, "side") && !SIDES.contains(text(o, "side"))) {
            throw new Rejected("INVALID_VALUE");
        }
        Double volume = null;
        if (!absentOrNull(o, "volumeMl")) {
            if (!o.get("volumeMl").isNumber() || o.get("volumeMl").asDouble() < 0) {
                throw new Rejected("INVALID_VALUE");
            }
            volume = o.get("volumeMl").asDouble();
        }
        if (!absentOrNull(o, "source") && !SOURCES.contains(text(o, "source"))) {
            throw new Rejected("INVALID_VALUE");
        }
        if (!absentOrNull(o, "sourceId") && !o.get("sourceId").isTextual()) {
            throw new Rejected("INVALID_VALUE");
        }
        Instant recordedAt = absentOrNull(o, "recordedAt") ? null : instant(text(o, "recordedAt"));

        if (!roster.containsKey(participantId)) {
            throw new Rejected("UNKNOWN_PARTICIPANT");
        }
        if (recordedAt != null && Duration.between(recordedAt, start).compareTo(FUTURE_TOLERANCE) > 0) {
            throw new Rejected("FUTURE_TIMESTAMP");
        }
        return new Event(eventId, participantId, type, start, volume);
    }

    // ------------------------------------------------------------------------------------------ definitions

    /** Definition 3: greedy grouping of removal events by start time; returns the session times, ascending. */
    static List<Instant> sessions(List<Event> events) {
        List<Instant> starts = events.stream()
                .filter(e -> REMOVAL_TYPES.contains(e.type()))
                .map(Event::startTime)
                .sorted()
                .toList();
        List<Instant> sessions = new ArrayList<>();
        Instant current = null;
        for (Instant t : starts) {
            if (current == null || !t.isBefore(current.plus(SESSION_MERGE))) {
                current = t;
                sessions.add(t);
            }
        }
        return sessions;
    }

    /** Definition 4: sessions with T − 24 h &lt; s ≤ T. */
    static int count(List<Instant> sessions, Instant t) {
        int n = 0;
        for (Instant s : sessions) {
            if (s.isAfter(t.minus(WINDOW)) && !s.isAfter(t)) {
                n++;
            }
        }
        return n;
    }

    /** Definition 5. */
    static long ageDays(Participant p, Instant t) {
        return ChronoUnit.DAYS.between(p.infantBirthDate(), LocalDate.ofInstant(t, p.timeZone()));
    }

    /** Definition 6: the band at t, null when the age is negative or beyond every band (no rule at all). */
    Band band(Participant p, Instant t) {
        long age = ageDays(p, t);
        for (Band b : policy) {
            if (age >= b.fromDays() && age <= b.toDays()) {
                return b;
            }
        }
        return null;
    }

    /** Definition 7. */
    static boolean monitored(Participant p, Instant t) {
        return !t.isBefore(p.monitoringStart()) && (p.monitoringEnd() == null || t.isBefore(p.monitoringEnd()));
    }

    static Instant lastSessionAtOrBefore(List<Instant> sessions, Instant t) {
        Instant last = null;
        for (Instant s : sessions) {
            if (!s.isAfter(t)) {
                last = s;
            }
        }
        return last;
    }

    static boolean hasRule(Band band, String type) {
        if (band == null) {
            return false;
        }
        return type.equals(UNDER_FREQUENCY) ? band.minSessions() != null : band.gapLimit() != null;
    }

    /** Definitions 8 and 9, with the band given (so that "the previous band's rule" can be asked too). */
    static boolean riskUnder(Band band, String type, Participant p, List<Instant> sessions, Instant t) {
        if (!monitored(p, t) || !hasRule(band, type)) {
            return false;
        }
        if (type.equals(UNDER_FREQUENCY)) {
            return !t.isBefore(p.monitoringStart().plus(WINDOW)) && count(sessions, t) < band.minSessions();
        }
        Instant last = lastSessionAtOrBefore(sessions, t);
        Instant anchor = last == null || last.isBefore(p.monitoringStart()) ? p.monitoringStart() : last;
        return !t.isBefore(anchor.plus(band.gapLimit()));
    }

    boolean risk(String type, Participant p, List<Instant> sessions, Instant t) {
        return riskUnder(band(p, t), type, p, sessions, t);
    }

    /** Every instant at which a risk predicate may change value, plus the instant 1 ms after each, up to the horizon. */
    private TreeSet<Instant> changePoints(Participant p, List<Instant> sessions, Instant horizon) {
        List<Duration> gaps = policy.stream().map(Band::gapLimit).filter(Objects::nonNull).distinct().toList();
        TreeSet<Instant> points = new TreeSet<>();
        points.add(p.monitoringStart());
        points.add(p.monitoringStart().plus(WINDOW));
        gaps.forEach(g -> points.add(p.monitoringStart().plus(g)));
        if (p.monitoringEnd() != null) {
            points.add(p.monitoringEnd());
        }
        for (Instant s : sessions) {
            points.add(s);
            points.add(s.plus(WINDOW));
            gaps.forEach(g -> points.add(s.plus(g)));
        }
        // Local midnights (start of each local day; atStartOfDay copes with DST) from the day before monitoring starts.
        LocalDate last = LocalDate.ofInstant(horizon, p.timeZone()).plusDays(1);
        for (LocalDate d = LocalDate.ofInstant(p.monitoringStart(), p.timeZone()).minusDays(1); !d.isAfter(last);
                d = d.plusDays(1)) {
            points.add(d.atStartOfDay(p.timeZone()).toInstant());
        }
        points.add(horizon);
        for (Instant c : List.copyOf(points)) {
            points.add(c.plusMillis(1)); // cheap insurance should a predicate not be left-closed after all
        }
        return new TreeSet<>(points.headSet(horizon, true));
    }

    /** Definition 10: maximal runs of change points where the risk holds. */
    private List<Episode> episodes(Participant p, List<Instant> sessions, String type, Instant horizon) {
        List<Episode> out = new ArrayList<>();
        Instant since = null;
        for (Instant t : changePoints(p, sessions, horizon)) {
            boolean atRisk = risk(type, p, sessions, t);
            if (atRisk && since == null) {
                since = t;
            } else if (!atRisk && since != null) {
                out.add(new Episode(p.participantId(), type, since, t, resolution(type, p, sessions, t)));
                since = null;
            }
        }
        if (since != null) {
            out.add(new Episode(p.participantId(), type, since, null, null));
        }
        return out;
    }

    /** The resolution rules of the README's "Alert lifecycle", applied literally at resolvedAt r. */
    String resolution(String type, Participant p, List<Instant> sessions, Instant r) {
        if (p.monitoringEnd() != null && !r.isBefore(p.monitoringEnd())) {
            return "MONITORING_ENDED";
        }
        Band now = band(p, r);
        if (!hasRule(now, type)) {
            return "POLICY_CHANGED";
        }
        // Bands only change at local midnights, so "band differs 1 ms earlier" is "r starts the day of a new band".
        Band before = band(p, r.minusMillis(1));
        if (!Objects.equals(now, before) && riskUnder(before, type, p, sessions, r)) {
            return "POLICY_CHANGED";
        }
        return "FREQUENCY_RECOVERED";
    }

    // ------------------------------------------------------------------------------------------ summaries

    private static List<DailySummary> dailySummaries(Participant p, List<Event> events, List<Instant> sessions) {
        ZoneId zone = p.timeZone();
        TreeMap<LocalDate, List<Event>> byDate = new TreeMap<>();
        for (Event e : events) {
            byDate.computeIfAbsent(LocalDate.ofInstant(e.startTime(), zone), d -> new ArrayList<>()).add(e);
        }
        List<DailySummary> out = new ArrayList<>();
        for (Map.Entry<LocalDate, List<Event>> day : byDate.entrySet()) {
            List<Instant> daySessions = sessions.stream()
                    .filter(s -> LocalDate.ofInstant(s, zone).equals(day.getKey()))
                    .toList();
            Map<String, Integer> counts = new LinkedHashMap<>();
            EVENT_TYPES.forEach(t -> counts.put(t, 0));
            double expressed = 0;
            double bottle = 0;
            double formula = 0;
            for (Event e : day.getValue()) {
                counts.merge(e.type(), 1, Integer::sum);
                double v = e.volumeMl() == null ? 0 : e.volumeMl();
                switch (e.type()) {
                    case "PUMP", "HAND_EXPRESSION" -> expressed += v;
                    case "BOTTLE_BREASTMILK" -> bottle += v;
                    case "FORMULA" -> formula += v;
                    default -> { }
                }
            }
            Long longestGap = null;
            for (int i = 1; i < daySessions.size(); i++) {
                long gap = Duration.between(daySessions.get(i - 1), daySessions.get(i)).toMinutes();
                if (longestGap == null || gap > longestGap) {
                    longestGap = gap;
                }
            }
            out.add(new DailySummary(p.participantId(), p.clinicId(), day.getKey(), zone.getId(), daySessions.size(),
                    counts, expressed, bottle, formula, longestGap));
        }
        return out;
    }
}
