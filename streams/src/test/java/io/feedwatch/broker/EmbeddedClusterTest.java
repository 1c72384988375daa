package io.feedwatch.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three nodes on 127.0.0.1: one quorum, 3 replicas and min.insync.replicas=2, so that an acknowledged write goes on
 * while any one node is dead, and the killed node comes back on its data.
 */
class EmbeddedClusterTest {
    @TempDir
    Path dir;

    @Test
    void threeNodesReplicateAndSurviveTheKillOfOne() throws Exception {
        Path data = dir.resolve("cluster");
        try (EmbeddedCluster cluster = EmbeddedCluster.start(3, new BrokerOptions(0, 0, data, false, "384m"))) {
            assertThat(cluster.size()).isEqualTo(3);
            assertThat(cluster.replicationFactor()).isEqualTo((short) 3);
            assertThat(cluster.bootstrapServers().split(",")).hasSize(3).allMatch(a -> a.startsWith("127.0.0.1:"));
            Properties client = new Properties();
            client.put("bootstrap.servers", cluster.bootstrapServers());
            try (Admin admin = Admin.create(client)) {
                assertThat(admin.describeCluster().nodes().get()).extracting(Node::id).containsExactlyInAnyOrder(1, 2, 3);
                // Asked of each node about itself: a topic's configs may be asked of a node that has not yet
                // replayed the topic's creation from the metadata log (UnknownTopicOrPartitionException).
                for (int node = 1; node <= 3; node++) {
                    ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, Integer.toString(node));
                    Config config = admin.describeConfigs(List.of(broker)).all().get().get(broker);
                    assertThat(config.get("min.insync.replicas").value()).as("node %d", node).isEqualTo("2");
                }
                admin.createTopics(List.of(new NewTopic("replicated", 1, (short) 3))).all().get();

                cluster.kill(1);
                assertThat(produce(cluster)).as("acks=all with one node of three dead").isTrue();
                cluster.restart(1);
                // the restarted node answers once the controller has unfenced it; the others may learn that a moment later
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                        assertThat(admin.describeCluster().nodes().get()).extracting(Node::id).containsExactlyInAnyOrder(1, 2, 3));
                TopicDescription description = admin.describeTopics(List.of("replicated")).allTopicNames().get().get("replicated");
                assertThat(description.partitions().get(0).replicas()).extracting(Node::id).containsExactlyInAnyOrder(1, 2, 3);
            }
            assertThat(Files.list(data).map(p -> p.getFileName().toString()).collect(Collectors.toSet()))
                    .isEqualTo(Set.of("node-1", "node-2", "node-3"));
        }
        assertThat(data).doesNotExist();
    }

    @Test
    void refusesADirectoryWithOtherFiles() throws Exception {
        Files.writeString(dir.resolve("thesis.tex"), "");
        assertThatThrownBy(() -> EmbeddedCluster.start(3, new BrokerOptions(0, 0, dir, false, "384m")))
                .isInstanceOf(BrokerStartException.class)
                .hasMessageContaining("thesis.tex");
    }

    private static boolean produce(EmbeddedCluster cluster) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            return producer.send(new ProducerRecord<>("replicated", "k", "v")).get() != null;
        }
    }
}
