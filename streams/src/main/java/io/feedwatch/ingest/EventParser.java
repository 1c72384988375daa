package io.feedwatch.ingest;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.feedwatch.schemas.EventSource;
import io.feedwatch.schemas.FeedingEvent;
import io.feedwatch.schemas.FeedingType;
import io.feedwatch.schemas.RejectionReason;
import io.feedwatch.schemas.Side;
import io.feedwatch.schemas.serde.AvroSingleObjectSerde;
import java.io.IOException;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Turns a feeding-event payload (Avro single-object bytes, or the JSON contract) into a valid {@link FeedingEvent}, or the
 * first failed check in the documented order: MALFORMED, MISSING_FIELD, INVALID_VALUE. Unknown JSON fields are ignored so
 * that newer senders stay readable (tolerant reader).
 */
public final class EventParser {
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final List<String> REQUIRED = List.of("eventId", "participantId", "type", "startTime");

    private final Deserializer<FeedingEvent> avro = new AvroSingleObjectSerde<>(FeedingEvent.class).deserializer();

    public Parsed<FeedingEvent> parse(byte[] payload) {
        if (AvroSingleObjectSerde.isSingleObject(payload)) {
            return parseAvro(payload);
        }
        ObjectNode node;
        try {
            node = jsonObject(payload);
        } catch (RejectedField e) {
            return Parsed.rejected(e.rejection(), null, null);
        }
        JsonFields f = new JsonFields(node);
        String participantId = f.textOrNull("participantId");
        String eventId = f.textOrNull("eventId");
        for (String field : REQUIRED) {
            if (f.missing(field)) {
                return Parsed.rejected(new Rejection(RejectionReason.MISSING_FIELD, field + " is required"), participantId, eventId);
            }
        }
        try {
            FeedingEvent event = FeedingEvent.newBuilder()
                    .setEventId(f.text("eventId"))
                    .setParticipantId(f.text("participantId"))
                    .setType(f.symbol("type", FeedingType.class))
                    .setStartTime(f.instant("startTime"))
                    .setDurationMinutes(f.nonNegativeInt("durationMinutes"))
                    .setSide(f.symbol("side", Side.class))
                    .setVolumeMl(f.nonNegativeNumber("volumeMl"))
                    .setSource(orDefault(f.symbol("source", EventSource.class)))
                    .setSourceId(f.text("sourceId"))
                    .setRecordedAt(f.instant("recordedAt"))
                    .build();
            return Parsed.ok(event, event.getParticipantId(), event.getEventId());
        } catch (RejectedField e) {
            return Parsed.rejected(e.rejection(), participantId, eventId);
        }
    }

    private Parsed<FeedingEvent> parseAvro(byte[] payload) {
        FeedingEvent e;
        try {
            e = avro.deserialize(null, payload);
        } catch (RuntimeException ex) {
            return Parsed.rejected(new Rejection(RejectionReason.MALFORMED, ex.getMessage()), null, null);
        }
        String pid = emptyToNull(e.getParticipantId());
        String eid = emptyToNull(e.getEventId());
        if (eid == null || pid == null) {
            String field = eid == null ? "eventId" : "participantId";
            return Parsed.rejected(new Rejection(RejectionReason.MISSING_FIELD, field + " is required"), pid, eid);
        }
        String invalid = null;
        if (Symbols.isUnknown(e.getType())) {
            invalid = "type must be one of " + Symbols.allowed(FeedingType.class);
        } else if (Symbols.isUnknown(e.getSide())) {
            invalid = "side must be one of " + Symbols.allowed(Side.class);
        } else if (Symbols.isUnknown(e.getSource())) {
            invalid = "source must be one of " + Symbols.allowed(EventSource.class);
        } else if (e.getDurationMinutes() != null && e.getDurationMinutes() < 0) {
            invalid = "durationMinutes must not be negative, got " + e.getDurationMinutes();
        } else if (e.getVolumeMl() != null && !(e.getVolumeMl() >= 0)) {
            invalid = "volumeMl must not be negative, got " + e.getVolumeMl();
        }
        if (invalid != null) {
            return Parsed.rejected(new Rejection(RejectionReason.INVALID_VALUE, invalid), pid, eid);
        }
        return Parsed.ok(e, pid, eid);
    }

    /** The payload as one JSON object, or MALFORMED. */
    static ObjectNode jsonObject(byte[] payload) {
        if (payload == null || payload.length == 0) {
            throw new RejectedField(new Rejection(RejectionReason.MALFORMED, "empty payload"));
        }
        JsonNode node;
        try {
            node = JSON.readTree(payload);
        } catch (IOException e) {
            throw new RejectedField(new Rejection(RejectionReason.MALFORMED, "not valid JSON: " + firstLine(e.getMessage())));
        }
        if (node == null || !node.isObject()) {
            String what = node == null || node.isMissingNode() ? "nothing" : node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
            throw new RejectedField(new Rejection(RejectionReason.MALFORMED, "not a JSON object (got " + what + ")"));
        }
        return (ObjectNode) node;
    }

    private static EventSource orDefault(EventSource s) {
        return s == null ? EventSource.APP : s;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
