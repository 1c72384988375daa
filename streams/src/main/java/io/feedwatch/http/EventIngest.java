package io.feedwatch.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.feedwatch.names.Topics;
import io.feedwatch.ingest.EventParser;
import io.feedwatch.ingest.Parsed;
import io.feedwatch.ingest.ParticipantParser;
import io.feedwatch.ingest.Rejection;
import io.feedwatch.schemas.FeedingEvent;
import io.feedwatch.schemas.Participant;
import io.feedwatch.schemas.RejectionReason;
import io.feedwatch.schemas.serde.AvroSingleObjectSerde;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Ingest over HTTP: validates each event with the stream's own {@link EventParser} (MALFORMED, MISSING_FIELD,
 * INVALID_VALUE) plus the stateless FUTURE_TIMESTAMP check, writes the valid ones to the feeding-events topic keyed by
 * participant id, and answers only once the broker has acknowledged them. Checks that need state (UNKNOWN_PARTICIPANT,
 * duplicates, TOO_LATE) stay in the stream, which dead-letters what fails them: an enrollment sent a moment before its
 * first events must not be refused because the roster store has not caught up yet.
 */
public final class EventIngest {
    private final EventParser events = new EventParser();
    private final ParticipantParser participants = new ParticipantParser();
    private final Serializer<FeedingEvent> eventBytes = new AvroSingleObjectSerde<>(FeedingEvent.class).serializer();
    private final Serializer<Participant> participantBytes = new AvroSingleObjectSerde<>(Participant.class).serializer();
    private final ObjectMapper json = ApiJson.mapper();
    private final Producer<String, byte[]> producer;
    private final Supplier<Instant> now;
    private final Duration futureTolerance;
    private final Duration ackTimeout;

    /**
     * @param now the detection clock, which stamps {@code recordedAt} when a sender leaves it out
     * @param ackTimeout how long to wait for the broker's acknowledgement before answering "failed"
     */
    public EventIngest(Producer<String, byte[]> producer, Supplier<Instant> now, Duration futureTolerance, Duration ackTimeout) {
        this.producer = producer;
        this.now = now;
        this.futureTolerance = futureTolerance;
        this.ackTimeout = ackTimeout;
    }

    /** The answer for one event of a request; {@code status} is accepted, rejected, or failed (not written: retry). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(int index, String eventId, String status, String reason, String message) {
        static Result accepted(int index, String eventId) {
            return new Result(index, eventId, "accepted", null, null);
        }

        static Result rejected(int index, String eventId, RejectionReason reason, String message) {
            return new Result(index, eventId, "rejected", reason.name(), message);
        }

        static Result failed(int index, String eventId, String why) {
            return new Result(index, eventId, "failed", null, why + "; retry (a repeated eventId is ignored)");
        }

        public boolean failed() {
            return status.equals("failed");
        }
    }

    /** Every event of a request, in request order. */
    public List<Result> ingest(List<JsonNode> body) {
        List<Result> results = new ArrayList<>(body.size());
        List<Future<RecordMetadata>> acks = new ArrayList<>(body.size());
        for (int i = 0; i < body.size(); i++) {
            Parsed<FeedingEvent> parsed = parse(body.get(i));
            Result rejected = check(i, parsed);
            results.add(rejected);
            acks.add(rejected != null ? null : send(new ProducerRecord<>(Topics.FEEDING_EVENTS, parsed.participantId(),
                    eventBytes.serialize(Topics.FEEDING_EVENTS, parsed.value())), i, parsed.eventId(), results));
        }
        // every record is in flight before the first wait, so a batch costs one round trip, not one per event
        for (int i = 0; i < results.size(); i++) {
            if (acks.get(i) != null) {
                String failure = acknowledged(acks.get(i));
                String eventId = parseEventId(body.get(i));
                results.set(i, failure == null ? Result.accepted(i, eventId) : Result.failed(i, eventId, failure));
            }
        }
        return results;
    }

    /**
     * An enrollment for {@code pathId}: the parsed participant, or why not (as the stream would judge it, plus a body whose
     * participantId is not the path's, which is INVALID_VALUE).
     */
    public Parsed<Participant> parseParticipant(String pathId, byte[] body) {
        Parsed<Participant> parsed = participants.parse(body);
        if (parsed.accepted() && !parsed.participantId().equals(pathId)) {
            return new Parsed<>(null, new Rejection(RejectionReason.INVALID_VALUE, "participantId '" + parsed.participantId()
                    + "' in the body must be the one in the path, '" + pathId + "'"), parsed.participantId(), null);
        }
        return parsed;
    }

    /** Writes a valid enrollment; null once the broker has acknowledged it, else why it was not written. */
    public String enroll(Participant p) {
        try {
            return acknowledged(producer.send(new ProducerRecord<>(Topics.PARTICIPANTS, p.getParticipantId(),
                    participantBytes.serialize(Topics.PARTICIPANTS, p))));
        } catch (RuntimeException e) {
            return "not written: " + e.getMessage();
        }
    }

    private Parsed<FeedingEvent> parse(JsonNode node) {
        JsonNode stamped = node;
        if (node.isObject() && (node.get("recordedAt") == null || node.get("recordedAt").isNull())) {
            ObjectNode copy = ((ObjectNode) node).deepCopy();
            copy.put("recordedAt", now.get().toString());
            stamped = copy;
        }
        try {
            return events.parse(json.writeValueAsBytes(stamped));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String parseEventId(JsonNode node) {
        JsonNode id = node.isObject() ? node.get("eventId") : null;
        return id != null && id.isTextual() && !id.asText().isEmpty() ? id.asText() : null;
    }

    /** Null when the event may be written, else its rejection. */
    private Result check(int index, Parsed<FeedingEvent> parsed) {
        if (!parsed.accepted()) {
            return Result.rejected(index, parsed.eventId(), parsed.rejection().reason(), parsed.rejection().message());
        }
        FeedingEvent e = parsed.value();
        if (Duration.between(e.getRecordedAt(), e.getStartTime()).compareTo(futureTolerance) > 0) {
            return Result.rejected(index, e.getEventId(), RejectionReason.FUTURE_TIMESTAMP, "startTime " + e.getStartTime()
                    + " is more than " + futureTolerance + " after recordedAt " + e.getRecordedAt());
        }
        return null;
    }

    /**
     * The pending acknowledgement, or null when the producer refused the record outright (e.g. no broker metadata within
     * max.block.ms); then {@code results[index]} says why.
     */
    private Future<RecordMetadata> send(ProducerRecord<String, byte[]> record, int index, String eventId, List<Result> results) {
        try {
            return producer.send(record);
        } catch (RuntimeException e) {
            results.set(index, Result.failed(index, eventId, "not written: " + e.getMessage()));
            return null;
        }
    }

    /** Null once the broker has acknowledged the record, else why not. */
    private String acknowledged(Future<RecordMetadata> ack) {
        try {
            ack.get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return null;
        } catch (ExecutionException e) {
            return "not written: " + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
        } catch (TimeoutException e) {
            return "not acknowledged within " + ackTimeout;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
