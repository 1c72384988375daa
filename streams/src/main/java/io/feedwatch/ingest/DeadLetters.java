package io.feedwatch.ingest;

import io.feedwatch.app.FeedwatchTopology;
import io.feedwatch.schemas.RejectedEvent;
import io.feedwatch.schemas.RejectionReason;
import io.feedwatch.schemas.serde.AvroSingleObjectSerde;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/** Builds dead-letter records that keep the original bytes, where they came from, and why they were refused. */
public final class DeadLetters {
    private DeadLetters() {
    }

    public static RejectedEvent of(Rejection rejection, String sourceTopic, Integer partition, Long offset, byte[] key,
                                   byte[] value, String participantId, String eventId, Instant at) {
        return RejectedEvent.newBuilder()
                .setReason(rejection.reason())
                .setMessage(rejection.message() == null ? "" : rejection.message())
                .setSourceTopic(sourceTopic == null ? "" : sourceTopic)
                .setSourcePartition(partition)
                .setSourceOffset(offset)
                .setOriginalKey(key == null ? null : ByteBuffer.wrap(key))
                .setOriginalValue(value == null ? null : ByteBuffer.wrap(value))
                .setOriginalText(text(value))
                .setParticipantId(participantId)
                .setEventId(eventId)
                .setRejectedAt(at)
                .build();
    }

    /** Same, with the source taken from the record being processed (absent when a punctuator is running). */
    public static RejectedEvent of(Rejection rejection, java.util.Optional<RecordMetadata> source, byte[] key, byte[] value,
                                   String participantId, String eventId, Instant at) {
        return of(rejection, source.map(RecordMetadata::topic).orElse(null), source.map(RecordMetadata::partition).orElse(null),
                source.map(RecordMetadata::offset).orElse(null), key, value, participantId, eventId, at);
    }

    /**
     * Feedwatch relies on the key to keep one participant's data, and state, in one partition (and the roster topic is
     * compacted by key): a record whose key is not its participantId is INVALID_VALUE. Null when the key is right.
     */
    static Rejection keyMismatch(String key, String participantId) {
        if (Objects.equals(key, participantId)) {
            return null;
        }
        return new Rejection(RejectionReason.INVALID_VALUE, "record key " + (key == null ? "(none)" : "'" + key + "'")
                + " must be the participantId '" + participantId + "'");
    }

    /** Sends a dead letter for the record being processed to the dead-letter sink. */
    static void forward(ProcessorContext<String, Object> context, Rejection rejection, Record<byte[], byte[]> record, String key,
                        String participantId, String eventId) {
        RejectedEvent dead = of(rejection, context.recordMetadata(), record.key(), record.value(), participantId, eventId,
                Instant.ofEpochMilli(context.currentSystemTimeMs()));
        context.forward(new Record<String, Object>(key, dead, record.timestamp()), FeedwatchTopology.REJECTED_SINK);
    }

    /** The value as text when it is valid UTF-8 and not Avro binary, so people can read JSON dead letters directly. */
    static String text(byte[] value) {
        if (value == null || AvroSingleObjectSerde.isSingleObject(value)) {
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
