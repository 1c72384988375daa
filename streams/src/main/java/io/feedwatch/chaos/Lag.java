package io.feedwatch.chaos;

import io.feedwatch.names.Topics;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far the app's consumer group is behind on its input topics: end offset minus committed offset, summed. The input
 * topics are written without transactions, so their end offsets are exact targets (no transaction markers to skip).
 * Both answers are -1 when they cannot be known now (a broker down, the group's coordinator moving).
 */
final class Lag {
    private final Admin admin;
    private final String groupId;

    Lag(Admin admin, String groupId) {
        this.admin = admin;
        this.groupId = groupId;
    }

    long total() {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata().get();
            long lag = 0;
            for (Map.Entry<TopicPartition, Long> end : latest(Topics.INPUTS).entrySet()) {
                OffsetAndMetadata c = committed.get(end.getKey());
                lag += end.getValue() - (c == null ? 0 : c.offset());
            }
            return lag;
        } catch (ExecutionException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** End offsets of the given topics, summed: unchanged between two looks means nothing new was written. */
    long endOffsets(Collection<String> topics) {
        try {
            return latest(topics).values().stream().mapToLong(Long::longValue).sum();
        } catch (ExecutionException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private Map<TopicPartition, Long> latest(Collection<String> topics) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> specs = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get().forEach((topic, description) -> description.partitions()
                .forEach(p -> specs.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(specs).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }
}
