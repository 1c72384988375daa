package io.feedwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.feedwatch.config.FeedwatchConfig;
import io.feedwatch.names.Topics;
import io.feedwatch.schemas.AlertStatus;
import io.feedwatch.schemas.AlertType;
import io.feedwatch.schemas.Resolution;
import io.feedwatch.schemas.StaffAlert;
import io.feedwatch.schemas.serde.AvroSingleObjectSerde;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The end-to-end path on a real broker: a participant who sends nothing gets an UNDER_FREQUENCY alert from the timers
 * alone, and a RESOLVED one when sessions arrive. The detection clock is accelerated from a fixed origin at speed 1, so
 * every instant in the scenario is fixed while the app still runs on its live wall-clock punctuator.
 */
final class QuietParticipantScenario {
    static final Instant ORIGIN = Instant.parse("2026-03-02T00:00:00Z");

    private QuietParticipantScenario() {
    }

    static void run(String bootstrapServers, Path stateDir) {
        String pid = "quiet-" + UUID.randomUUID();
        FeedwatchConfig config = FeedwatchConfig.defaults().with(java.util.Map.of(
                "bootstrap.servers", bootstrapServers,
                "application.id", "feedwatch-it-" + UUID.randomUUID(),
                "state.dir", stateDir.toString(),
                "feedwatch.clock", "accelerated",
                "feedwatch.clock.origin", ORIGIN.toString(),
                "feedwatch.clock.speed", "1",
                "feedwatch.detection.punctuation.interval", "PT0.2S",
                "commit.interval.ms", "100"));
        List<StaffAlert> alerts = new CopyOnWriteArrayList<>();
        try (FeedwatchApp app = FeedwatchApp.start(config);
             KafkaProducer<String, String> producer = producer(bootstrapServers);
             KafkaConsumer<String, byte[]> consumer = consumer(bootstrapServers)) {
            // enrolled two days before the origin: by the time the app starts she is long overdue, with no events at all
            producer.send(new ProducerRecord<>(Topics.PARTICIPANTS, pid, """
                    {"participantId":"%s","clinicId":"c-it","infantBirthDate":"2026-02-25","timeZone":"America/Chicago",
                     "monitoringStart":"2026-02-27T00:00:00Z"}""".formatted(pid)));
            producer.flush();
            consumer.subscribe(List.of(Topics.STAFF_ALERTS));
            var decoder = new AvroSingleObjectSerde<>(StaffAlert.class).deserializer();
            Runnable poll = () -> consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                if (pid.equals(r.key())) {
                    alerts.add(decoder.deserialize(r.topic(), r.value()));
                }
            });
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                poll.run();
                assertThat(alerts).anySatisfy(a -> {
                    assertThat(a.getType()).isEqualTo(AlertType.UNDER_FREQUENCY);
                    assertThat(a.getStatus()).isEqualTo(AlertStatus.OPEN);
                    assertThat(a.getRiskSince()).isEqualTo(Instant.parse("2026-02-28T00:00:00Z"));
                    assertThat(a.getObservedCount()).isZero();
                });
            });
            // sessions resume: eight, two hours apart, on 1 March
            for (int i = 0; i < 8; i++) {
                Instant start = Instant.parse("2026-03-01T01:00:00Z").plus(Duration.ofHours(2L * i));
                producer.send(new ProducerRecord<>(Topics.FEEDING_EVENTS, pid, """
                        {"eventId":"%s-%d","participantId":"%s","type":"BREASTFEED","startTime":"%s"}""".formatted(pid, i, pid, start)));
            }
            producer.flush();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                poll.run();
                assertThat(alerts).anySatisfy(a -> {
                    assertThat(a.getType()).isEqualTo(AlertType.UNDER_FREQUENCY);
                    assertThat(a.getStatus()).isEqualTo(AlertStatus.RESOLVED);
                    assertThat(a.getRiskSince()).isEqualTo(Instant.parse("2026-02-28T00:00:00Z"));
                    assertThat(a.getResolvedAt()).isEqualTo(Instant.parse("2026-03-01T15:00:00Z"));
                    assertThat(a.getResolution()).isEqualTo(Resolution.FREQUENCY_RECOVERED);
                });
            });
        }
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, byte[]> consumer(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(p, new StringDeserializer(), new org.apache.kafka.common.serialization.ByteArrayDeserializer());
    }
}
