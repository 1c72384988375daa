package io.feedwatch.bench;

import io.feedwatch.names.Topics;
import io.feedwatch.schemas.FeedingEvent;
import io.feedwatch.schemas.Participant;
import io.feedwatch.schemas.serde.AvroSingleObjectSerde;
import io.feedwatch.simulate.SimulationSettings;
import io.feedwatch.simulate.Simulator;
import io.feedwatch.simulate.TimedEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Generates a seeded workload with the {@link Simulator} and produces it to the feedwatch topics. */
final class Workloads {
    private static final Serializer<FeedingEvent> EVENTS = new AvroSingleObjectSerde<>(FeedingEvent.class).serializer();
    private static final Serializer<Participant> PARTICIPANTS = new AvroSingleObjectSerde<>(Participant.class).serializer();

    private Workloads() {
    }

    static Simulator simulator(BenchPlan plan, int participants) {
        return new Simulator(SimulationSettings.of(plan.seed(), participants, plan.atRiskShare(), plan.origin()));
    }

    /** What was produced. */
    record Loaded(long enrollments, long events, long eventBytes) {
    }

    /**
     * Produces every enrollment (the simulated ones, then {@code extra}), then every feeding event sent in [from, to), in
     * send order. Returns once everything is acknowledged.
     *
     * @param progress told the number of events produced so far, now and then
     */
    static Loaded load(String bootstrap, Simulator simulator, List<Participant> extra, Instant from, Instant to,
            LongConsumer progress) {
        AtomicReference<Exception> failure = new AtomicReference<>();
        long enrollments = 0;
        long events = 0;
        long bytes = 0;
        try (KafkaProducer<String, byte[]> producer = producer(bootstrap, Duration.ofMillis(20))) {
            for (Participant p : simulator.participants()) {
                send(producer, Topics.PARTICIPANTS, p.getParticipantId(), PARTICIPANTS.serialize(Topics.PARTICIPANTS, p), failure);
                enrollments++;
            }
            for (Participant p : extra) {
                send(producer, Topics.PARTICIPANTS, p.getParticipantId(), PARTICIPANTS.serialize(Topics.PARTICIPANTS, p), failure);
                enrollments++;
            }
            // enrollments first, and acknowledged: detection dead-letters events of participants it does not know yet
            producer.flush();
            Iterator<TimedEvent> it = simulator.events(from, to);
            while (it.hasNext()) {
                TimedEvent e = it.next();
                byte[] value = EVENTS.serialize(Topics.FEEDING_EVENTS, e.event());
                send(producer, Topics.FEEDING_EVENTS, e.key(), value, failure);
                events++;
                bytes += e.key().length() + value.length;
                if (events % 50_000 == 0) {
                    progress.accept(events);
                }
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new KafkaException("loading the workload failed: " + failure.get().getMessage(), failure.get());
        }
        progress.accept(events);
        return new Loaded(enrollments, events, bytes);
    }

    private static void send(KafkaProducer<String, byte[]> producer, String topic, String key, byte[] value,
            AtomicReference<Exception> failure) {
        if (failure.get() != null) {
            throw new KafkaException("loading the workload failed: " + failure.get().getMessage(), failure.get());
        }
        producer.send(new ProducerRecord<>(topic, key, value), (md, ex) -> {
            if (ex != null) {
                failure.compareAndSet(null, ex);
            }
        });
    }

    /** An idempotent producer (acks=all), batching for {@code linger}. */
    static KafkaProducer<String, byte[]> producer(String bootstrap, Duration linger) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, (int) linger.toMillis());
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    static byte[] serialize(FeedingEvent e) {
        return EVENTS.serialize(Topics.FEEDING_EVENTS, e);
    }
}
