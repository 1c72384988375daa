package io.feedwatch.testing;

import io.feedwatch.names.Topics;
import io.feedwatch.schemas.RejectedEvent;
import io.feedwatch.schemas.serde.AvroSingleObjectSerde;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/** Every dead letter on a broker's dead-letter topic, read from the beginning without a consumer group. */
public final class DeadLetterReader implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Deserializer<RejectedEvent> decoder = new AvroSingleObjectSerde<>(RejectedEvent.class).deserializer();
    private final List<ConsumerRecord<byte[], RejectedEvent>> read = new ArrayList<>();

    public DeadLetterReader(String bootstrapServers) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.REJECTED_EVENTS).stream()
                .map(i -> new TopicPartition(Topics.REJECTED_EVENTS, i.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Every dead letter read so far, after one more poll. */
    public List<RejectedEvent> poll() {
        return records().stream().map(ConsumerRecord::value).toList();
    }

    /** The same, with each dead letter's Kafka key and offset. */
    public List<ConsumerRecord<byte[], RejectedEvent>> records() {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
            read.add(new ConsumerRecord<>(r.topic(), r.partition(), r.offset(), r.key(), decoder.deserialize(r.topic(), r.value())));
        }
        return List.copyOf(read);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
