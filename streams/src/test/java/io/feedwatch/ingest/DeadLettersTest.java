package io.feedwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedwatch.schemas.RejectedEvent;
import io.feedwatch.schemas.RejectionReason;
import io.feedwatch.schemas.serde.AvroSingleObjectSerde;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** A dead letter is bounded whatever its input, so writing it can never fail for its size (issue 9). */
class DeadLettersTest {
    private static final Instant T = Instant.parse("2026-03-01T08:00:00Z");

    private static byte[] serialized(RejectedEvent dead) {
        return new AvroSingleObjectSerde<>(RejectedEvent.class).serializer().serialize("t", dead);
    }

    @Test
    void aMegabyteOfEverythingMakesADeadLetterOfAboutSeventyKilobytes() throws Exception {
        byte[] value = "v".repeat(1_000_000).getBytes(StandardCharsets.UTF_8);
        byte[] key = "k".repeat(1_000_000).getBytes(StandardCharsets.UTF_8);
        String huge = "\u00e9".repeat(1_000_000);
        RejectedEvent dead = DeadLetters.of(new Rejection(RejectionReason.PROCESSING_ERROR, huge), "feedwatch.feeding-events.v1", 0, 1L,
                key, value, huge, huge, T);

        // value 64 KiB + key 1 KiB + message 2,000 characters (4 KB of UTF-8 at most) + hash: far below Kafka's 1 MB
        assertThat(serialized(dead).length).isLessThan(72_000);
        assertThat(dead.getOriginalValue().remaining()).isEqualTo(Limits.DEAD_LETTER_VALUE_BYTES);
        assertThat(dead.getOriginalKey().remaining()).isEqualTo(Limits.DEAD_LETTER_KEY_BYTES);
        assertThat(dead.getOriginalValueLength()).isEqualTo(1_000_000);
        assertThat(dead.getOriginalKeyLength()).isEqualTo(1_000_000);
        assertThat(dead.getOriginalValueSha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value)));
        assertThat(dead.getOriginalTruncated()).isTrue();
        assertThat(dead.getMessage()).hasSize(Limits.MAX_MESSAGE_CHARS);
        assertThat(dead.getParticipantId()).isNull();
        assertThat(dead.getEventId()).isNull();
        assertThat(dead.getOriginalText()).as("the value is kept once").isNull();
        assertThat(DeadLetters.recordKey("k".repeat(1025))).isNull();
        assertThat(DeadLetters.recordKey("p-1")).isEqualTo("p-1");
    }

    @Test
    void aSmallRecordIsKeptWholeOnceWithItsLengthAndHash() {
        byte[] value = "{\"eventId\":\"e-1\"}".getBytes(StandardCharsets.UTF_8);
        RejectedEvent dead = DeadLetters.of(new Rejection(RejectionReason.MISSING_FIELD, "participantId is required"), "t", 0, 1L,
                "p-1".getBytes(StandardCharsets.UTF_8), value, null, "e-1", T);

        assertThat(DeadLetters.bytes(dead.getOriginalValue())).isEqualTo(value);
        assertThat(dead.getOriginalTruncated()).isFalse();
        assertThat(dead.getOriginalValueLength()).isEqualTo(value.length);
        assertThat(DeadLetters.text(dead)).isEqualTo("{\"eventId\":\"e-1\"}");
        assertThat(dead.getEventId()).isEqualTo("e-1");
    }

    @Test
    void theTextOfACutValueEndsAtTheLastWholeCharacter() {
        byte[] value = ("a" + "\u20ac".repeat(30_000)).getBytes(StandardCharsets.UTF_8);
        RejectedEvent dead = DeadLetters.of(new Rejection(RejectionReason.MALFORMED, "m"), "t", 0, 1L, null, value, null, null, T);

        // 1 + 3 * 21,845 = 65,536: the cut falls exactly after a whole euro sign
        assertThat(DeadLetters.text(dead)).isEqualTo("a" + "\u20ac".repeat(21_845));
        byte[] shifted = ("ab" + "\u20ac".repeat(30_000)).getBytes(StandardCharsets.UTF_8);
        RejectedEvent split = DeadLetters.of(new Rejection(RejectionReason.MALFORMED, "m"), "t", 0, 1L, null, shifted, null, null, T);
        assertThat(DeadLetters.text(split)).isEqualTo("ab" + "\u20ac".repeat(21_844));
        assertThat(DeadLetters.bytes(split.getOriginalValue())).isEqualTo(Arrays.copyOf(shifted, Limits.DEAD_LETTER_VALUE_BYTES));
    }
}
