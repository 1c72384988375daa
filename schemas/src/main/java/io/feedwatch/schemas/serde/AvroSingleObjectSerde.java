package io.feedwatch.schemas.serde;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Avro single-object encoding (2-byte marker C3 01, 8-byte little-endian CRC-64-AVRO fingerprint of the writer
 * schema, binary body) for one generated record class.
 *
 * <p>Writes with the record's current schema. Reads bytes written with the current schema or with any version in
 * the record's {@link SchemaHistory}: the history fills an Avro {@link SchemaStore.Cache} that the decoder asks for
 * unknown fingerprints, and Avro schema resolution then fills fields the old writer lacked with their defaults.
 * Bytes that are not single-object encoded, or whose fingerprint is in neither, fail with a
 * {@link SerializationException} whose message is one line.
 *
 * <p>Thread-safe; one instance can serve every stream thread.
 */
public final class AvroSingleObjectSerde<T extends SpecificRecord> implements Serde<T> {
    private static final int HEADER_LENGTH = 10;

    private final String recordName;
    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;

    /** Serde for {@code type} that reads every version in feedwatch's own {@link SchemaHistory#feedwatch() history}. */
    public AvroSingleObjectSerde(Class<T> type) {
        this(type, SchemaHistory.feedwatch());
    }

    /** Serde for {@code type} that reads every version of the record in {@code history}. */
    public AvroSingleObjectSerde(Class<T> type, SchemaHistory history) {
        SpecificData model = SpecificData.getForClass(type);
        Schema schema = model.getSchema(type);
        SchemaStore.Cache writers = new SchemaStore.Cache();
        history.versions(schema.getName()).forEach(version -> writers.addSchema(version.schema()));
        this.recordName = schema.getName();
        this.encoder = new BinaryMessageEncoder<>(model, schema);
        this.decoder = new BinaryMessageDecoder<>(model, schema, writers);
    }

    /** True when {@code bytes} start with the single-object marker (C3 01), i.e. they are not JSON. */
    public static boolean isSingleObject(byte[] bytes) {
        return bytes != null && bytes.length >= HEADER_LENGTH && bytes[0] == (byte) 0xC3 && bytes[1] == (byte) 0x01;
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, data) -> {
            if (data == null) {
                return null;
            }
            try {
                ByteBuffer buf = encoder.encode(data);
                byte[] out = new byte[buf.remaining()];
                buf.get(out);
                return out;
            } catch (Exception e) {
                throw new SerializationException(
                        "cannot encode " + recordName + " for topic " + topic + ": " + oneLine(e), e);
            }
        };
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            if (!isSingleObject(bytes)) {
                throw new SerializationException(String.format(
                        "%s on topic %s is not Avro single-object encoded (%d bytes, expected marker C3 01 and a"
                                + " fingerprint; starts with %s)",
                        recordName, topic, bytes.length, hexPrefix(bytes)));
            }
            long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            try {
                return decoder.decode(bytes);
            } catch (MissingSchemaException e) {
                throw new SerializationException(String.format(
                        "%s on topic %s was written with unknown schema fingerprint %016x: it is neither the current"
                                + " schema nor a version in the schema history", recordName, topic, fingerprint), e);
            } catch (Exception e) {
                throw new SerializationException(String.format(
                        "cannot decode %s on topic %s written with schema fingerprint %016x (%d bytes): %s",
                        recordName, topic, fingerprint, bytes.length, oneLine(e)), e);
            }
        };
    }

    private static String hexPrefix(byte[] bytes) {
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < Math.min(bytes.length, 4); i++) {
            hex.append(String.format("%02X ", bytes[i]));
        }
        return bytes.length == 0 ? "nothing" : hex.toString().trim();
    }

    /** The innermost cause, as one line: Avro wraps the useful part (EOF, bad enum index, ...) in generic errors. */
    private static String oneLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getMessage() == null
                ? root.getClass().getSimpleName()
                : root.getClass().getSimpleName() + ": " + root.getMessage();
        return text.replaceAll("\\s+", " ").trim();
    }
}
