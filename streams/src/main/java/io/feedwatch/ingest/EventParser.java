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
        String participantId = f.idOrNull("participantId");
        String eventId = f.idOrNull("eventId");
        for (String field : REQUIRED) {
            if (f.missing(field)) {
                return Parsed.rejected(new Rejection(RejectionReason.MISSING_FIELD, field + " is required"), participantId, eventId);
            }
        }
        try {
            FeedingEvent event = FeedingEvent.newBuilder()
                    .setEventId(f.id("eventId"))
                    .setParticipantId(f.id("participantId"))
                    .setType(f.symbol("type", FeedingType.class))
                    .setStartTime(f.instant("startTime"))
                    .setDurationMinutes(f.nonNegativeInt("durationMinutes"))
                    .setSide(f.symbol("side", Side.class))
                    .setVolumeMl(f.nonNegativeNumber("volumeMl"))
                    .setSource(orDefault(f.symbol("source", EventSource.class)))
                    .setSourceId(f.id("sourceId"))
                    .setRecordedAt(f.instant("recordedAt"))
                    .build();
            checkSize(payload);
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
            return Parsed.rejected(new Rejection(RejectionReason.MISSING_FIELD, field + " is required"), usable(pid), usable(eid));
        }
        // the JSON path's order: eventId, participantId, type, startTime, durationMinutes, side, volumeMl, source,
        // sourceId, recordedAt, then the size of the whole record
        String invalid;
        if (Limits.idProblem(eid) != null) {
            invalid = "eventId " + Limits.idProblem(eid);
        } else if (Limits.idProblem(pid) != null) {
            invalid = "participantId " + Limits.idProblem(pid);
        } else if (Symbols.isUnknown(e.getType())) {
            invalid = "type must be one of " + Symbols.allowed(FeedingType.class);
        } else if (!Limits.inRange(e.getStartTime())) {
            invalid = JsonFields.outOfRange("startTime", e.getStartTime());
        } else if (e.getDurationMinutes() != null && e.getDurationMinutes() < 0) {
            invalid = "durationMinutes must not be negative, got " + e.getDurationMinutes();
        } else if (Symbols.isUnknown(e.getSide())) {
            invalid = "side must be one of " + Symbols.allowed(Side.class);
        } else if (e.getVolumeMl() != null && !(e.getVolumeMl() >= 0)) {
            invalid = "volumeMl must not be negative, got " + e.getVolumeMl();
        } else if (Symbols.isUnknown(e.getSource())) {
            invalid = "source must be one of " + Symbols.allowed(EventSource.class);
        } else if (e.getSourceId() != null && Limits.idProblem(e.getSourceId()) != null) {
            invalid = "sourceId " + Limits.idProblem(e.getSourceId());
        } else if (e.getRecordedAt() != null && !Limits.inRange(e.getRecordedAt())) {
            invalid = JsonFields.outOfRange("recordedAt", e.getRecordedAt());
        } else {
            invalid = sizeProblem(payload);
        }
        if (invalid != null) {
            return Parsed.rejected(new Rejection(RejectionReason.INVALID_VALUE, invalid), usable(pid), usable(eid));
        }
        return Parsed.ok(e, pid, eid);
    }

    /**
     * The last INVALID_VALUE check, in both formats: a record larger than {@link Limits#MAX_RECORD_BYTES} is refused, so
     * that every accepted record fits whole in a later dead letter (UNKNOWN_PARTICIPANT, ...) and can be re-driven.
     */
    static void checkSize(byte[] payload) {
        String problem = sizeProblem(payload);
        if (problem != null) {
            throw JsonFields.invalid(problem);
        }
    }

    private static String sizeProblem(byte[] payload) {
        return payload.length <= Limits.MAX_RECORD_BYTES ? null
                : "the record is " + payload.length + " bytes; at most " + Limits.MAX_RECORD_BYTES + " are accepted";
    }

    /** An id read from a record, for naming it in a dead letter, when it is a usable one. */
    static String usable(String id) {
        return id != null && Limits.idProblem(id) == null ? id : null;
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
