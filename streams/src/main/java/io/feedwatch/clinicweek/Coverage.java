package io.feedwatch.clinicweek;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether staff heard of every alert episode they had to, worked out from the alert records and the cases' times only:
 * it does not trust a case's own alertIds, so an alert the work queue lost or filed in the wrong case still shows.
 *
 * <p>An episode is one alertId; its latest record says how it ended. A WITHDRAWN one never happened (later data showed
 * no risk). One that was open longer than the notify delay (RESOLVED: riskSince to resolvedAt; still OPEN: to the end
 * of the run) is <em>due</em> at riskSince + delay, and is covered when a case of the same participant that notified
 * staff was open at some instant from its riskSince to that due time: the case it joined, or the one it opened.
 */
final class Coverage {
    /** An alert episode as its latest record leaves it; {@code end} is null for a withdrawn one. */
    record Episode(String alertId, String participantId, Instant riskSince, Instant end) {
        boolean longerThan(Duration delay) {
            return end != null && Duration.between(riskSince, end).compareTo(delay) > 0;
        }
    }

    /** When a case that notified staff was open; {@code closedAt} is null while it is. */
    record NotifiedCase(String participantId, Instant openedAt, Instant closedAt) {
        boolean openDuring(Instant from, Instant to) {
            return !openedAt.isAfter(to) && (closedAt == null || !closedAt.isBefore(from));
        }
    }

    private Coverage() {
    }

    /** One episode per alertId, from its latest record; an episode still OPEN lasts until {@code runEnd}. */
    static List<Episode> episodes(List<JsonNode> alertRecords, Instant runEnd) {
        Map<String, JsonNode> latest = new LinkedHashMap<>();
        alertRecords.forEach(a -> latest.put(a.get("alertId").asText(), a));
        List<Episode> out = new ArrayList<>();
        for (JsonNode a : latest.values()) {
            Instant end = switch (a.get("status").asText()) {
                case "RESOLVED" -> Instant.parse(a.get("resolvedAt").asText());
                case "OPEN" -> runEnd;
                default -> null;
            };
            out.add(new Episode(a.get("alertId").asText(), a.get("participantId").asText(), Instant.parse(a.get("riskSince").asText()), end));
        }
        return out;
    }

    /** The cases that notified staff at least once, with their open span as their latest record gives it. */
    static List<NotifiedCase> notifiedCases(List<JsonNode> caseRecords) {
        Map<String, JsonNode> latest = new LinkedHashMap<>();
        Map<String, Boolean> notified = new LinkedHashMap<>();
        for (JsonNode c : caseRecords) {
            String id = c.get("caseId").asText();
            latest.put(id, c);
            notified.merge(id, !c.get("notification").isNull(), Boolean::logicalOr);
        }
        List<NotifiedCase> out = new ArrayList<>();
        latest.forEach((id, c) -> {
            if (notified.get(id)) {
                JsonNode closed = c.get("closedAt");
                out.add(new NotifiedCase(c.get("participantId").asText(), Instant.parse(c.get("openedAt").asText()),
                        closed.isNull() ? null : Instant.parse(closed.asText())));
            }
        });
        return out;
    }

    /** The alertIds of the episodes longer than {@code notifyDelay} that no notified case covers, in record order. */
    static List<String> uncovered(List<Episode> episodes, List<NotifiedCase> cases, Duration notifyDelay) {
        return episodes.stream()
                .filter(e -> e.longerThan(notifyDelay))
                .filter(e -> cases.stream().noneMatch(c -> c.participantId().equals(e.participantId())
                        && c.openDuring(e.riskSince(), e.riskSince().plus(notifyDelay))))
                .map(Episode::alertId)
                .toList();
    }
}
