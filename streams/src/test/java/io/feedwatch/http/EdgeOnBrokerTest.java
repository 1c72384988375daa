package io.feedwatch.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.feedwatch.app.TopicSetup;
import io.feedwatch.broker.BrokerOptions;
import io.feedwatch.broker.EmbeddedBroker;
import io.feedwatch.cli.Main;
import io.feedwatch.ingest.DeadLetters;
import io.feedwatch.ingest.Limits;
import io.feedwatch.ingest.Rejection;
import io.feedwatch.names.Topics;
import io.feedwatch.schemas.RejectedEvent;
import io.feedwatch.schemas.RejectionReason;
import io.feedwatch.schemas.serde.AvroSingleObjectSerde;
import io.feedwatch.testing.DeadLetterReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The edge on a real broker with its default limits (issue 9): every bad record reaches the dead-letter topic with its
 * reason, a 700 kB one included; {@code /metrics} counts exactly the topic's dead letters per reason; redrive refuses a
 * cut original; over HTTP, ids too long for the pipeline are final rejections, never a 503 to retry. Its own broker, so
 * that the dead-letter topic holds only what this test sent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EdgeOnBrokerTest {
    private static final Pattern REJECTED = Pattern.compile("^kafka_stream_feedwatch_events_rejected_total\\{([^}]*)}\\s+(\\S+)$", Pattern.MULTILINE);
    private static final Pattern REASON = Pattern.compile("reason=\"([A-Z_]+)\"");

    private EmbeddedBroker broker;
    private FeedwatchServer server;
    private ApiClient api;
    private Properties plain;

    @BeforeAll
    void start(@TempDir Path stateDir) {
        broker = EmbeddedBroker.start(BrokerOptions.defaults());
        plain = new Properties();
        plain.put("bootstrap.servers", broker.bootstrapServers());
        TopicSetup.ensureTopics(plain, 3, (short) 1, Duration.ofSeconds(60));
        server = FeedwatchServer.start(HttpApiTest.config(broker.bootstrapServers(), stateDir, "edge-on-broker-" + UUID.randomUUID()), false, null);
        api = new ApiClient("http://127.0.0.1:" + server.port(), null);
        await().atMost(Duration.ofSeconds(60)).until(() -> api.get("/ready").status() == 200);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void metricsCountExactlyTheDeadLettersOfEachReason() {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(plain, new StringSerializer(), new ByteArraySerializer())) {
            send(producer, Topics.PARTICIPANTS, "p-1", HttpApiTest.enrollment("p-1", "c-1"));
            send(producer, Topics.PARTICIPANTS, "p-2", HttpApiTest.enrollment("p-2", "c-1").replace("UTC", "Mars/Olympus"));
            send(producer, Topics.PARTICIPANTS, "p-3", "{");
            producer.flush();
            // FUTURE_TIMESTAMP is judged after the roster: p-1 must be enrolled first
            await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/v1/participants/p-1/status").status() == 200);

            send(producer, Topics.FEEDING_EVENTS, "p-1", "oops");
            send(producer, Topics.FEEDING_EVENTS, "p-1", "[1]");
            send(producer, Topics.FEEDING_EVENTS, "p-1", "{\"eventId\":\"e-1\",\"participantId\":\"p-1\"}");
            send(producer, Topics.FEEDING_EVENTS, "p-1", HttpApiTest.event("e-2", "p-1", "2026-03-01T08:00:00Z").replace("BREASTFEED", "NAP"));
            send(producer, Topics.FEEDING_EVENTS, "p-other", HttpApiTest.event("e-3", "p-1", "2026-03-01T08:00:00Z"));
            // 700 kB: its dead letter used to be 1.4 MB, more than the broker takes, and it vanished
            send(producer, Topics.FEEDING_EVENTS, "p-1", HttpApiTest.event("e-4", "p-1", "2026-03-01T08:00:00Z")
                    .replace("}", ",\"note\":\"" + "n".repeat(700_000) + "\"}"));
            send(producer, Topics.FEEDING_EVENTS, "p-404", HttpApiTest.event("e-5", "p-404", "2026-03-01T08:00:00Z"));
            send(producer, Topics.FEEDING_EVENTS, "p-405", HttpApiTest.event("e-6", "p-405", "2026-03-01T09:00:00Z"));
            // later than the server's clock (the app runs on the machine's), whatever recordedAt says
            send(producer, Topics.FEEDING_EVENTS, "p-1", HttpApiTest.event("e-7", "p-1", "2199-03-01T12:00:00Z")
                    .replace("}", ",\"recordedAt\":\"2199-03-01T12:00:00Z\"}"));
            send(producer, Topics.FEEDING_EVENTS, "p-1", HttpApiTest.event("e-8", "p-1", "2026-03-01T12:00:00Z"));
        }
        Map<String, Long> expected = new TreeMap<>(Map.of("MALFORMED", 3L, "MISSING_FIELD", 1L, "INVALID_VALUE", 4L,
                "UNKNOWN_PARTICIPANT", 2L, "FUTURE_TIMESTAMP", 1L));

        try (DeadLetterReader deadLetters = new DeadLetterReader(broker.bootstrapServers())) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(countByReason(fromTheApp(deadLetters.poll())))
                    .isEqualTo(expected));
            // the binder registers a new counter within 5 s of its first occurrence
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(metricsByReason()).isEqualTo(expected));
            assertThat(fromTheApp(deadLetters.poll())).filteredOn(RejectedEvent::getOriginalTruncated).singleElement()
                    .satisfies(d -> assertThat(d.getOriginalValueLength()).isGreaterThan(700_000))
                    .satisfies(d -> assertThat(d.getMessage()).startsWith("the record is"));
        }
    }

    @Test
    void redriveRefusesADeadLetterWhoseOriginalWasCutAndSaysSo() throws Exception {
        String target = "redrive-target-" + UUID.randomUUID();
        try (Admin admin = Admin.create(plain)) {
            admin.createTopics(List.of(new NewTopic(target, 1, (short) 1))).all().get();
        }
        byte[] whole = "{\"eventId\":\"w\"}".getBytes(StandardCharsets.UTF_8);
        byte[] big = ("{\"eventId\":\"big\",\"note\":\"" + "n".repeat(100_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        var serializer = new AvroSingleObjectSerde<>(RejectedEvent.class).serializer();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(plain, new StringSerializer(), new ByteArraySerializer())) {
            // TOO_LATE: a reason the app in this test never gives, so that only these two are re-driven
            for (byte[] value : List.of(big, whole)) {
                RejectedEvent dead = DeadLetters.of(new Rejection(RejectionReason.TOO_LATE, "late"), target, 0, 3L,
                        "p-9".getBytes(StandardCharsets.UTF_8), value, "p-9", null, Instant.parse("2026-03-01T00:00:00Z"));
                producer.send(new ProducerRecord<>(Topics.REJECTED_EVENTS, "p-9", serializer.serialize(Topics.REJECTED_EVENTS, dead)));
            }
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int code = Main.execute(new String[] {"redrive", "--bootstrap-servers", broker.bootstrapServers(), "--reason", "TOO_LATE",
                "--group", "redrive-" + UUID.randomUUID()}, new PrintWriter(out, true), new PrintWriter(err, true));

        assertThat(code).isEqualTo(1);
        assertThat(out.toString()).contains("1 re-driven").contains("1 refused: their original was cut");
        assertThat(err.toString()).contains("not re-driving").contains("kept only " + Limits.DEAD_LETTER_VALUE_BYTES + " of the record's "
                + big.length + " bytes").contains(target + "-0@3");
        try (TopicReader reader = new TopicReader(broker.bootstrapServers(), target, "p-9")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> !reader.poll().isEmpty());
            assertThat(reader.poll()).singleElement().isEqualTo(whole);
        }
    }

    @Test
    void aMillionCharacterIdOverHttpIsAFinalRejectionNeverARetry() {
        String huge = "p".repeat(1_000_000);
        ApiClient.Response post = api.post("/api/v1/events", HttpApiTest.event("e-1", huge, "2026-03-01T08:00:00Z"));

        assertThat(post.status()).isEqualTo(200);
        assertThat(post.headers().firstValue("Retry-After")).isEmpty();
        assertThat(post.json().get("results").get(0).get("status").asText()).isEqualTo("rejected");
        assertThat(post.json().get("results").get(0).get("reason").asText()).isEqualTo("INVALID_VALUE");

        ApiClient.Response put = api.put("/api/v1/participants/p-big", HttpApiTest.enrollment("p-big", "c".repeat(1_000_000)));
        assertThat(put.status()).isEqualTo(400);
        assertThat(put.json().get("error").asText()).isEqualTo("INVALID_VALUE");
    }

    private static void send(KafkaProducer<String, byte[]> producer, String topic, String key, String value) {
        producer.send(new ProducerRecord<>(topic, key, value.getBytes(StandardCharsets.UTF_8)));
    }

    /** The app's own dead letters (the redrive test writes some by hand). */
    private static List<RejectedEvent> fromTheApp(List<RejectedEvent> deadLetters) {
        Set<String> inputs = Set.of(Topics.FEEDING_EVENTS, Topics.PARTICIPANTS);
        return deadLetters.stream().filter(d -> inputs.contains(d.getSourceTopic())).toList();
    }

    private static Map<String, Long> countByReason(List<RejectedEvent> deadLetters) {
        Map<String, Long> counts = new TreeMap<>();
        deadLetters.forEach(d -> counts.merge(d.getReason().name(), 1L, Long::sum));
        return counts;
    }

    /** kafka_stream_feedwatch_events_rejected_total summed over tasks and threads, per reason. */
    private Map<String, Long> metricsByReason() {
        Map<String, Long> counts = new TreeMap<>();
        Matcher m = REJECTED.matcher(api.get("/metrics").body());
        while (m.find()) {
            Matcher reason = REASON.matcher(m.group(1));
            assertThat(reason.find()).as(m.group()).isTrue();
            counts.merge(reason.group(1), (long) Double.parseDouble(m.group(2)), Long::sum);
        }
        return counts;
    }
}
