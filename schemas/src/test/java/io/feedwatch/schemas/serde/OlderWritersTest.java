package io.feedwatch.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.feedwatch.schemas.EventSource;
import io.feedwatch.schemas.FeedingEvent;
import io.feedwatch.schemas.FeedingType;
import io.feedwatch.schemas.Side;
import java.time.Instant;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

/**
 * Proves that the history mechanism reads bytes of schemas older than the current one. feedwatch's own history has
 * only v1 (= current), so this uses a test-only history in which two older FeedingEvent schemas precede it.
 */
class OlderWritersTest {
    private static final String TOPIC = "feeding-events";
    private static final Instant START = Instant.parse("2025-11-02T06:15:00.250Z");
    private static final SchemaHistory OLDER = new SchemaHistory(
            OlderWritersTest.class.getClassLoader(), "io/feedwatch/schemas/fixtures/older-history");

    @Test
    void fixtureVersionsAreOlderAndStillCompatible() {
        List<SchemaHistory.Version> versions = OLDER.versions("FeedingEvent");

        assertThat(versions).extracting(SchemaHistory.Version::number).containsExactly(1, 2);
        assertThat(versions).allSatisfy(v -> {
            assertThat(AvroSingleObjectSerdeTest.fingerprintOf(v.schema()))
                    .isNotEqualTo(AvroSingleObjectSerdeTest.fingerprintOf(FeedingEvent.getClassSchema()));
            assertThat(SchemaCompatibility.checkReaderWriterCompatibility(FeedingEvent.getClassSchema(), v.schema()).getType())
                    .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        });
    }

    @Test
    void decodesOldestWriterAndFillsMissingFieldsWithDefaults() {
        Schema v1 = OLDER.versions("FeedingEvent").get(0).schema();
        GenericRecord old = new GenericData.Record(v1);
        old.put("eventId", "evt-old-1");
        old.put("participantId", "p-1");
        old.put("type", new GenericData.EnumSymbol(v1.getField("type").schema(), "PUMP"));
        old.put("startTime", START);
        old.put("durationMinutes", 20);
        old.put("volumeMl", 45.5);

        FeedingEvent decoded = decodeWithOlderHistory(encode(v1, old));

        assertThat(decoded).isEqualTo(FeedingEvent.newBuilder()
                .setEventId("evt-old-1").setParticipantId("p-1").setType(FeedingType.PUMP).setStartTime(START)
                .setDurationMinutes(20).setVolumeMl(45.5)
                .build());
        // Spelled out, as the builder fills the same defaults that resolution should.
        assertThat(decoded.getSide()).isNull();
        assertThat(decoded.getSource()).isEqualTo(EventSource.APP);
        assertThat(decoded.getSourceId()).isNull();
        assertThat(decoded.getRecordedAt()).isNull();
    }

    @Test
    void decodesIntermediateWriter() {
        Schema v2 = OLDER.versions("FeedingEvent").get(1).schema();
        GenericRecord old = new GenericData.Record(v2);
        old.put("eventId", "evt-old-2");
        old.put("participantId", "p-1");
        old.put("type", new GenericData.EnumSymbol(v2.getField("type").schema(), "HAND_EXPRESSION"));
        old.put("startTime", START);
        old.put("side", new GenericData.EnumSymbol(v2.getField("side").schema().getTypes().get(1), "LEFT"));
        old.put("source", new GenericData.EnumSymbol(v2.getField("source").schema(), "DEVICE"));

        FeedingEvent decoded = decodeWithOlderHistory(encode(v2, old));

        assertThat(decoded).isEqualTo(FeedingEvent.newBuilder()
                .setEventId("evt-old-2").setParticipantId("p-1").setType(FeedingType.HAND_EXPRESSION)
                .setStartTime(START).setSide(Side.LEFT).setSource(EventSource.DEVICE)
                .build());
    }

    @Test
    void serdeWithoutThatHistoryRejectsTheOldBytes() {
        Schema v1 = OLDER.versions("FeedingEvent").get(0).schema();
        GenericRecord old = new GenericData.Record(v1);
        old.put("eventId", "evt-old-1");
        old.put("participantId", "p-1");
        old.put("type", new GenericData.EnumSymbol(v1.getField("type").schema(), "BREASTFEED"));
        old.put("startTime", START);
        byte[] bytes = encode(v1, old);

        try (Serde<FeedingEvent> serde = new AvroSingleObjectSerde<>(FeedingEvent.class)) {
            assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, bytes))
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining("unknown schema fingerprint %016x", AvroSingleObjectSerdeTest.fingerprintOf(v1));
        }
    }

    @Test
    void recordWithoutHistoryHasNoVersions() {
        assertThat(OLDER.versions("StaffAlert")).isEmpty();
    }

    @Test
    void unparsableHistoryFileFailsNamingTheFile() {
        SchemaHistory broken = new SchemaHistory(getClass().getClassLoader(), "io/feedwatch/schemas/fixtures/broken-history");

        assertThatThrownBy(() -> broken.versions("FeedingEvent"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("io/feedwatch/schemas/fixtures/broken-history/FeedingEvent/v1.avsc");
    }

    private static FeedingEvent decodeWithOlderHistory(byte[] bytes) {
        try (Serde<FeedingEvent> serde = new AvroSingleObjectSerde<>(FeedingEvent.class, OLDER)) {
            return serde.deserializer().deserialize(TOPIC, bytes);
        }
    }

    private static byte[] encode(Schema writer, GenericRecord datum) {
        return SchemaHistoryGuardTest.encode(new BinaryMessageEncoder<>(SampleDatum.model(), writer), datum);
    }
}
