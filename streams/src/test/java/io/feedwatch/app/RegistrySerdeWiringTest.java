package io.feedwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.feedwatch.broker.BrokerOptions;
import io.feedwatch.broker.EmbeddedBroker;
import io.feedwatch.cli.Main;
import io.feedwatch.config.FeedwatchConfig;
import io.feedwatch.names.Topics;
import io.feedwatch.replay.Replay;
import io.feedwatch.replay.ReplayResult;
import io.feedwatch.schemas.DailyFeedingSummary;
import io.feedwatch.schemas.RejectedEvent;
import io.feedwatch.schemas.RejectionReason;
import io.feedwatch.schemas.serde.SerdeFactory;
import io.feedwatch.testing.RegistryLikeSerdeFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With a registry serde factory configured, every part of feedwatch writes and reads outputs in the registry's format:
 * the topology, the dead-letter handlers, replay, redrive and export all get their serdes from {@link Wiring}.
 */
class RegistrySerdeWiringTest {
    private static final Map<String, String> REGISTRY = Map.of(
            SerdeFactory.CONFIG_KEY, RegistryLikeSerdeFactory.class.getName(),
            RegistryLikeSerdeFactory.URL_KEY, "http://127.0.0.1:1");

    @TempDir
    Path dir;

    @Test
    void replayConfiguresTheFactoryBeforeAskingForSerdes() {
        String enrollment = """
                {"participantId":"p-1","clinicId":"c-1","infantBirthDate":"2026-02-25","timeZone":"UTC","monitoringStart":"2026-03-01T00:00:00Z"}""";
        String event = """
                {"eventId":"e-1","participantId":"p-1","type":"PUMP","startTime":"2026-03-01T08:00:00Z","volumeMl":80}""";

        ReplayResult registry = Replay.run(List.of(enrollment), List.of(event), null, FeedwatchConfig.defaults().with(REGISTRY));

        assertThat(registry).isEqualTo(Replay.run(List.of(enrollment), List.of(event), null, FeedwatchConfig.defaults()));
        assertThat(registry.dailySummaries()).hasSize(1);
    }

    @Test
    void deadLetterHandlersWriteWithTheConfiguredFactory() {
        Wiring wiring = Wiring.from(FeedwatchConfig.defaults().with(REGISTRY), Instant.EPOCH);
        @SuppressWarnings("unchecked")
        Map<String, Object> streamsConfig = (Map<String, Object>) (Map<?, ?>) wiring.streamsProperties();
        DeadLetterHandlers.Processing handler = new DeadLetterHandlers.Processing();
        handler.configure(streamsConfig);

        var response = handler.handleError(context(), new Record<>("k", "v", 0L), new IllegalStateException("boom"));

        byte[] value = response.deadLetterQueueRecords().get(0).value();
        assertThat(RegistryLikeSerdeFactory.isRegistryFormat(value)).isTrue();
        RejectedEvent dead = wiring.serdes().serde(RejectedEvent.class).deserializer().deserialize(Topics.REJECTED_EVENTS, value);
        assertThat(dead.getReason()).isEqualTo(RejectionReason.PROCESSING_ERROR);
        assertThat(dead.getMessage()).contains("boom");
    }

    @Test
    void redriveAndExportReadDeadLettersWrittenThroughARegistryFactory() throws Exception {
        Path config = dir.resolve("registry.properties");
        StringBuilder props = new StringBuilder();
        REGISTRY.forEach((k, v) -> props.append(k).append('=').append(v).append('\n'));
        Files.writeString(config, props.toString(), StandardCharsets.UTF_8);
        String pid = "p-registry";
        try (EmbeddedBroker broker = EmbeddedBroker.start(BrokerOptions.defaults())) {
            FeedwatchConfig cfg = FeedwatchConfig.load(config).with(Map.of(
                    "bootstrap.servers", broker.bootstrapServers(),
                    "application.id", "registry-" + UUID.randomUUID(),
                    "state.dir", dir.resolve("state").toString(),
                    "commit.interval.ms", "100"));
            Wiring wiring = Wiring.from(cfg, Instant.EPOCH);
            try (FeedwatchApp app = FeedwatchApp.start(wiring, null);
                 KafkaProducer<String, String> producer = new KafkaProducer<>(plain(broker), new StringSerializer(), new StringSerializer());
                 KafkaConsumer<String, byte[]> consumer = consumer(broker)) {
                consumer.subscribe(List.of(Topics.REJECTED_EVENTS, Topics.DAILY_SUMMARIES));
                List<Object> seen = new CopyOnWriteArrayList<>();
                var dead = wiring.serdes().serde(RejectedEvent.class).deserializer();
                var summary = wiring.serdes().serde(DailyFeedingSummary.class).deserializer();
                Runnable poll = () -> consumer.poll(Duration.ofMillis(200)).forEach(r ->
                        seen.add(r.topic().equals(Topics.REJECTED_EVENTS) ? dead.deserialize(r.topic(), r.value())
                                : summary.deserialize(r.topic(), r.value())));

                producer.send(new ProducerRecord<>(Topics.FEEDING_EVENTS, pid, """
                        {"eventId":"e-1","participantId":"%s","type":"PUMP","startTime":"2026-03-01T08:00:00Z","volumeMl":80}"""
                        .formatted(pid)));
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
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    int code = Main.execute(new String[] {"redrive", "--config", config.toString(), "--bootstrap-servers",
                            broker.bootstrapServers()}, new PrintWriter(out, true), new PrintWriter(err, true));
                    assertThat(code).as(err.toString()).isZero();
                    poll.run();
                    assertThat(seen).anySatisfy(o -> assertThat(o).isInstanceOf(DailyFeedingSummary.class));
                });
                assertThat(err.toString()).doesNotContain("cannot decode");
            }

            Path database = dir.resolve("export.duckdb");
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = Main.execute(new String[] {"export", "--once", "--config", config.toString(), "--bootstrap-servers",
                    broker.bootstrapServers(), "--database", database.toString()}, new PrintWriter(out, true), new PrintWriter(err, true));
            assertThat(code).as(err.toString()).isZero();
            assertThat(out.toString()).contains(" 0 skipped");
            try (var c = DriverManager.getConnection("jdbc:duckdb:" + database);
                 ResultSet rs = c.createStatement().executeQuery("SELECT reason FROM rejected_events WHERE participant_id = '" + pid + "'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("UNKNOWN_PARTICIPANT");
            }
        }
    }

    private static Properties plain(EmbeddedBroker broker) {
        Properties p = new Properties();
        p.put("bootstrap.servers", broker.bootstrapServers());
        return p;
    }

    private static KafkaConsumer<String, byte[]> consumer(EmbeddedBroker broker) {
        Properties p = plain(broker);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static ErrorHandlerContext context() {
        return new ErrorHandlerContext() {
            @Override
            public String topic() {
                return Topics.FEEDING_EVENTS;
            }

            @Override
            public int partition() {
                return 0;
            }

            @Override
            public long offset() {
                return 7;
            }

            @Override
            public Headers headers() {
                return new RecordHeaders();
            }

            @Override
            public String processorNodeId() {
                return "detect-supply-risk";
            }

            @Override
            public TaskId taskId() {
                return new TaskId(0, 0);
            }

            @Override
            public long timestamp() {
                return 0;
            }

            @Override
            public byte[] sourceRawKey() {
                return "k".getBytes(StandardCharsets.UTF_8);
            }

            @Override
            public byte[] sourceRawValue() {
                return "{}".getBytes(StandardCharsets.UTF_8);
            }
        };
    }
}
