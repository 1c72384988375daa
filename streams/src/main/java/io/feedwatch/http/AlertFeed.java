package io.feedwatch.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.feedwatch.names.Topics;
import io.feedwatch.schemas.Case;
import io.feedwatch.schemas.StaffAlert;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes staff alerts and case records to connected dashboards as they are emitted: one consumer per server reads
 * {@code feedwatch.staff-alerts.v1} and {@code feedwatch.cases.v1} from their ends and hands each record to the
 * subscribers of its clinic (a case record: the clinic it is in now), as event "alert" or "case".
 *
 * <p>The consumer is assigned every partition rather than joining a group: there are no offsets to keep (a dashboard
 * loads the current list from the store, then follows the live records), no group is left behind on the broker, and
 * the start position is fixed before the first dashboard connects, instead of after a group join.
 */
public final class AlertFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlertFeed.class);

    /** One connected dashboard. Both calls return false once it has gone, and it is then dropped. */
    public interface Subscriber {
        boolean send(String event, String data);

        boolean ping();
    }

    private final Map<String, Set<Subscriber>> byClinic = new ConcurrentHashMap<>();
    private final Deserializer<StaffAlert> decoder;
    private final Deserializer<Case> cases;
    private final KafkaConsumer<String, byte[]> consumer;
    private final ObjectMapper json;
    private final Duration heartbeat;
    private final Thread thread;
    private volatile boolean running = true;

    private AlertFeed(KafkaConsumer<String, byte[]> consumer, Deserializer<StaffAlert> decoder, Deserializer<Case> cases, ObjectMapper json,
                      Duration heartbeat) {
        this.consumer = consumer;
        this.decoder = decoder;
        this.cases = cases;
        this.json = json;
        this.heartbeat = heartbeat;
        this.thread = new Thread(this::run, "feedwatch-alert-feed");
        this.thread.setDaemon(true);
    }

    /**
     * Positions a consumer at the end of every partition of the staff-alerts and cases topics, then follows them.
     *
     * @param client Kafka client settings (bootstrap servers, security)
     * @param decoder the staff-alert value deserializer of the configured serde factory
     * @param cases the case value deserializer of the configured serde factory
     * @param heartbeat how often an idle connection gets a comment, so that proxies keep it open and gone clients are noticed
     */
    public static AlertFeed start(Properties client, Deserializer<StaffAlert> decoder, Deserializer<Case> cases, ObjectMapper json,
                                  Duration heartbeat, Duration setupTimeout) {
        Properties props = new Properties();
        props.putAll(client);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(Topics.STAFF_ALERTS, Topics.CASES)) {
                List<TopicPartition> ofTopic = consumer.partitionsFor(topic, setupTimeout).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition()))
                        .toList();
                if (ofTopic.isEmpty()) {
                    throw new IllegalStateException("topic " + topic + " does not exist: create the topics first");
                }
                partitions.addAll(ofTopic);
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(p -> consumer.position(p, setupTimeout));
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
        AlertFeed feed = new AlertFeed(consumer, decoder, cases, json, heartbeat);
        feed.thread.start();
        return feed;
    }

    /** {@code subscriber} receives every alert and case record of {@code clinicId} from now on, as event "alert" or "case". */
    public void subscribe(String clinicId, Subscriber subscriber) {
        byClinic.computeIfAbsent(clinicId, c -> ConcurrentHashMap.newKeySet()).add(subscriber);
    }

    public void unsubscribe(String clinicId, Subscriber subscriber) {
        byClinic.computeIfPresent(clinicId, (c, set) -> {
            set.remove(subscriber);
            return set.isEmpty() ? null : set;
        });
    }

    private void run() {
        long lastPing = System.nanoTime();
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    dispatch(r);
                }
                if (System.nanoTime() - lastPing >= heartbeat.toNanos()) {
                    lastPing = System.nanoTime();
                    byClinic.forEach((clinic, subscribers) -> subscribers.removeIf(s -> !s.ping()));
                }
            }
        } catch (WakeupException e) {
            // close() asked us to stop
        } catch (RuntimeException e) {
            LOG.error("the live alert feed stopped; dashboards keep their lists but get no live updates", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void dispatch(ConsumerRecord<String, byte[]> r) {
        String clinicId;
        String event;
        String data;
        try {
            if (r.topic().equals(Topics.CASES)) {
                Case c = cases.deserialize(r.topic(), r.value());
                clinicId = c.getClinicId();
                event = "case";
                data = json.writeValueAsString(ApiJson.Case.of(c));
            } else {
                StaffAlert alert = decoder.deserialize(r.topic(), r.value());
                clinicId = alert.getClinicId();
                event = "alert";
                data = json.writeValueAsString(ApiJson.Alert.of(alert));
            }
        } catch (RuntimeException | JsonProcessingException e) {
            // a record this version cannot read is still in the topic and the analyst database; dashboards skip it
            LOG.warn("skipping unreadable record at {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
            return;
        }
        Set<Subscriber> subscribers = byClinic.get(clinicId);
        if (subscribers != null) {
            subscribers.removeIf(s -> !s.send(event, data));
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
