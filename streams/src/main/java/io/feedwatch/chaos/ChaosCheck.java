package io.feedwatch.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.feedwatch.chaos.Difference.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares what the live run left on its topics with replay of its accepted input, one input partition at a time, and
 * checks that every record sent is accounted for. Pure: the maps and lists come from the live topics and
 * {@link io.feedwatch.replay.Replay}; records are compared as the JSON lines replay writes.
 */
public final class ChaosCheck {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ChaosCheck() {
    }

    /**
     * Latest record per alertId: replay's against the staff topic's. A live alert that is OPEN or RESOLVED where replay
     * has it WITHDRAWN or never raised it is stale; one that replay has and the topic has not is lost.
     */
    public static List<Difference> alerts(int partition, Map<String, String> expected, Map<String, String> actual) {
        List<Difference> diffs = new ArrayList<>();
        for (String alertId : union(expected.keySet(), actual.keySet())) {
            String want = expected.get(alertId);
            String got = actual.get(alertId);
            if (Objects.equals(want, got)) {
                continue;
            }
            Kind kind;
            if (got == null) {
                kind = Kind.LOST_ALERT;
            } else if (!"WITHDRAWN".equals(status(got)) && (want == null || "WITHDRAWN".equals(status(want)))) {
                kind = Kind.STALE_ALERT;
            } else {
                kind = Kind.WRONG_ALERT;
            }
            diffs.add(new Difference(kind, partition, alertId, want, got));
        }
        return diffs;
    }

    /** Latest daily summary per participant and date. */
    public static List<Difference> summaries(int partition, Map<String, String> expected, Map<String, String> actual) {
        List<Difference> diffs = new ArrayList<>();
        for (String key : union(expected.keySet(), actual.keySet())) {
            String want = expected.get(key);
            String got = actual.get(key);
            if (Objects.equals(want, got)) {
                continue;
            }
            Kind kind = got == null ? Kind.MISSING_SUMMARY : want == null ? Kind.EXTRA_SUMMARY : Kind.WRONG_SUMMARY;
            diffs.add(new Difference(kind, partition, key, want, got));
        }
        return diffs;
    }

    /** Dead letters per reason: as many on the topic as replay rejects (a dead letter lost, or one too many, shows). */
    public static List<Difference> deadLetters(int partition, Map<String, Long> expected, Map<String, Long> actual) {
        List<Difference> diffs = new ArrayList<>();
        for (String reason : union(expected.keySet(), actual.keySet())) {
            long want = expected.getOrDefault(reason, 0L);
            long got = actual.getOrDefault(reason, 0L);
            if (want != got) {
                diffs.add(new Difference(Kind.DEAD_LETTERS, partition, reason, Long.toString(want), Long.toString(got)));
            }
        }
        return diffs;
    }

    /**
     * Every record sent got a final answer, and every event accepted at the edge (HTTP "accepted", or acknowledged by
     * Kafka) is in the input topic.
     *
     * @param inTopic participantId/eventId of every record in the input topic
     */
    public static List<Difference> accounting(List<Sent> sent, Set<String> inTopic) {
        List<Difference> diffs = new ArrayList<>();
        for (Sent s : sent) {
            if (s.answer() == Sent.Answer.NONE) {
                diffs.add(new Difference(Kind.UNANSWERED, -1, s.key(), "accepted or rejected", "no answer over " + s.channel()));
            } else if (s.answer() == Sent.Answer.ACCEPTED && s.eventId() != null && !inTopic.contains(s.key())) {
                diffs.add(new Difference(Kind.NOT_IN_TOPIC, -1, s.key(), "in the input topic", "accepted over " + s.channel() + ", absent"));
            }
        }
        return diffs;
    }

    private static Collection<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    private static String status(String alertJson) {
        try {
            JsonNode status = JSON.readTree(alertJson).get("status");
            return status == null ? null : status.asText();
        } catch (IOException e) {
            throw new UncheckedIOException("not an alert record: " + alertJson, e);
        }
    }

    /** Counts of the given reasons, for {@link #deadLetters}. */
    public static Map<String, Long> countByReason(Collection<String> reasons) {
        Map<String, Long> counts = new TreeMap<>();
        reasons.forEach(r -> counts.merge(r, 1L, Long::sum));
        return counts;
    }
}
