package io.feedwatch.detect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A deliberately simple model of the case rules (README "Work queue"), fed the alert records a replay emitted, which
 * input each came from, and the clock after each input: the oracle the work queue is compared with. It knows the defaults only (notify delay 30 min, escalation
 * 24 h, quiet period 12 h) and no staff actions. Everything is recomputed by walking time from record to record.
 */
final class CaseReference {
    static final Duration DELAY = Duration.ofMinutes(30);
    static final Duration ESCALATE = Duration.ofHours(24);
    static final Duration QUIET = Duration.ofHours(12);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The final state of one case, as compared. */
    record ExpectedCase(String participantId, String status, Instant openedAt, Instant closedAt, String closeReason,
                        List<String> alertIds, int notifications, Instant lastNotifiedAt) {
    }

    private static final class Alert {
        String type;
        Instant since;
        String status;
        Instant endedAt;
        boolean byMonitoring;
        Kase kase;
    }

    private static final class Kase {
        String id;
        Instant openedAt;
        Instant closedAt;
        String reason;
        final List<String> alertIds = new ArrayList<>();
        final List<String> types = new ArrayList<>();
        int notifications;
        Instant lastNotified;
        boolean escalated;
    }

    private static final class Mother {
        final Map<String, Alert> alerts = new LinkedHashMap<>();
        final List<Kase> cases = new ArrayList<>();

        Kase open() {
            return cases.isEmpty() || cases.get(cases.size() - 1).closedAt != null ? null : cases.get(cases.size() - 1);
        }

        Instant lastClosedAt() {
            return cases.isEmpty() ? null : cases.get(cases.size() - 1).closedAt;
        }
    }

    private CaseReference() {
    }

    /**
     * caseId → final state, for every case the records and the clocks imply.
     *
     * @param alertInputs for each alert record, the input that produced it (replay's numbering)
     * @param clocks the detection clock after each input, in the same numbering: after each input the work queue's
     *               timers fire up to it
     */
    static Map<String, ExpectedCase> run(List<String> alertLines, List<Integer> alertInputs, List<Instant> clocks) {
        Map<String, Mother> mothers = new TreeMap<>();
        int next = 0;
        for (int input = 0; input < clocks.size(); input++) {
            for (; next < alertLines.size() && alertInputs.get(next) == input; next++) {
                JsonNode n = read(alertLines.get(next));
                String pid = n.get("participantId").asText();
                Instant now = Instant.parse(n.get("detectedAt").asText());
                Mother m = mothers.computeIfAbsent(pid, p -> new Mother());
                // a record counts as of the instant it speaks of: riskSince when it opens, resolvedAt when it resolves
                Instant asOf = switch (n.get("status").asText()) {
                    case "OPEN" -> Instant.parse(n.get("riskSince").asText());
                    case "RESOLVED" -> Instant.parse(n.get("resolvedAt").asText());
                    default -> now;
                };
                walk(pid, m, asOf.isBefore(now) ? asOf : now);
                apply(m, n, now);
            }
            Instant clock = clocks.get(input);
            mothers.forEach((pid, m) -> walk(pid, m, clock));
        }
        Map<String, ExpectedCase> out = new TreeMap<>();
        mothers.forEach((pid, m) -> m.cases.forEach(k -> out.put(k.id, new ExpectedCase(pid, k.closedAt == null ? "OPEN" : "CLOSED",
                k.openedAt, k.closedAt, k.reason, List.copyOf(k.alertIds), k.notifications, k.lastNotified))));
        return out;
    }

    private static void apply(Mother m, JsonNode n, Instant at) {
        String id = n.get("alertId").asText();
        Alert a = m.alerts.get(id);
        if (a == null) {
            a = new Alert();
            a.type = n.get("type").asText();
            a.since = Instant.parse(n.get("riskSince").asText());
            m.alerts.put(id, a);
            // an alert of her latest closed case stays that case's when late data changes it again
            Kase lastClosed = null;
            for (Kase k : m.cases) {
                if (k.closedAt != null) {
                    lastClosed = k;
                }
            }
            if (lastClosed != null && lastClosed.alertIds.contains(id)) {
                a.kase = lastClosed;
            }
        }
        a.status = n.get("status").asText();
        a.endedAt = switch (a.status) {
            case "RESOLVED" -> Instant.parse(n.get("resolvedAt").asText());
            case "WITHDRAWN" -> at;
            default -> null;
        };
        a.byMonitoring = "MONITORING_ENDED".equals(n.path("resolution").asText(null));
        if (a.kase != null && a.kase.closedAt != null && a.endedAt != null) {
            m.alerts.remove(id); // done with, like everything that ended in a closed case
            return;
        }
        Kase open = m.open();
        if (open != null && a.kase == null && (a.status.equals("OPEN") || qualifies(a) != null)) {
            a.kase = open;
            open.alertIds.add(id);
            if (!open.types.contains(a.type)) {
                open.types.add(a.type);
                open.notifications++;
                open.lastNotified = at;
                open.escalated = false;
            }
        }
    }

    /** Applies every case transition due up to {@code to}, earliest first. */
    private static void walk(String pid, Mother m, Instant to) {
        while (true) {
            Kase open = m.open();
            if (open == null) {
                Instant at = null;
                for (Alert a : m.alerts.values()) {
                    Instant q = qualifies(a);
                    if (a.kase == null && q != null && (at == null || q.isBefore(at))) {
                        at = q;
                    }
                }
                if (at != null && m.lastClosedAt() != null && m.lastClosedAt().isAfter(at)) {
                    at = m.lastClosedAt();
                }
                if (at == null || at.isAfter(to)) {
                    return;
                }
                Kase k = new Kase();
                k.id = UUID.nameUUIDFromBytes(("case|" + pid + "|" + at.toEpochMilli()).getBytes(StandardCharsets.UTF_8)).toString();
                k.openedAt = at;
                k.notifications = 1;
                k.lastNotified = at;
                for (Map.Entry<String, Alert> e : m.alerts.entrySet()) {
                    Alert a = e.getValue();
                    if (a.kase == null && (a.status.equals("OPEN") || qualifies(a) != null)) {
                        a.kase = k;
                        k.alertIds.add(e.getKey());
                        if (!k.types.contains(a.type)) {
                            k.types.add(a.type);
                        }
                    }
                }
                m.cases.add(k);
                continue;
            }
            // once per round of notifications, when nobody acknowledges (no staff act here)
            Instant escalate = open.escalated ? Instant.MAX : open.lastNotified.plus(ESCALATE);
            Instant close = null;
            boolean allEnded = true;
            boolean monitoring = false;
            Instant lastEnd = null;
            for (Alert a : m.alerts.values()) {
                if (a.kase == open) {
                    allEnded &= a.endedAt != null;
                    monitoring |= a.byMonitoring;
                    if (a.endedAt != null && (lastEnd == null || a.endedAt.isAfter(lastEnd))) {
                        lastEnd = a.endedAt;
                    }
                }
            }
            if (allEnded && lastEnd != null) {
                Instant from = lastEnd.isBefore(open.openedAt) ? open.openedAt : lastEnd;
                close = monitoring ? from : from.plus(QUIET);
            }
            if (close != null && !close.isAfter(to) && !escalate.isBefore(close)) {
                open.closedAt = close;
                open.reason = monitoring ? "MONITORING_ENDED" : "QUIET";
                // what ended is done with; an alert of this case that opens again is a new risk
                m.alerts.values().removeIf(a -> a.kase == open && a.endedAt != null);
            } else if (!escalate.isAfter(to)) {
                open.notifications++;
                open.lastNotified = escalate;
                open.escalated = true;
            } else {
                return;
            }
        }
    }

    /** riskSince + delay when the alert stayed open that long, else null. */
    private static Instant qualifies(Alert a) {
        Instant q = a.since.plus(DELAY);
        boolean open = a.status.equals("OPEN") || (a.status.equals("RESOLVED") && a.endedAt.isAfter(q));
        return open ? q : null;
    }

    private static JsonNode read(String line) {
        try {
            return JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }
}
