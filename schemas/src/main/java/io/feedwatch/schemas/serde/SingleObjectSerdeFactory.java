package io.feedwatch.schemas.serde;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * The default {@link SerdeFactory}: Avro single-object encoding, readable without a schema registry because every
 * older writer schema ships in the {@link SchemaHistory}.
 */
public final class SingleObjectSerdeFactory implements SerdeFactory {
    @Override
    public <T extends SpecificRecord> Serde<T> serde(Class<T> type) {
        return new AvroSingleObjectSerde<>(type);
    }
}
