package io.feedwatch.testing;

import io.feedwatch.schemas.serde.SerdeFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Map;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Stands in for a schema-registry serde factory: the registry's wire format (magic byte 0, a 4-byte schema id, the Avro
 * body), which single-object decoding cannot read, and a factory that refuses to make serdes before it was configured
 * (a real one needs {@code schema.registry.url}). Wherever feedwatch builds serdes without its wiring, this fails.
 */
public final class RegistryLikeSerdeFactory implements SerdeFactory {
    public static final String URL_KEY = "schema.registry.url";
    private static final byte MAGIC = 0;
    private static final int SCHEMA_ID = 42;

    private boolean configured;

    @Override
    public void configure(Map<String, ?> configs) {
        configured = configs.containsKey(URL_KEY);
    }

    @Override
    public <T extends SpecificRecord> Serde<T> serde(Class<T> type) {
        if (!configured) {
            throw new IllegalStateException("RegistryLikeSerdeFactory used before configure() with " + URL_KEY);
        }
        return Serdes.serdeFrom(serializer(type), deserializer(type));
    }

    /** True when {@code bytes} carry this format's header. */
    public static boolean isRegistryFormat(byte[] bytes) {
        return bytes != null && bytes.length > 5 && bytes[0] == MAGIC && ByteBuffer.wrap(bytes, 1, 4).getInt() == SCHEMA_ID;
    }

    private static <T extends SpecificRecord> Serializer<T> serializer(Class<T> type) {
        SpecificDatumWriter<T> writer = new SpecificDatumWriter<>(type);
        return (topic, value) -> {
            if (value == null) {
                return null;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(MAGIC);
            out.writeBytes(ByteBuffer.allocate(4).putInt(SCHEMA_ID).array());
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            try {
                writer.write(value, encoder);
                encoder.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toByteArray();
        };
    }

    private static <T extends SpecificRecord> Deserializer<T> deserializer(Class<T> type) {
        SpecificDatumReader<T> reader = new SpecificDatumReader<>(type);
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            if (!isRegistryFormat(bytes)) {
                throw new IllegalArgumentException("not in the registry format (no magic byte and schema id)");
            }
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null);
            try {
                return reader.read(null, decoder);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }
}
