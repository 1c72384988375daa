package io.feedwatch.ingest;

import io.feedwatch.schemas.RejectedEvent;
import io.feedwatch.schemas.RejectionReason;
import io.feedwatch.schemas.serde.AvroSingleObjectSerde;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Builds dead-letter records: the original key and value, where they came from, and why they were refused. A dead
 * letter is bounded whatever the input, so that writing it can never fail for its size: the value is kept up to
 * {@link Limits#DEAD_LETTER_VALUE_BYTES} (once, as bytes), the key up to {@link Limits#DEAD_LETTER_KEY_BYTES}, with the
 * full lengths and a SHA-256 of the whole value; the message is cut at {@link Limits#MAX_MESSAGE_CHARS}, and ids that are
 * not valid ids are left out.
 */
public final class DeadLetters {
    private DeadLetters() {
    }

    public static RejectedEvent of(Rejection rejection, String sourceTopic, Integer partition, Long offset, byte[] key,
                                   byte[] value, String participantId, String eventId, Instant at) {
        boolean truncated = (key != null && key.length > Limits.DEAD_LETTER_KEY_BYTES)
                || (value != null && value.length > Limits.DEAD_LETTER_VALUE_BYTES);
        return RejectedEvent.newBuilder()
                .setReason(rejection.reason())
                .setMessage(rejection.message() == null ? "" : Limits.cut(rejection.message(), Limits.MAX_MESSAGE_CHARS))
                .setSourceTopic(sourceTopic == null ? "" : sourceTopic)
                .setSourcePartition(partition)
                .setSourceOffset(offset)
                .setOriginalKey(key == null ? null : ByteBuffer.wrap(head(key, Limits.DEAD_LETTER_KEY_BYTES)))
                .setOriginalValue(value == null ? null : ByteBuffer.wrap(head(value, Limits.DEAD_LETTER_VALUE_BYTES)))
                .setOriginalText(null)
                .setParticipantId(EventParser.usable(participantId))
                .setEventId(EventParser.usable(eventId))
                .setRejectedAt(at)
                .setOriginalKeyLength(key == null ? null : key.length)
                .setOriginalValueLength(value == null ? null : value.length)
                .setOriginalValueSha256(value == null ? null : sha256(value))
                .setOriginalTruncated(truncated)
                .build();
    }

    /**
     * The Kafka key of a dead letter: the original key, or none when it is longer than a dead letter keeps (a cut key
     * would name another record).
     */
    public static String recordKey(String key) {
        return key == null || key.getBytes(StandardCharsets.UTF_8).length > Limits.DEAD_LETTER_KEY_BYTES ? null : key;
    }

    /**
     * Feedwatch relies on the key to keep one participant's data, and state, in one partition (and the roster topic is
     * compacted by key): a record whose key is not its participantId is INVALID_VALUE. Null when the key is right.
     */
    public static Rejection keyMismatch(String key, String participantId) {
        if (Objects.equals(key, participantId)) {
            return null;
        }
        return new Rejection(RejectionReason.INVALID_VALUE, "record key " + (key == null ? "(none)" : Limits.quote(key))
                + " must be the participantId " + Limits.quote(participantId));
    }

    /**
     * The original value as text, for people and the analyst database: what a dead letter before v2 kept as text, else
     * its value when that is UTF-8 and not Avro binary (a value cut inside a character loses that character). Null
     * otherwise.
     */
    public static String text(RejectedEvent dead) {
        if (dead.getOriginalText() != null || dead.getOriginalValue() == null) {
            return dead.getOriginalText();
        }
        byte[] value = bytes(dead.getOriginalValue());
        if (AvroSingleObjectSerde.isSingleObject(value)) {
            return null;
        }
        // a cut can split at most one UTF-8 sequence of up to 4 bytes: drop up to 3 trailing bytes before giving up
        int drop = dead.getOriginalTruncated() ? 3 : 0;
        for (int d = 0; d <= drop && d < value.length; d++) {
            String text = utf8(Arrays.copyOf(value, value.length - d));
            if (text != null) {
                return text;
            }
        }
        return null;
    }

    public static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    private static String utf8(byte[] value) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static byte[] head(byte[] b, int max) {
        return b.length <= max ? b : Arrays.copyOf(b, max);
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
