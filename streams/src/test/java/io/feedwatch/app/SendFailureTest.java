package io.feedwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.feedwatch.broker.BrokerOptions;
import io.feedwatch.broker.EmbeddedBroker;
import io.feedwatch.config.FeedwatchConfig;
import io.feedwatch.names.Topics;
import io.feedwatch.schemas.RejectedEvent;
import io.feedwatch.testing.DeadLetterReader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A record the broker refuses to take fails the task; it is neither skipped nor blamed on the next record (issue 9).
 * Kafka Streams reports the refusal at the next send, inside the next record's processing: before, the processing
 * handler dead-lettered that next record as PROCESSING_ERROR with the first one's error, and both were lost. Its own
 * broker, because the app is made to fail on purpose.
 */
class SendFailureTest {
    @TempDir
    Path dir;

    @Test
    void aDeadLetterTheBrokerRefusesFailsTheTaskAndOnceTheLimitAllowsItNothingWasSkipped() {
        try (EmbeddedBroker broker = EmbeddedBroker.start(BrokerOptions.defaults())) {
            Properties plain = new Properties();
            plain.put("bootstrap.servers", broker.bootstrapServers());
            // one partition: the three records are processed in order by one task
            TopicSetup.ensureTopics(plain, 1, (short) 1, Duration.ofSeconds(60));
            FeedwatchConfig config = FeedwatchConfig.defaults().with(Map.of(
                    "bootstrap.servers", broker.bootstrapServers(),
                    "application.id", "send-failure-" + UUID.randomUUID(),
                    "state.dir", dir.toString(),
                    "commit.interval.ms", "100",
                    "feedwatch.topics.create", "false",
                    // a failed thread's consumer does not leave the group: its replacement waits for the session timeout
                    "consumer.session.timeout.ms", "6000",
                    "consumer.heartbeat.interval.ms", "1000",
                    // the dead letter of the first record (about 6 kB) is larger than the app's producer may send
                    "producer.max.request.size", "4096"));
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(plain, new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>(Topics.FEEDING_EVENTS, "p-a", "x".repeat(6_000)));
                producer.send(new ProducerRecord<>(Topics.FEEDING_EVENTS, "p-b", "{\"eventId\":\"b\",\"participantId\":\"p-b\"}"));
                producer.send(new ProducerRecord<>(Topics.FEEDING_EVENTS, "p-c", "{\"eventId\":\"c\",\"participantId\":\"p-c\"}"));
                producer.flush();
            }

            try (DeadLetterReader deadLetters = new DeadLetterReader(broker.bootstrapServers())) {
                try (FeedwatchApp app = FeedwatchApp.start(Wiring.from(config, Instant.EPOCH), null)) {
                    // the refused dead letter fails the task again after each restart from the last commit
                    await().atMost(Duration.ofSeconds(90)).until(() -> failedThreads(app.streams()) >= 2 || !deadLetters.poll().isEmpty());
                    assertThat(deadLetters.poll()).as("dead letters while the first one cannot be written").isEmpty();
                }

                try (FeedwatchApp app = FeedwatchApp.start(Wiring.from(config.with("producer.max.request.size", "1048576"), Instant.EPOCH), null)) {
                    await().atMost(Duration.ofSeconds(60)).until(() -> deadLetters.poll().size() >= 3);
                }
                assertThat(deadLetters.poll()).extracting(d -> d.getReason().name(), RejectedEvent::getSourceOffset).containsExactly(
                        tuple("MALFORMED", 0L), tuple("MISSING_FIELD", 1L), tuple("MISSING_FIELD", 2L));
            }
        }
    }

    private static double failedThreads(KafkaStreams streams) {
        return streams.metrics().entrySet().stream()
                .filter(e -> e.getKey().name().equals("failed-stream-threads"))
                .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
                .sum();
    }
}
