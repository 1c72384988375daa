package io.feedwatch.ingest;

import io.feedwatch.schemas.RejectedEvent;
import io.feedwatch.schemas.RejectionReason;
import io.feedwatch.schemas.serde.AvroSingleObjectSerde;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

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

    /**
     * Feedwatch relies on the key to keep one participant's data, and state, in one partition (and the roster topic is
     * compacted by key): a record whose key is not its participantId is INVALID_VALUE. Null when the key is right.
     */
    public static Rejection keyMismatch(String key, String participantId) {
        if (Objects.equals(key, participantId)) {
            return null;
        }
        return new Rejection(RejectionReason.INVALID_VALUE, "record key " + (key == null ? "(none)" : "'" + key + "'")
                + " must be the participantId '" + participantId + "'");
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
