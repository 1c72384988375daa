package io.feedwatch.cli;

import io.feedwatch.app.Wiring;
import io.feedwatch.config.FeedwatchConfig;
import io.feedwatch.ingest.DeadLetters;
import io.feedwatch.names.Topics;
import io.feedwatch.schemas.RejectedEvent;
import io.feedwatch.schemas.RejectionReason;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Re-submits dead letters to the topic they came from, e.g. events rejected as UNKNOWN_PARTICIPANT once the enrollment
 * has arrived. Progress is kept in a consumer group, so each dead letter is re-driven once; a re-driven event that fails
 * again simply becomes a new dead letter. A dead letter that kept only the start of its record is refused, and said so
 * (exit status 1): sending the cut bytes would be a different record.
 */
@Command(name = "redrive", mixinStandardHelpOptions = true,
        description = "Re-submits dead letters of the given reasons (default UNKNOWN_PARTICIPANT) from "
                + Topics.REJECTED_EVENTS + " to their source topic, keyed by participant id, then stops.")
public final class RedriveCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--reason", split = ",", paramLabel = "REASON",
            description = "Reasons to re-drive, comma-separated (default: UNKNOWN_PARTICIPANT).")
    Set<RejectionReason> reasons = EnumSet.of(RejectionReason.UNKNOWN_PARTICIPANT);

    @Option(names = "--group", description = "Consumer group that remembers what was re-driven (default: ${DEFAULT-VALUE}).")
    String group = "feedwatch-redrive";

    @Option(names = "--dry-run", description = "Only count what would be re-driven; commits nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        FeedwatchConfig cfg = kafka.load();
        // the same settings as the app (security included) and the same serde the app writes dead letters with
        Wiring wiring = Wiring.from(cfg, Clock.systemUTC().instant());
        Properties consumerProps = wiring.consumerProperties("redrive");
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // dead letters of aborted transactions were never written
        consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Properties producerProps = wiring.producerProperties("redrive");
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        var decoder = wiring.serdes().serde(RejectedEvent.class).deserializer();
        PrintWriter err = spec.commandLine().getErr();
        int seen = 0;
        int redriven = 0;
        int undecodable = 0;
        int refused = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps, new ByteArrayDeserializer(), new ByteArrayDeserializer());
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps, new ByteArraySerializer(), new ByteArraySerializer())) {
            Set<TopicPartition> partitions = consumer.partitionsFor(Topics.REJECTED_EVENTS, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).collect(Collectors.toSet());
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofSeconds(1))) {
                    seen++;
                    RejectedEvent dead;
                    try {
                        dead = decoder.deserialize(r.topic(), r.value());
                    } catch (RuntimeException e) {
                        // written with another format (feedwatch.serde.factory differs?) or not by feedwatch: say so
                        undecodable++;
                        err.printf("redrive: cannot decode %s-%d@%d: %s%n", r.topic(), r.partition(), r.offset(), Main.oneLine(e));
                        continue;
                    }
                    if (!reasons.contains(dead.getReason()) || dead.getOriginalValue() == null) {
                        continue;
                    }
                    if (dead.getOriginalTruncated()) {
                        // a cut record would be a different, broken record: the whole one is still at its source
                        refused++;
                        err.printf("redrive: not re-driving %s-%d@%d: the dead letter kept only %d of the record's %d bytes;"
                                        + " the whole record is %s-%s@%s (SHA-256 %s)%n", r.topic(), r.partition(), r.offset(),
                                dead.getOriginalValue().remaining(), dead.getOriginalValueLength(), dead.getSourceTopic(),
                                dead.getSourcePartition(), dead.getSourceOffset(), dead.getOriginalValueSha256());
                        continue;
                    }
                    redriven++;
                    if (!dryRun) {
                        producer.send(new ProducerRecord<>(dead.getSourceTopic(), key(dead), DeadLetters.bytes(dead.getOriginalValue())));
                    }
                }
            }
            if (!dryRun) {
                producer.flush();
                consumer.commitSync();
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("redrive: %s read, %d %s (reasons %s)%s%s%n", Plural.of(seen, "dead letter"), redriven,
                dryRun ? "would be re-driven" : "re-driven", reasons,
                undecodable == 0 ? "" : ", " + undecodable + " could not be decoded (see above)",
                refused == 0 ? "" : ", " + refused + " refused: their original was cut (see above)");
        out.flush();
        err.flush();
        return undecodable == 0 && refused == 0 ? 0 : 1;
    }

    private static byte[] key(RejectedEvent dead) {
        if (dead.getParticipantId() != null) {
            return dead.getParticipantId().getBytes(StandardCharsets.UTF_8);
        }
        return dead.getOriginalKey() == null ? null : DeadLetters.bytes(dead.getOriginalKey());
    }
}
