package io.feedwatch.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedwatch.schemas.state.ParticipantState;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Pins the bytes of a participant's state: a running application restores it from its changelog, so bytes written by
 * every released version must keep decoding to the same state. The golden file of a version is written once, by that
 * version, and never edited; a schema change adds the next one.
 */
class ParticipantStateGoldenBytesTest {
    private static final String GOLDEN = "/io/feedwatch/schemas/fixtures/golden/ParticipantState-v1.hex";
    private final AvroSingleObjectSerde<ParticipantState> serde = new AvroSingleObjectSerde<>(ParticipantState.class);

    @Test
    void readsTheBytesVersionOneWrote() throws IOException {
        ParticipantState decoded = serde.deserializer().deserialize("participant-state-v2-changelog", golden());

        // field by field: Avro's generated equals cannot compare arrays of records holding a union with a logical type
        assertThat(decoded).usingRecursiveComparison().isEqualTo(Samples.fullState());
    }

    @Test
    void writesExactlyTheGoldenBytesOfTheCurrentVersion() throws IOException {
        // when the schema changes this fails: add ParticipantState-v2.hex written by the new version and point here
        byte[] written = serde.serializer().serialize("participant-state-v2-changelog", Samples.fullState());

        assertThat(HexFormat.of().formatHex(written)).isEqualTo(HexFormat.of().formatHex(golden()));
    }

    private static byte[] golden() throws IOException {
        try (InputStream in = ParticipantStateGoldenBytesTest.class.getResourceAsStream(GOLDEN)) {
            assertThat(in).as(GOLDEN).isNotNull();
            return HexFormat.of().parseHex(new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip());
        }
    }
}
