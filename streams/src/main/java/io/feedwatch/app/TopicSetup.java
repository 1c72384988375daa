package io.feedwatch.app;

import io.feedwatch.names.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates feedwatch's topics ({@link Topics#ALL}) where they are missing. Existing topics are left as they are. */
public final class TopicSetup {
    private static final Logger LOG = LoggerFactory.getLogger(TopicSetup.class);

    private TopicSetup() {
    }

    /**
     * Creates every topic of {@link Topics#ALL} that does not exist yet, the {@link Topics#COMPACTED} ones with
     * {@code cleanup.policy=compact}. Idempotent, also when another process creates the same topics concurrently.
     *
     * @param adminProps        Admin client configuration (at least {@code bootstrap.servers})
     * @param partitions        partitions of each new topic
     * @param replicationFactor replicas of each new topic (1 for the embedded broker)
     * @param timeout           for the whole operation
     * @throws KafkaException if the cluster cannot be reached or refuses a topic within {@code timeout}
     */
    public static void ensureTopics(Properties adminProps, int partitions, short replicationFactor, Duration timeout) {
        if (partitions < 1 || replicationFactor < 1) {
            throw new IllegalArgumentException("partitions and replication factor must be at least 1, got "
                    + partitions + " and " + replicationFactor);
        }
        Instant deadline = Instant.now().plus(timeout);
        try (Admin admin = Admin.create(adminProps)) {
            Set<String> existing = await(admin.listTopics(new ListTopicsOptions().timeoutMs(millisUntil(deadline))).names(),
                    deadline, "list topics");
            List<NewTopic> missing = Topics.ALL.stream()
                    .filter(topic -> !existing.contains(topic))
                    .map(topic -> newTopic(topic, partitions, replicationFactor))
                    .toList();
            if (missing.isEmpty()) {
                return;
            }
            Map<String, KafkaFuture<Void>> results = admin.createTopics(missing,
                    new CreateTopicsOptions().timeoutMs(millisUntil(deadline))).values();
            List<String> created = new ArrayList<>();
            for (NewTopic topic : missing) {
                try {
                    await(results.get(topic.name()), deadline, "create topic " + topic.name());
                    created.add(topic.name());
                } catch (KafkaException e) {
                    // Someone else created it after we listed the topics: that is what we wanted.
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            if (!created.isEmpty()) {
                LOG.info("Created topics {}", created);
            }
        }
    }

    private static NewTopic newTopic(String name, int partitions, short replicationFactor) {
        NewTopic topic = new NewTopic(name, partitions, replicationFactor);
        if (Topics.COMPACTED.contains(name)) {
            topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        }
        return topic;
    }

    private static <T> T await(KafkaFuture<T> future, Instant deadline, String what) {
        try {
            return future.get(Math.max(0, millisUntil(deadline)), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new KafkaException("cannot " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaException("cannot " + what + ": no answer from the cluster in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while trying to " + what, e);
        }
    }

    private static int millisUntil(Instant deadline) {
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, Duration.between(Instant.now(), deadline).toMillis()));
    }
}
