package io.feedwatch.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.feedwatch.schemas.FeedingEvent;
import io.feedwatch.schemas.Participant;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AvroSingleObjectSerdeTest {
    private static final String TOPIC = "feeding-events";

    static Stream<SpecificRecord> fullRecords() {
        return Samples.full().stream();
    }

    static Stream<SpecificRecord> minimalRecords() {
        return Samples.minimal().stream();
    }

    @ParameterizedTest
    @MethodSource("fullRecords")
    void roundTripsEveryFieldSet(SpecificRecord record) {
        // A sample that leaves a field unset would not prove that the field survives the trip.
        assertThat(record.getSchema().getFields())
                .allSatisfy(f -> assertThat(record.get(f.pos())).as("sample value of %s", f.name()).isNotNull());

        SpecificRecord decoded = roundTrip(record);

        // field by field: Avro's generated equals cannot compare arrays of records holding a union with a logical type
        assertThat(decoded).usingRecursiveComparison().isEqualTo(record);
        assertThat(decoded).isNotSameAs(record);
    }

    @ParameterizedTest
    @MethodSource("minimalRecords")
    void roundTripsWithOptionalFieldsNull(SpecificRecord record) {
        SpecificRecord decoded = roundTrip(record);

        assertThat(decoded).usingRecursiveComparison().isEqualTo(record);
        assertThat(decoded.getSchema().getFields())
                .filteredOn(f -> f.schema().isNullable())
                .isNotEmpty()
                .allSatisfy(f -> assertThat(decoded.get(f.pos())).as("optional %s", f.name()).isNull());
    }

    @Test
    void tellsAvroFromJson() {
        byte[] avro = serialize(Samples.full().get(0));
        byte[] json = "{\"eventId\":\"evt-1\",\"participantId\":\"p-1\",\"type\":\"PUMP\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(AvroSingleObjectSerde.isSingleObject(avro)).isTrue();
        assertThat(AvroSingleObjectSerde.isSingleObject(json)).isFalse();
        assertThat(AvroSingleObjectSerde.isSingleObject(null)).isFalse();
        assertThat(AvroSingleObjectSerde.isSingleObject(Arrays.copyOf(avro, 9))).as("marker without a whole fingerprint").isFalse();
    }

    @Test
    void writesMarkerAndCurrentSchemaFingerprint() {
        byte[] bytes = serialize(Samples.full().get(0));

        assertThat(Arrays.copyOf(bytes, 2)).containsExactly(0xC3, 0x01);
        assertThat(fingerprintOf(bytes)).isEqualTo(SchemaNormalization.parsingFingerprint64(FeedingEvent.getClassSchema()));
    }

    @Test
    void passesNullThrough() {
        try (Serde<FeedingEvent> serde = new AvroSingleObjectSerde<>(FeedingEvent.class)) {
            assertThat(serde.serializer().serialize(TOPIC, null)).isNull();
            assertThat(serde.deserializer().deserialize(TOPIC, null)).isNull();
        }
    }

    @Test
    void rejectsJsonAndGarbageWithOneLineMessage() {
        try (Serde<FeedingEvent> serde = new AvroSingleObjectSerde<>(FeedingEvent.class)) {
            byte[] json = "{\"eventId\":\"evt-1\"}".getBytes(StandardCharsets.UTF_8);
            byte[] garbage = {0x00, (byte) 0xFF, 0x13, 0x37, 0x42, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07};

            for (byte[] bad : new byte[][] {json, garbage, new byte[0]}) {
                assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, bad))
                        .isInstanceOf(SerializationException.class)
                        .hasMessageContaining("FeedingEvent on topic feeding-events is not Avro single-object encoded")
                        .hasMessageNotContaining("\n");
            }
        }
    }

    @Test
    void rejectsUnknownFingerprint() {
        byte[] bytes = serialize(Samples.full().get(0));
        long unknown = 0x0123456789ABCDEFL;
        ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(unknown);

        try (Serde<FeedingEvent> serde = new AvroSingleObjectSerde<>(FeedingEvent.class)) {
            assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, bytes))
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining("unknown schema fingerprint 0123456789abcdef")
                    .hasMessageContaining("schema history")
                    .hasMessageNotContaining("\n");
        }
    }

    @Test
    void rejectsAnotherRecordTypeByItsFingerprint() {
        byte[] participant = serialize(Samples.full().get(1));
        assertThat(Samples.full().get(1)).isInstanceOf(Participant.class);

        try (Serde<FeedingEvent> serde = new AvroSingleObjectSerde<>(FeedingEvent.class)) {
            assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, participant))
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining("unknown schema fingerprint "
                            + HexFormat.of().toHexDigits(SchemaNormalization.parsingFingerprint64(Participant.getClassSchema())));
        }
    }

    @Test
    void rejectsTruncatedBody() {
        byte[] bytes = serialize(Samples.full().get(0));
        byte[] truncated = Arrays.copyOf(bytes, bytes.length - 5);

        try (Serde<FeedingEvent> serde = new AvroSingleObjectSerde<>(FeedingEvent.class)) {
            assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, truncated))
                    .isInstanceOf(SerializationException.class)
                    .hasMessageStartingWith("cannot decode FeedingEvent on topic feeding-events written with schema fingerprint")
                    .hasMessageNotContaining("\n");
        }
    }

    @Test
    void refusesToEncodeRecordMissingRequiredField() {
        FeedingEvent incomplete = new FeedingEvent();
        incomplete.setParticipantId("p-1");

        try (Serde<FeedingEvent> serde = new AvroSingleObjectSerde<>(FeedingEvent.class)) {
            assertThatThrownBy(() -> serde.serializer().serialize(TOPIC, incomplete))
                    .isInstanceOf(SerializationException.class)
                    .hasMessageStartingWith("cannot encode FeedingEvent for topic feeding-events")
                    .hasMessageNotContaining("\n");
        }
    }

    static long fingerprintOf(byte[] singleObject) {
        return ByteBuffer.wrap(singleObject, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    static long fingerprintOf(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }

    @SuppressWarnings("unchecked")
    private static <T extends SpecificRecord> byte[] serialize(T record) {
        try (Serde<T> serde = new AvroSingleObjectSerde<>((Class<T>) record.getClass())) {
            return serde.serializer().serialize(TOPIC, record);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends SpecificRecord> T roundTrip(T record) {
        try (Serde<T> serde = new AvroSingleObjectSerde<>((Class<T>) record.getClass())) {
            byte[] bytes = serde.serializer().serialize(TOPIC, record);
            return serde.deserializer().deserialize(TOPIC, bytes);
        }
    }
}
