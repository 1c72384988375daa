package io.feedwatch.bench;

import io.feedwatch.schemas.FeedingEvent;
import io.feedwatch.schemas.serde.SerdeFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/** Stages 1 and 2: one plain consumer reading the measured part of the topic, with or without decoding the Avro values. */
final class ConsumerStages {
    private ConsumerStages() {
    }

    /** What one read did. */
    record Read(long records, long bytes, long checksum, Meter.Span span) {
    }

    /**
     * Reads every partition from the beginning to {@code end} (exclusive offsets).
     *
     * @param decode decode each value as the feedwatch serde does (stage 2), or only touch the bytes (stage 1)
     */
    static Read read(String bootstrap, Map<TopicPartition, Long> end, boolean decode, Meter meter, LongConsumer progress) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-consumer-" + UUID.randomUUID());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Deserializer<FeedingEvent> avro = SerdeFactory.load(null).serde(FeedingEvent.class).deserializer();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(end.keySet());
            consumer.seekToBeginning(end.keySet());
            end.keySet().forEach(consumer::position); // resolve the start offsets before the clock starts
            Map<TopicPartition, Long> remaining = new HashMap<>(end);
            remaining.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
            long records = 0;
            long bytes = 0;
            long checksum = 0;
            Meter.Reading start = meter.read();
            while (!remaining.isEmpty()) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    Long stop = end.get(new TopicPartition(r.topic(), r.partition()));
                    if (r.offset() >= stop) {
                        continue;
                    }
                    records++;
                    bytes += r.serializedKeySize() + r.serializedValueSize();
                    // use what was read, so that the JIT cannot drop the work being measured
                    checksum += decode ? avro.deserialize(r.topic(), r.value()).getStartTime().toEpochMilli() : r.value()[r.value().length - 1];
                    if (r.offset() + 1 >= stop) {
                        remaining.remove(new TopicPartition(r.topic(), r.partition()));
                    }
                }
                progress.accept(records);
            }
            return new Read(records, bytes, checksum, Meter.between(start, meter.read()));
        }
    }
}
