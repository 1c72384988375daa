package io.feedwatch.app;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a stream task has read everything its input partitions hold. A task whose clock is its own (wall,
 * accelerated) reports alerts only then: after a start, a restore or a rebalance it first catches up to the end offsets
 * it sees, and a backfill already in Kafka is read whole before it can open an alert that its own later records would
 * withdraw.
 */
interface InputBacklog extends AutoCloseable {
    /**
     * @param partition the task's input partition (every input topic is partitioned alike)
     * @param next per input topic, the offset after the last record the task processed; absent before the first
     */
    boolean caughtUp(int partition, Map<String, Long> next);

    @Override
    default void close() {
    }

    /** No backlog to wait for: replay and tests, whose input is all there, and clocks that follow the data. */
    static InputBacklog none() {
        return (partition, next) -> true;
    }

    /**
     * Asks the brokers: the end offsets (last stable offset, so open transactions are not waited for) against the offsets
     * processed, or for a partition nothing was processed from yet, against where processing starts (the group's
     * committed offset, or the log start). A few requests per question; the question is asked only when a timer is due.
     */
    static InputBacklog admin(Properties adminProperties, String groupId, List<String> inputTopics) {
        return new AdminBacklog(Admin.create(adminProperties), groupId, inputTopics);
    }

    final class AdminBacklog implements InputBacklog {
        private static final Logger LOG = LoggerFactory.getLogger(AdminBacklog.class);
        private static final Duration TIMEOUT = Duration.ofSeconds(5);

        private final Admin admin;
        private final String groupId;
        private final List<String> topics;

        AdminBacklog(Admin admin, String groupId, List<String> topics) {
            this.admin = admin;
            this.groupId = groupId;
            this.topics = List.copyOf(topics);
        }

        @Override
        public boolean caughtUp(int partition, Map<String, Long> next) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            topics.forEach(t -> latest.put(new TopicPartition(t, partition), OffsetSpec.latest()));
            try {
                var ends = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                        .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                Map<TopicPartition, OffsetAndMetadata> committed = null;
                for (var e : ends.entrySet()) {
                    long end = e.getValue().offset();
                    Long position = next.get(e.getKey().topic());
                    if (position == null) {
                        if (committed == null) {
                            committed = admin.listConsumerGroupOffsets(groupId, new ListConsumerGroupOffsetsOptions())
                                    .partitionsToOffsetAndMetadata().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                        }
                        OffsetAndMetadata c = committed.get(e.getKey());
                        // without a commit, or past one that retention deleted, processing starts at the log start
                        long earliest = admin.listOffsets(Map.of(e.getKey(), OffsetSpec.earliest())).all()
                                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).get(e.getKey()).offset();
                        position = c == null ? earliest : Math.max(c.offset(), earliest);
                    }
                    if (position < end) {
                        return false;
                    }
                }
                return true;
            } catch (ExecutionException | TimeoutException e) {
                LOG.warn("cannot tell whether partition {} is caught up ({}); timers wait", partition, e.getMessage());
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        @Override
        public void close() {
            admin.close(TIMEOUT);
        }
    }
}
