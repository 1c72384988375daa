package io.feedwatch.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.feedwatch.app.TopicSetup;
import io.feedwatch.names.Topics;
import io.feedwatch.testing.SharedBroker;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SharedBroker.class)
class EmbeddedBrokerTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void createsEveryTopicOnceWithCompactionWhereNeeded(SharedBroker.Kafka kafka) throws Exception {
        TopicSetup.ensureTopics(kafka.clientProperties(), 3, (short) 1, TIMEOUT);
        TopicSetup.ensureTopics(kafka.clientProperties(), 3, (short) 1, TIMEOUT);

        try (Admin admin = Admin.create(kafka.clientProperties())) {
            Map<String, TopicDescription> topics = admin.describeTopics(Topics.ALL).allTopicNames().get();
            assertThat(topics).containsOnlyKeys(Topics.ALL);
            assertThat(topics.values()).allSatisfy(t -> assertThat(t.partitions()).hasSize(3));

            ConfigResource participants = new ConfigResource(ConfigResource.Type.TOPIC, Topics.PARTICIPANTS);
            ConfigResource events = new ConfigResource(ConfigResource.Type.TOPIC, Topics.FEEDING_EVENTS);
            Map<ConfigResource, Config> configs = admin.describeConfigs(List.of(participants, events)).all().get();
            assertThat(configs.get(participants).get(TopicConfig.CLEANUP_POLICY_CONFIG).value())
                    .isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
            assertThat(configs.get(events).get(TopicConfig.CLEANUP_POLICY_CONFIG).value())
                    .isEqualTo(TopicConfig.CLEANUP_POLICY_DELETE);
        }
    }

    @Test
    void deliversAProducedRecordToAConsumer(SharedBroker.Kafka kafka) throws Exception {
        TopicSetup.ensureTopics(kafka.clientProperties(), 3, (short) 1, TIMEOUT);
        // The broker is shared: a key of our own tells our record apart from other tests' records.
        String key = "round-trip-" + UUID.randomUUID();

        Properties producerProps = kafka.clientProperties();
        producerProps.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producerProps.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps)) {
            producer.send(new ProducerRecord<>(Topics.FEEDING_EVENTS, key, "hello")).get();
        }

        Properties consumerProps = kafka.clientProperties();
        consumerProps.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumerProps.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> ours = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.FEEDING_EVENTS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(TIMEOUT).pollInSameThread().until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (r.key().equals(key)) {
                        ours.add(r);
                    }
                });
                return !ours.isEmpty();
            });
        }
        assertThat(ours).singleElement().satisfies(r -> assertThat(r.value()).isEqualTo("hello"));
    }

    @Test
    void failsTopicSetupWithinItsTimeoutWhenNoBrokerAnswers() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        Properties props = new Properties();
        props.put("bootstrap.servers", "127.0.0.1:" + closedPort);

        assertThatThrownBy(() -> TopicSetup.ensureTopics(props, 3, (short) 1, Duration.ofSeconds(1)))
                .isInstanceOf(KafkaException.class)
                .hasMessageStartingWith("cannot list topics");
    }

    @Test
    void keepsItsDataOnlyWhenAskedAndStartsAgainOnIt() throws Exception {
        Path dataDir = null;
        try {
            try (EmbeddedBroker broker = EmbeddedBroker.start(
                    new BrokerOptions(0, 0, null, true, BrokerOptions.DEFAULT_HEAP))) {
                dataDir = broker.dataDir();
                assertThat(dataDir.getFileName().toString()).startsWith("feedwatch-broker-");
                assertThat(broker.bootstrapServers()).startsWith("127.0.0.1:");
                createTopic(broker, "lifecycle-probe");
            }
            assertThat(dataDir.resolve(EmbeddedBroker.KAFKA_LOGS).resolve("meta.properties")).isRegularFile();

            // Fresh free ports: the kept storage must not depend on the old ones.
            try (EmbeddedBroker again = EmbeddedBroker.start(
                    new BrokerOptions(0, 0, dataDir, false, BrokerOptions.DEFAULT_HEAP))) {
                assertThat(topicNames(again)).contains("lifecycle-probe");
            }
            assertThat(dataDir).doesNotExist();
        } finally {
            deleteIfLeft(dataDir);
        }
    }

    @Test
    void refusesATakenPortWithoutStartingAnything(@TempDir Path tmp) throws Exception {
        Path dataDir = tmp.resolve("broker");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            BrokerOptions options = new BrokerOptions(taken.getLocalPort(), 0, dataDir, false, BrokerOptions.DEFAULT_HEAP);

            assertThatThrownBy(() -> EmbeddedBroker.start(options))
                    .isInstanceOfSatisfying(BrokerStartException.class, e -> assertThat(e.reason())
                            .isEqualTo("port " + taken.getLocalPort() + " on 127.0.0.1 is already in use"));
        }
        assertThat(dataDir).doesNotExist();
    }

    @Test
    void refusesADataDirectoryWithSomeoneElsesFiles(@TempDir Path dataDir) throws Exception {
        Path notes = Files.writeString(dataDir.resolve("notes.txt"), "precious");
        BrokerOptions options = new BrokerOptions(0, 0, dataDir, false, BrokerOptions.DEFAULT_HEAP);

        assertThatThrownBy(() -> EmbeddedBroker.start(options))
                .isInstanceOf(BrokerStartException.class)
                .hasMessageContaining("notes.txt");
        assertThat(notes).hasContent("precious");
    }

    @Test
    void reportsABrokerJvmThatDiesWithTheTailOfItsLog(@TempDir Path tmp) {
        Path dataDir = tmp.resolve("broker");
        // The JVM refuses to start with a 1 KiB heap, which makes for a fast, deterministic broker failure.
        BrokerOptions options = new BrokerOptions(0, 0, dataDir, false, "1k");

        assertThatThrownBy(() -> EmbeddedBroker.start(options))
                .isInstanceOfSatisfying(BrokerStartException.class, e -> {
                    assertThat(e.reason()).isEqualTo("the broker process exited with code 1 while starting");
                    assertThat(e.logTail()).contains("Too small maximum heap");
                    assertThat(e.getMessage()).contains(e.reason(), e.logTail());
                });
        assertThat(dataDir).doesNotExist();
    }

    @Test
    void rejectsInvalidOptions() {
        assertThatThrownBy(() -> new BrokerOptions(70_000, 0, null, false, "512m"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("70000");
        assertThatThrownBy(() -> new BrokerOptions(9092, 9092, null, false, "512m"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must differ");
        assertThatThrownBy(() -> new BrokerOptions(0, 0, null, false, "lots"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'lots'");
        assertThat(BrokerOptions.defaults()).isEqualTo(new BrokerOptions(0, 0, null, false, "512m"));
    }

    private static void createTopic(EmbeddedBroker broker, String name) throws Exception {
        try (Admin admin = Admin.create(adminProps(broker))) {
            admin.createTopics(List.of(new NewTopic(name, 1, (short) 1))).all().get();
        }
    }

    private static Set<String> topicNames(EmbeddedBroker broker) throws Exception {
        try (Admin admin = Admin.create(adminProps(broker))) {
            return admin.listTopics().names().get();
        }
    }

    private static Properties adminProps(EmbeddedBroker broker) {
        Properties props = new Properties();
        props.put("bootstrap.servers", broker.bootstrapServers());
        return props;
    }

    private static void deleteIfLeft(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
