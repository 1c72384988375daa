package io.feedwatch.clinicweek;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a clinic week gave staff, against what the alerts alone would have given them. Goals (issue 11): at least 3
 * OPEN alert records per staff notification, and no episode longer than the notify delay outside a notified case.
 *
 * @param method                how the week was run, and what staff did
 * @param mothersAlerted        participants with at least one OPEN alert record
 * @param mostOpenForOneMother  the most OPEN alert records of one participant: where floods come from
 * @param casesClosed           cases whose latest record is CLOSED
 * @param notificationsByReason case records that notified staff, by NotificationReason
 * @param uncoveredAlertIds     episodes longer than the notify delay that no notified case covered ({@link Coverage})
 */
public record ClinicWeekReport(ClinicWeek run, Method method, Instant until, Duration notifyDelay, long openAlertRecords, long withdrawnAlertRecords,
                               long resolvedAlertRecords, long alertEpisodes, long episodesLongerThanDelay, long mothersAlerted,
                               long mostOpenForOneMother, long casesOpened, long casesClosed, Map<String, Long> notificationsByReason, List<String> uncoveredAlertIds) {
    /** Staff notifications may be at most this share of the OPEN alert records. */
    public static final int GOAL_OPEN_PER_NOTIFICATION = 3;
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * How the week was run.
     *
     * @param mode             "replay" (event-time clock, no broker, deterministic) or "live" (what {@code feedwatch demo} runs)
     * @param speed            live: simulated seconds per wall-clock second; null for a replay
     * @param acknowledgeAfter staff acknowledge each notification this long (simulated) after it; null: nobody acknowledges
     * @param acknowledgements ACKNOWLEDGE actions staff sent
     * @param recordsAfterEnd  live: alert and case records the app emitted dated after the end, left out
     */
    public record Method(String mode, Instant origin, Double speed, Duration acknowledgeAfter, long acknowledgements, long recordsAfterEnd) {
        static Method replay(Instant origin) {
            return new Method("replay", origin, null, null, 0, 0);
        }

        static Method live(Instant origin, double speed, Duration acknowledgeAfter, long acknowledgements, long recordsAfterEnd) {
            return new Method("live", origin, speed, acknowledgeAfter, acknowledgements, recordsAfterEnd);
        }

        String staff() {
            return acknowledgeAfter == null ? "nobody acknowledges"
                    : "staff acknowledge each notified case " + acknowledgeAfter + " (simulated) after the notification";
        }

        String how() {
            return mode.equals("replay")
                    ? "replayed through the production topology (event-time clock, no broker; deterministic)"
                    : String.format("run live as `feedwatch demo` runs it (embedded broker, accelerated detection clock at %s x, "
                            + "outputs read committed; %d records dated after the end left out)", speed, recordsAfterEnd);
        }
    }

    public ClinicWeekReport {
        notificationsByReason = Map.copyOf(notificationsByReason);
        uncoveredAlertIds = List.copyOf(uncoveredAlertIds);
    }

    /** The figures from every alert and case record (JSON lines as {@code JsonOutput} writes them) in emission order per participant. */
    static ClinicWeekReport of(ClinicWeek run, Method method, Instant until, Duration notifyDelay, List<String> alertLines,
                               List<String> caseLines) {
        List<JsonNode> alerts = alertLines.stream().map(ClinicWeekReport::parse).toList();
        List<JsonNode> cases = caseLines.stream().map(ClinicWeekReport::parse).toList();
        Map<String, Long> byStatus = new TreeMap<>();
        alerts.forEach(a -> byStatus.merge(a.get("status").asText(), 1L, Long::sum));
        Map<String, Long> openPerMother = new TreeMap<>();
        alerts.stream().filter(a -> a.get("status").asText().equals("OPEN"))
                .forEach(a -> openPerMother.merge(a.get("participantId").asText(), 1L, Long::sum));
        Map<String, String> caseStatus = new TreeMap<>();
        cases.forEach(c -> caseStatus.put(c.get("caseId").asText(), c.get("status").asText()));
        Map<String, Long> byReason = new TreeMap<>();
        cases.stream().filter(c -> !c.get("notification").isNull())
                .forEach(c -> byReason.merge(c.get("notification").asText(), 1L, Long::sum));
        List<Coverage.Episode> episodes = Coverage.episodes(alerts, until);
        return new ClinicWeekReport(run, method, until, notifyDelay,
                byStatus.getOrDefault("OPEN", 0L), byStatus.getOrDefault("WITHDRAWN", 0L), byStatus.getOrDefault("RESOLVED", 0L),
                episodes.size(), episodes.stream().filter(e -> e.longerThan(notifyDelay)).count(),
                openPerMother.size(), openPerMother.values().stream().mapToLong(Long::longValue).max().orElse(0),
                caseStatus.size(), caseStatus.values().stream().filter("CLOSED"::equals).count(),
                byReason, Coverage.uncovered(episodes, Coverage.notifiedCases(cases), notifyDelay));
    }

    public long notifications() {
        return notificationsByReason.values().stream().mapToLong(Long::longValue).sum();
    }

    /** OPEN alert records per staff notification, to one decimal; null when staff were never notified. */
    public BigDecimal openRecordsPerNotification() {
        return notifications() == 0 ? null
                : BigDecimal.valueOf(openAlertRecords).divide(BigDecimal.valueOf(notifications()), 1, RoundingMode.HALF_UP);
    }

    public boolean fewerNotificationsGoalMet() {
        return openAlertRecords >= GOAL_OPEN_PER_NOTIFICATION * notifications();
    }

    public boolean coverageGoalMet() {
        return uncoveredAlertIds.isEmpty();
    }

    public boolean goalsMet() {
        return fewerNotificationsGoalMet() && coverageGoalMet();
    }

    /** clinic-week.json: the settings, every figure and the goals; nothing about the machine (a live run's origin is its start hour). */
    public String json() {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("participants", run.participants());
        n.put("days", run.days());
        n.put("seed", run.seed());
        n.put("atRiskShare", run.atRiskShare());
        n.put("mode", method.mode());
        if (method.speed() != null) {
            n.put("speed", method.speed());
        }
        n.put("staff", method.staff());
        n.put("acknowledgeAfter", method.acknowledgeAfter() == null ? null : method.acknowledgeAfter().toString());
        n.put("acknowledgementsSent", method.acknowledgements());
        n.put("recordsAfterEndLeftOut", method.recordsAfterEnd());
        n.put("origin", method.origin().toString());
        n.put("until", until.toString());
        n.put("notifyDelay", notifyDelay.toString());
        n.put("openAlertRecords", openAlertRecords);
        n.put("withdrawnAlertRecords", withdrawnAlertRecords);
        n.put("resolvedAlertRecords", resolvedAlertRecords);
        n.put("alertEpisodes", alertEpisodes);
        n.put("episodesLongerThanNotifyDelay", episodesLongerThanDelay);
        n.put("mothersWithOpenAlertRecords", mothersAlerted);
        n.put("mostOpenAlertRecordsForOneMother", mostOpenForOneMother);
        n.put("casesOpened", casesOpened);
        n.put("casesClosed", casesClosed);
        n.put("staffNotifications", notifications());
        ObjectNode reasons = n.putObject("staffNotificationsByReason");
        new TreeMap<>(notificationsByReason).forEach(reasons::put);
        n.put("openRecordsPerNotification", openRecordsPerNotification());
        n.put("uncoveredEpisodes", uncoveredAlertIds.size());
        uncoveredAlertIds.forEach(n.putArray("uncoveredAlertIds")::add);
        ObjectNode goals = n.putObject("goals");
        goals.put("openRecordsPerNotificationAtLeast" + GOAL_OPEN_PER_NOTIFICATION, fewerNotificationsGoalMet());
        goals.put("noUncoveredEpisode", coverageGoalMet());
        try {
            return MAPPER.writeValueAsString(n) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** clinic-week.md: the same figures as a table for people. */
    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Clinic week\n\n")
                .append(String.format("%d simulated mothers, %d days from %s (seed %d, %s at risk), %s; %s (%d acknowledgements "
                        + "sent). Notify delay %s.%n%n",
                        run.participants(), run.days(), method.origin(), run.seed(), run.atRiskShare(), method.how(), method.staff(),
                        method.acknowledgements(), notifyDelay))
                .append("| figure | value |\n|---|---|\n")
                .append(row("raw OPEN alert records", openAlertRecords))
                .append(row("WITHDRAWN alert records", withdrawnAlertRecords))
                .append(row("RESOLVED alert records", resolvedAlertRecords))
                .append(row("alert episodes (alertIds)", alertEpisodes))
                .append(row("episodes longer than the notify delay", episodesLongerThanDelay))
                .append(row("mothers with an OPEN alert record", mothersAlerted))
                .append(row("most OPEN alert records for one mother", mostOpenForOneMother))
                .append(row("cases opened", casesOpened))
                .append(row("cases closed by the end", casesClosed))
                .append(row("staff notifications", notifications()));
        new TreeMap<>(notificationsByReason).forEach((reason, count) -> md.append(row("  of which " + reason, count)));
        md.append(row("OPEN records per notification (goal ≥ " + GOAL_OPEN_PER_NOTIFICATION + ")", openRecordsPerNotification()))
                .append(row("uncovered episodes (goal 0)", uncoveredAlertIds.size()))
                .append(String.format("%nGoals %s.%n", goalsMet() ? "met" : "missed"));
        return md.toString();
    }

    private static String row(String figure, Object value) {
        return "| " + figure + " | " + (value == null ? "n/a" : value) + " |\n";
    }

    private static JsonNode parse(String line) {
        try {
            return MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
