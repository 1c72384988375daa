package io.feedwatch.bench;

import io.feedwatch.names.Topics;
import io.feedwatch.schemas.AlertStatus;
import io.feedwatch.schemas.FeedingEvent;
import io.feedwatch.schemas.StaffAlert;
import io.feedwatch.schemas.serde.SerdeFactory;
import io.feedwatch.simulate.Simulator;
import io.feedwatch.simulate.TimedEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Produce-to-alert latency under open-loop load: simulated events are sent at a fixed rate whatever the application does
 * (so a slow application shows as latency, not as a slower sender), with {@link Probes} events mixed in, each of which
 * makes feedwatch emit one RESOLVED alert at once. Latency is from just before the probe's send to its alert arriving at
 * a read_committed consumer, on this JVM's monotonic clock. A warm-up at the same rate and without probes comes first:
 * in its first seconds the JIT compiler recompiled for the new load and took most of a core of the two.
 */
final class LatencyRun {
    /** Latency runs per bench (stages 5, 6a, 6b): each may use this share of the probes that were never used. */
    private static final int RUNS = 3;
    /** Probe rates: at least a few per second where probes become usable again quickly (small populations), at most a negligible share of the load. */
    private static final double MIN_PROBES_PER_SECOND = 20;
    private static final double MAX_PROBES_PER_SECOND = 200;
    private static final long MAX_LATENCY_MICROS = TimeUnit.MINUTES.toMicros(2);
    /** Pre-generated events per phase at most (about 200 bytes each). */
    private static final int MAX_PREPARED = 3_000_000;

    private static final Duration MAX_WARM_UP = Duration.ofSeconds(10);
    /**
     * The load's producer batches like Kafka Streams' own (feedwatch's default producer.linger.ms). At 1 ms the broker,
     * on the cores the application needs, took 0.52-0.59 of a core at half load and p99 was 4 to 12 times higher.
     * A probe's latency includes its wait in this batch.
     */
    private static final Duration SENDER_LINGER = Duration.ofMillis(5);

    private LatencyRun() {
    }

    /** The load before a measurement of {@code measured}: half as long, 10 s at most. */
    static Duration warmUp(Duration measured) {
        Duration half = measured.dividedBy(2);
        return half.compareTo(MAX_WARM_UP) < 0 ? half : MAX_WARM_UP;
    }

    /** One serialized event, ready to send. */
    record Prepared(String key, byte[] value, long sendAtMillis) {
    }

    /**
     * Continues a simulation past the workload, phase after phase, so that every phase's events come after everything any
     * application has seen (simulated time only moves forward), and remembers when each probe may be used again.
     */
    static final class Continuation {
        private final Simulator simulator;
        private Instant next;
        private final Deque<long[]> probes = new ArrayDeque<>(); // {probe number, usable from (simulated epoch ms)}
        private long probeSequence;
        private final int probeCount;

        Continuation(Simulator simulator, Instant from, int probes) {
            this.simulator = simulator;
            this.next = from;
            this.probeCount = probes;
            for (int i = 1; i <= probes; i++) {
                this.probes.add(new long[] {i, Long.MIN_VALUE});
            }
        }

        /** The next {@code count} events of the simulation, serialized. */
        List<Prepared> take(int count) {
            List<Prepared> out = new ArrayList<>(count);
            Iterator<TimedEvent> it = simulator.events(next, next.plus(Duration.ofDays(3650)));
            long last = next.toEpochMilli();
            while (out.size() < count && it.hasNext()) {
                TimedEvent e = it.next();
                out.add(new Prepared(e.key(), Workloads.serialize(e.event()), e.sendAt().toEpochMilli()));
                last = e.sendAt().toEpochMilli();
            }
            // the rest of that millisecond is skipped: the next phase must start strictly later
            next = Instant.ofEpochMilli(last + 1);
            return out;
        }

        /** A probe usable at simulated time {@code nowMillis}, or null; it becomes usable again after {@link Probes#REUSE_AFTER}. */
        FeedingEvent probe(long nowMillis) {
            long[] head = probes.peekFirst();
            if (head == null || head[1] > nowMillis) {
                return null;
            }
            probes.pollFirst();
            probes.addLast(new long[] {head[0], nowMillis + Probes.REUSE_AFTER.toMillis()});
            return Probes.event(Probes.id((int) head[0]), Instant.ofEpochMilli(nowMillis), ++probeSequence);
        }
    }

    /**
     * Sends {@code rate} events per second for the {@link #warmUp} and then for {@code duration} with probes (or until the
     * prepared events run out), then waits up to {@code drain} for the last probes' alerts.
     */
    static BenchResult.Latency run(String bootstrap, Continuation sim, double rate, Duration duration, Duration drain,
            Meter meter, LongConsumer progress) {
        Duration warmUp = warmUp(duration);
        List<Prepared> load = sim.take((int) Math.min(MAX_PREPARED, Math.ceil(rate * duration.plus(warmUp).toNanos() / 1e9)));
        Map<String, Long> pending = new ConcurrentHashMap<>();
        Histogram histogram = new Histogram(MAX_LATENCY_MICROS, 3);
        AtomicInteger received = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        KafkaConsumer<String, byte[]> consumer = alertConsumer(bootstrap);
        Thread reader = new Thread(() -> {
            Deserializer<StaffAlert> alerts = SerdeFactory.load(null).serde(StaffAlert.class).deserializer();
            try (consumer) {
                while (!stop.get()) {
                    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(20))) {
                        long arrived = System.nanoTime();
                        if (r.key() == null || !r.key().startsWith(Probes.PREFIX)) {
                            continue;
                        }
                        StaffAlert a = alerts.deserialize(r.topic(), r.value());
                        if (a.getStatus() != AlertStatus.RESOLVED || a.getResolvedAt() == null) {
                            continue;
                        }
                        Long sentAt = pending.remove(Probes.matchKey(a.getParticipantId(), a.getResolvedAt()));
                        if (sentAt != null) {
                            histogram.recordValue(Math.min(MAX_LATENCY_MICROS, (arrived - sentAt) / 1000));
                            received.incrementAndGet();
                        }
                    }
                }
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
            }
        }, "bench-alert-reader");
        reader.start();

        int probesSent = 0;
        long sent = 0;
        long sentBefore = 0;
        double seconds;
        Meter.Span busy;
        try (KafkaProducer<String, byte[]> producer = Workloads.producer(bootstrap, SENDER_LINGER)) {
            AtomicReference<Exception> sendFailure = new AtomicReference<>();
            long start = System.nanoTime();
            long measureFrom = start + warmUp.toNanos();
            long end = measureFrom + duration.toNanos();
            Meter.Reading measuring = null;
            double probeRate = Math.max(MIN_PROBES_PER_SECOND,
                    Math.min(MAX_PROBES_PER_SECOND, sim.probeCount / (double) RUNS / (duration.toNanos() / 1e9)));
            long probeInterval = (long) (TimeUnit.SECONDS.toNanos(1) / probeRate);
            long nextProbe = measureFrom;
            long simNow = Long.MIN_VALUE;
            int index = 0;
            long now = start;
            while (now < end && index < load.size()) {
                long due = (long) (rate * (now - start) / 1e9);
                while (sent < due && index < load.size()) {
                    Prepared p = load.get(index++);
                    producer.send(new ProducerRecord<>(Topics.FEEDING_EVENTS, p.key(), p.value()), (md, ex) -> {
                        if (ex != null) {
                            sendFailure.compareAndSet(null, ex);
                        }
                    });
                    simNow = Math.max(simNow, p.sendAtMillis());
                    sent++;
                }
                if (measuring == null && now >= measureFrom) {
                    measuring = meter.read();
                    sentBefore = sent;
                }
                if (now >= nextProbe && simNow != Long.MIN_VALUE) {
                    // a probe starts at the newest simulated instant sent: at or after its partition's event-time clock
                    FeedingEvent probe = sim.probe(simNow);
                    if (probe != null) {
                        pending.put(Probes.matchKey(probe.getParticipantId(), probe.getStartTime()), System.nanoTime());
                        producer.send(new ProducerRecord<>(Topics.FEEDING_EVENTS, probe.getParticipantId(), Workloads.serialize(probe)));
                        probesSent++;
                    }
                    nextProbe += probeInterval;
                }
                if (sendFailure.get() != null) {
                    throw new KafkaException("latency load failed: " + sendFailure.get().getMessage(), sendFailure.get());
                }
                progress.accept(sent);
                LockSupport.parkNanos(200_000);
                now = System.nanoTime();
            }
            if (measuring == null) {
                throw new IllegalStateException("the prepared load ran out during the warm-up");
            }
            seconds = (now - measureFrom) / 1e9;
            busy = Meter.between(measuring, meter.read());
            producer.flush();
        }
        long drainEnd = System.nanoTime() + drain.toNanos();
        while (!pending.isEmpty() && System.nanoTime() < drainEnd && failure.get() == null) {
            StreamsRuns.pause();
        }
        stop.set(true);
        try {
            reader.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure.get() != null) {
            throw new KafkaException("reading alerts failed: " + failure.get().getMessage(), failure.get());
        }
        return new BenchResult.Latency(rate, (sent - sentBefore) / seconds, seconds, probesSent, received.get(),
                millis(histogram, 50), millis(histogram, 99), millis(histogram, 99.9),
                histogram.getTotalCount() == 0 ? Double.NaN : histogram.getMaxValue() / 1000.0, busy.appCores(), busy.brokerCores(),
                Runtime.getRuntime().availableProcessors());
    }

    private static double millis(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1000.0;
    }

    /** Positioned at the current end of the staff-alert topic before any probe is sent. */
    private static KafkaConsumer<String, byte[]> alertConsumer(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-alerts-" + UUID.randomUUID());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // staff see what is committed: with exactly-once that includes the transaction commit
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> parts = c.partitionsFor(Topics.STAFF_ALERTS).stream()
                .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
        c.assign(parts);
        c.seekToEnd(parts);
        parts.forEach(c::position);
        return c;
    }
}
