package io.feedwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.feedwatch.app.FeedwatchApp;
import io.feedwatch.config.FeedwatchConfig;
import io.feedwatch.names.Topics;
import io.feedwatch.schemas.DailyFeedingSummary;
import io.feedwatch.schemas.RejectedEvent;
import io.feedwatch.schemas.RejectionReason;
import io.feedwatch.schemas.serde.AvroSingleObjectSerde;
import io.feedwatch.testing.SharedBroker;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** An event that arrived before its enrollment is dead-lettered, and accepted once re-driven after the enrollment. */
@ExtendWith(SharedBroker.class)
class RedriveCommandTest {
    @TempDir
    Path stateDir;

    @Test
    void unknownParticipantEventIsAcceptedAfterEnrollmentAndRedrive(SharedBroker.Kafka kafka) {
        String pid = "redrive-" + UUID.randomUUID();
        FeedwatchConfig config = FeedwatchConfig.defaults().with(Map.of(
                "bootstrap.servers", kafka.bootstrapServers(),
                "application.id", "feedwatch-redrive-" + UUID.randomUUID(),
                "state.dir", stateDir.toString(),
                "commit.interval.ms", "100"));
        Properties cp = kafka.clientProperties();
        try (FeedwatchApp app = FeedwatchApp.start(config);
             KafkaProducer<String, String> producer = new KafkaProducer<>(kafka.clientProperties(), new StringSerializer(), new StringSerializer());
             KafkaConsumer<String, byte[]> consumer = consumer(cp)) {
            consumer.subscribe(List.of(Topics.REJECTED_EVENTS, Topics.DAILY_SUMMARIES));
            List<Object> seen = new CopyOnWriteArrayList<>();
            var dead = new AvroSingleObjectSerde<>(RejectedEvent.class).deserializer();
            var summary = new AvroSingleObjectSerde<>(DailyFeedingSummary.class).deserializer();
            Runnable poll = () -> consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                if (r.topic().equals(Topics.REJECTED_EVENTS)) {
                    RejectedEvent d = dead.deserialize(r.topic(), r.value());
                    if (pid.equals(d.getParticipantId())) {
                        seen.add(d);
                    }
                } else if (r.key().startsWith(pid)) {
                    seen.add(summary.deserialize(r.topic(), r.value()));
                }
            });

            producer.send(new ProducerRecord<>(Topics.FEEDING_EVENTS, pid, """
                    {"eventId":"%s-e1","participantId":"%s","type":"PUMP","startTime":"2026-03-01T08:00:00Z","volumeMl":80}"""
                    .formatted(pid, pid)));
            producer.flush();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                poll.run();
                assertThat(seen).anySatisfy(o -> assertThat(((RejectedEvent) o).getReason()).isEqualTo(RejectionReason.UNKNOWN_PARTICIPANT));
            });

            producer.send(new ProducerRecord<>(Topics.PARTICIPANTS, pid, """
                    {"participantId":"%s","clinicId":"c-1","infantBirthDate":"2026-02-25","timeZone":"UTC","monitoringStart":"2026-03-01T00:00:00Z"}"""
                    .formatted(pid)));
            producer.flush();
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            // the enrollment must be applied before the re-driven event arrives; redrive until it is accepted
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                int code = Main.execute(new String[] {"redrive", "--bootstrap-servers", kafka.bootstrapServers(), "--group", "redrive-" + pid},
                        new PrintWriter(out, true), new PrintWriter(err, true));
                assertThat(code).as(err.toString()).isZero();
                poll.run();
                assertThat(seen).anySatisfy(o -> {
                    assertThat(o).isInstanceOf(DailyFeedingSummary.class);
                    assertThat(((DailyFeedingSummary) o).getExpressedMl()).isEqualTo(80.0);
                });
            });
            assertThat(out.toString()).contains("re-driven");
        }
    }

    private static KafkaConsumer<String, byte[]> consumer(Properties base) {
        Properties p = (Properties) base.clone();
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
