package io.feedwatch.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.feedwatch.names.Topics;
import io.feedwatch.ingest.EventParser;
import io.feedwatch.ingest.Limits;
import io.feedwatch.ingest.Parsed;
import io.feedwatch.ingest.ParticipantParser;
import io.feedwatch.ingest.Rejection;
import io.feedwatch.schemas.FeedingEvent;
import io.feedwatch.schemas.Participant;
import io.feedwatch.schemas.RejectionReason;
import io.feedwatch.schemas.StaffAction;
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
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Ingest over HTTP: validates each event with the stream's own {@link EventParser} (MALFORMED, MISSING_FIELD,
 * INVALID_VALUE) plus the stateless FUTURE_TIMESTAMP check, writes the valid ones to the feeding-events topic keyed by
 * participant id, and answers only once the broker has acknowledged them. Every event of a request is checked before
 * any is written, so each answer is final. Checks that need state (UNKNOWN_PARTICIPANT, duplicates, TOO_LATE) stay in
 * the stream, which dead-letters what fails them: an enrollment sent a moment before its first events must not be
 * refused because the roster store has not caught up yet.
 *
 * <p>A failed write is either permanent (the broker refuses the record as too large or invalid: sending it again
 * cannot help, so it is a final rejection) or transient (timeouts, too few in-sync replicas, a lost connection: retry).
 */
public final class EventIngest {
    private final EventParser events = new EventParser();
    private final ParticipantParser participants = new ParticipantParser();
    private final Serializer<FeedingEvent> eventBytes = new AvroSingleObjectSerde<>(FeedingEvent.class).serializer();
    private final Serializer<Participant> participantBytes = new AvroSingleObjectSerde<>(Participant.class).serializer();
    private final Serializer<StaffAction> actionBytes = new AvroSingleObjectSerde<>(StaffAction.class).serializer();
    private final ObjectMapper json = ApiJson.mapper();
    private final Producer<String, byte[]> producer;
    private final Supplier<Instant> now;
    private final boolean serverClockIsReference;
    private final Duration futureTolerance;
    private final Duration ackTimeout;

    /**
     * @param now the detection clock, which stamps {@code recordedAt} when a sender leaves it out
     * @param serverClockIsReference true when {@code now} is the server's own clock (wall or accelerated): an event
     *                               starting more than {@code futureTolerance} after it is FUTURE_TIMESTAMP whatever its
     *                               recordedAt says, because a sender's clock may be wrong
     * @param ackTimeout how long to wait for the broker's acknowledgement before answering "failed"
     */
    public EventIngest(Producer<String, byte[]> producer, Supplier<Instant> now, boolean serverClockIsReference,
                       Duration futureTolerance, Duration ackTimeout) {
        this.producer = producer;
        this.now = now;
        this.serverClockIsReference = serverClockIsReference;
        this.futureTolerance = futureTolerance;
        this.ackTimeout = ackTimeout;
    }

    /**
     * The answer for one event of a request; {@code status} is accepted, rejected (final: {@code reason} says why), or
     * failed (not written for a transient reason: retry).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(int index, String eventId, String status, String reason, String message) {
        static Result accepted(int index, String eventId) {
            return new Result(index, eventId, "accepted", null, null);
        }

        static Result rejected(int index, String eventId, String reason, String message) {
            return new Result(index, eventId, "rejected", reason, message);
        }

        static Result failed(int index, String eventId, String why) {
            return new Result(index, eventId, "failed", null, why + "; retry (a repeated eventId is ignored)");
        }

        public boolean failed() {
            return status.equals("failed");
        }
    }

    /**
     * Why a record was not written. {@code code} is TOO_LARGE or INVALID_VALUE for a permanent refusal by the broker,
     * null for a transient failure.
     */
    public record WriteFailure(String code, String message) {
        public boolean permanent() {
            return code != null;
        }

        /** Permanent when anything in the chain is the broker refusing this record; anything else may pass on a retry. */
        static WriteFailure of(Throwable e) {
            for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof RecordTooLargeException || t instanceof RecordBatchTooLargeException) {
                    return new WriteFailure("TOO_LARGE", "the broker refuses the record as too large: " + t.getMessage());
                }
                if (t instanceof SerializationException || t instanceof InvalidRecordException || t instanceof InvalidTopicException) {
                    return new WriteFailure(RejectionReason.INVALID_VALUE.name(), "the broker refuses the record: " + t);
                }
            }
            return new WriteFailure(null, "not written: " + e.getMessage());
        }
    }

    /** Every event of a request, in request order: all are checked first, then the valid ones are written. */
    public List<Result> ingest(List<JsonNode> body) {
        Instant at = now.get();
        List<Result> results = new ArrayList<>(body.size());
        List<ProducerRecord<String, byte[]>> valid = new ArrayList<>(body.size());
        for (int i = 0; i < body.size(); i++) {
            Parsed<FeedingEvent> parsed = parse(body.get(i), at);
            Result rejected = check(i, parsed, at);
            results.add(rejected);
            valid.add(rejected != null ? null : new ProducerRecord<>(Topics.FEEDING_EVENTS, parsed.participantId(),
                    eventBytes.serialize(Topics.FEEDING_EVENTS, parsed.value())));
        }
        // every record is in flight before the first wait, so a batch costs one round trip, not one per event
        List<Future<RecordMetadata>> acks = new ArrayList<>(body.size());
        for (int i = 0; i < body.size(); i++) {
            acks.add(valid.get(i) == null ? null : send(valid.get(i), i, parseEventId(body.get(i)), results));
        }
        for (int i = 0; i < results.size(); i++) {
            if (acks.get(i) != null) {
                results.set(i, answer(i, parseEventId(body.get(i)), acknowledged(acks.get(i))));
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
            return new Parsed<>(null, new Rejection(RejectionReason.INVALID_VALUE, "participantId " + Limits.quote(parsed.participantId())
                    + " in the body must be the one in the path, " + Limits.quote(pathId)), parsed.participantId(), null);
        }
        return parsed;
    }

    /** Writes a valid enrollment; null once the broker has acknowledged it, else why it was not written. */
    public WriteFailure enroll(Participant p) {
        try {
            return acknowledged(producer.send(new ProducerRecord<>(Topics.PARTICIPANTS, p.getParticipantId(),
                    participantBytes.serialize(Topics.PARTICIPANTS, p))));
        } catch (RuntimeException e) {
            return WriteFailure.of(e);
        }
    }

    /** Writes a checked staff action keyed by its participant; null once the broker has acknowledged it, else why not. */
    public WriteFailure act(StaffAction a) {
        try {
            return acknowledged(producer.send(new ProducerRecord<>(Topics.STAFF_ACTIONS, a.getParticipantId(),
                    actionBytes.serialize(Topics.STAFF_ACTIONS, a))));
        } catch (RuntimeException e) {
            return WriteFailure.of(e);
        }
    }

    private Parsed<FeedingEvent> parse(JsonNode node, Instant at) {
        JsonNode stamped = node;
        if (node.isObject() && (node.get("recordedAt") == null || node.get("recordedAt").isNull())) {
            ObjectNode copy = ((ObjectNode) node).deepCopy();
            copy.put("recordedAt", at.toString());
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
    private Result check(int index, Parsed<FeedingEvent> parsed, Instant at) {
        if (!parsed.accepted()) {
            return Result.rejected(index, parsed.eventId(), parsed.rejection().reason().name(), parsed.rejection().message());
        }
        FeedingEvent e = parsed.value();
        // the stream's rule, as it will judge the event: the server's clock when it has one of its own, else recordedAt
        if (serverClockIsReference) {
            if (Duration.between(at, e.getStartTime()).compareTo(futureTolerance) > 0) {
                return Result.rejected(index, e.getEventId(), RejectionReason.FUTURE_TIMESTAMP.name(), "startTime " + e.getStartTime()
                        + " is more than " + futureTolerance + " after the server's clock, " + at);
            }
        } else if (Duration.between(e.getRecordedAt(), e.getStartTime()).compareTo(futureTolerance) > 0) {
            return Result.rejected(index, e.getEventId(), RejectionReason.FUTURE_TIMESTAMP.name(), "startTime " + e.getStartTime()
                    + " is more than " + futureTolerance + " after recordedAt " + e.getRecordedAt());
        }
        return null;
    }

    private static Result answer(int index, String eventId, WriteFailure failure) {
        if (failure == null) {
            return Result.accepted(index, eventId);
        }
        return failure.permanent() ? Result.rejected(index, eventId, failure.code(), failure.message())
                : Result.failed(index, eventId, failure.message());
    }

    /**
     * The pending acknowledgement, or null when the producer refused the record outright (e.g. no broker metadata within
     * max.block.ms); then {@code results[index]} says why.
     */
    private Future<RecordMetadata> send(ProducerRecord<String, byte[]> record, int index, String eventId, List<Result> results) {
        try {
            return producer.send(record);
        } catch (RuntimeException e) {
            results.set(index, answer(index, eventId, WriteFailure.of(e)));
            return null;
        }
    }

    /** Null once the broker has acknowledged the record, else why not. */
    private WriteFailure acknowledged(Future<RecordMetadata> ack) {
        try {
            ack.get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return null;
        } catch (ExecutionException e) {
            return WriteFailure.of(e.getCause() == null ? e : e.getCause());
        } catch (TimeoutException e) {
            return new WriteFailure(null, "not acknowledged within " + ackTimeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new WriteFailure(null, "interrupted");
        }
    }
}
