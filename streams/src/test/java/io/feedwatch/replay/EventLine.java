package io.feedwatch.replay;

import static io.feedwatch.replay.ReplayFixtures.M;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;

/**
 * Builds one feeding-event JSON line (issue 3 contract). Only the required fields are written unless a test sets more,
 * so each test shows exactly what matters to it. Participant defaults to {@code p-1}.
 */
final class EventLine {
    private static final ObjectWriter WRITER = JsonMapper.builder().build().writer();

    private final ObjectNode node = JsonNodeFactory.instance.objectNode();

    private EventLine() {
    }

    static EventLine event(String type, String eventId, Instant start) {
        EventLine e = new EventLine();
        e.node.put("eventId", eventId);
        e.node.put("participantId", "p-1");
        e.node.put("type", type);
        e.node.put("startTime", start.toString());
        return e;
    }

    static EventLine breastfeed(String eventId, Instant start) {
        return event("BREASTFEED", eventId, start);
    }

    static EventLine pump(String eventId, Instant start) {
        return event("PUMP", eventId, start);
    }

    static EventLine handExpression(String eventId, Instant start) {
        return event("HAND_EXPRESSION", eventId, start);
    }

    static EventLine bottle(String eventId, Instant start) {
        return event("BOTTLE_BREASTMILK", eventId, start);
    }

    static EventLine formula(String eventId, Instant start) {
        return event("FORMULA", eventId, start);
    }

    /** Breastfeeds e-1, e-2, ... for p-1, one per offset from {@link ReplayFixtures#M}. */
    static EventLine[] breastfeedsAfterM(Duration... offsets) {
        EventLine[] lines = new EventLine[offsets.length];
        for (int i = 0; i < offsets.length; i++) {
            lines[i] = breastfeed("e-" + (i + 1), M.plus(offsets[i]));
        }
        return lines;
    }

    EventLine of(String participantId) {
        node.put("participantId", participantId);
        return this;
    }

    EventLine volume(double ml) {
        node.put("volumeMl", ml);
        return this;
    }

    EventLine duration(int minutes) {
        node.put("durationMinutes", minutes);
        return this;
    }

    EventLine side(String side) {
        node.put("side", side);
        return this;
    }

    EventLine source(String source) {
        node.put("source", source);
        return this;
    }

    EventLine recordedAt(Instant recordedAt) {
        node.put("recordedAt", recordedAt.toString());
        return this;
    }

    /** Any field as a JSON string, also for deliberately wrong values. */
    EventLine set(String field, String text) {
        node.put(field, text);
        return this;
    }

    EventLine setNull(String field) {
        node.putNull(field);
        return this;
    }

    EventLine without(String field) {
        node.remove(field);
        return this;
    }

    String line() {
        try {
            return WRITER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
