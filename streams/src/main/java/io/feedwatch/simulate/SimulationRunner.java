package io.feedwatch.simulate;

import io.feedwatch.names.Topics;
import io.feedwatch.schemas.FeedingEvent;
import io.feedwatch.schemas.Participant;
import io.feedwatch.schemas.serde.AvroSingleObjectSerde;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Plays a {@link Simulator} into Kafka on an {@link AcceleratedClock}: first every enrollment to {@link Topics#PARTICIPANTS},
 * then each record to {@link Topics#FEEDING_EVENTS} once the simulated clock has reached its send time (the history before
 * the origin therefore goes out at once), until the simulated end or {@link #stop()}. Keys are participant ids; values Avro
 * single-object bytes, or a dead letter's raw bytes. Single use; {@link #stop()} may be called from any thread.
 */
public final class SimulationRunner {
    /** Progress is also reported after this many records when the runner never has to wait (a backlog). */
    static final int REPORT_EVERY = 50_000;

    /** How the runner waits for simulated time to pass; tests advance a hand-set clock instead of sleeping. */
    @FunctionalInterface
    public interface Pacer {
        /**
         * Waits until {@code clock} shows {@code target} or later, or until {@code stop} reaches zero. May return early; the
         * runner checks the clock and asks again.
         */
        void await(AcceleratedClock clock, Instant target, CountDownLatch stop) throws InterruptedException;

        /** Sleeps on the stop latch, so that {@link #stop()} wakes it at once; at most {@code maxSleep} at a time. */
        static Pacer sleeping(Duration maxSleep) {
            return (clock, target, stop) -> {
                Duration wait = clock.wallTimeUntil(target);
                if (!wait.isZero()) {
                    stop.await(Math.min(wait.toNanos(), maxSleep.toNanos()), TimeUnit.NANOSECONDS);
                }
            };
        }
    }

    /** Receives progress on the runner's thread; keep it quick. */
    @FunctionalInterface
    public interface ProgressListener {
        void onProgress(Progress progress);
    }

    /** Where the run stands. */
    public enum State {
        RUNNING,
        /** The simulated clock reached the end. */
        FINISHED,
        /** {@link #stop()} was called first. */
        STOPPED
    }

    /**
     * Counts of what was handed to the producer so far.
     *
     * @param enrollments participant records
     * @param events first sendings of valid events
     * @param duplicates re-sent duplicates
     * @param deadLetters deliberately bad records
     * @param simulatedTime the simulated clock when the report was made
     * @param state whether the run goes on
     */
    public record Progress(long enrollments, long events, long duplicates, long deadLetters, Instant simulatedTime, State state) {
        /** Records sent to the feeding-events topic, of every kind. */
        public long feedingRecords() {
            return events + duplicates + deadLetters;
        }
    }

    private final Simulator simulator;
    private final AcceleratedClock clock;
    private final Producer<String, byte[]> producer;
    private final Instant end;
    private final Pacer pacer;
    private final ProgressListener listener;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final Serializer<Participant> participantSerializer = new AvroSingleObjectSerde<>(Participant.class).serializer();
    private final Serializer<FeedingEvent> eventSerializer = new AvroSingleObjectSerde<>(FeedingEvent.class).serializer();
    private boolean started;
    private long enrollments;
    private long events;
    private long duplicates;
    private long deadLetters;

    /**
     * @param end simulated instant at which the run ends (exclusive: records sent at or after it are not produced)
     * @param listener called after the enrollments, whenever the runner catches up with the clock, every
     *     {@value #REPORT_EVERY} records of a backlog, and once at the end
     */
    public SimulationRunner(Simulator simulator, AcceleratedClock clock, Producer<String, byte[]> producer, Instant end, Pacer pacer,
            ProgressListener listener) {
        this.simulator = Objects.requireNonNull(simulator, "simulator");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.producer = Objects.requireNonNull(producer, "producer");
        this.end = Objects.requireNonNull(end, "end");
        this.pacer = Objects.requireNonNull(pacer, "pacer");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** Asks a running {@link #run()} to return soon; what was handed to the producer is still flushed. */
    public void stop() {
        stop.countDown();
    }

    /**
     * Runs until the simulated end or {@link #stop()}, flushes the producer (which stays open; the caller owns it) and returns
     * the final counts.
     *
     * @throws KafkaException when the producer reported a failed send
     */
    public Progress run() throws InterruptedException {
        synchronized (this) {
            if (started) {
                throw new IllegalStateException("a SimulationRunner runs once");
            }
            started = true;
        }
        for (Participant p : simulator.participants()) {
            if (stopped()) {
                break;
            }
            send(Topics.PARTICIPANTS, p.getParticipantId(), participantSerializer.serialize(Topics.PARTICIPANTS, p));
            enrollments++;
        }
        // Enrollments first: a detection that saw events before the enrollment would dead-letter them as UNKNOWN_PARTICIPANT.
        producer.flush();
        checkFailure();
        Instant now = clock.instant();
        report(now, State.RUNNING);
        long reported = 0;
        Iterator<TimedEvent> it = simulator.events(simulator.historyStart(), end);
        while (!stopped() && it.hasNext()) {
            TimedEvent e = it.next();
            if (e.sendAt().isAfter(now)) {
                now = clock.instant();
                if (e.sendAt().isAfter(now)) {
                    if (sent() > reported) {
                        reported = sent();
                        report(now, State.RUNNING);
                    }
                    now = awaitSimulated(e.sendAt());
                    if (stopped()) {
                        break;
                    }
                }
            }
            byte[] value = e.event() != null ? eventSerializer.serialize(Topics.FEEDING_EVENTS, e.event()) : e.rawValue();
            send(Topics.FEEDING_EVENTS, e.key(), value);
            switch (e.kind()) {
                case EVENT -> events++;
                case DUPLICATE -> duplicates++;
                case DEAD_LETTER -> deadLetters++;
            }
            if (sent() - reported >= REPORT_EVERY) {
                reported = sent();
                report(now, State.RUNNING);
            }
        }
        if (!stopped()) {
            awaitSimulated(end);
        }
        producer.flush();
        checkFailure();
        Progress last = progress(clock.instant(), stopped() ? State.STOPPED : State.FINISHED);
        listener.onProgress(last);
        return last;
    }

    private Instant awaitSimulated(Instant target) throws InterruptedException {
        Instant now = clock.instant();
        while (now.isBefore(target) && !stopped()) {
            pacer.await(clock, target, stop);
            now = clock.instant();
        }
        return now;
    }

    private void send(String topic, String key, byte[] value) {
        checkFailure();
        // No record timestamp: the producer stamps wall-clock time. Simulated time runs ahead of the broker's clock, and
        // brokers reject timestamps more than message.timestamp.after.max.ms (1 h by default) in the future.
        producer.send(new ProducerRecord<>(topic, key, value), (metadata, exception) -> {
            if (exception != null) {
                failure.compareAndSet(null, exception);
            }
        });
    }

    private void checkFailure() {
        Exception e = failure.get();
        if (e != null) {
            throw new KafkaException("sending to Kafka failed: " + e.getMessage(), e);
        }
    }

    private boolean stopped() {
        return stop.getCount() == 0;
    }

    private long sent() {
        return events + duplicates + deadLetters;
    }

    private void report(Instant now, State state) {
        listener.onProgress(progress(now, state));
    }

    private Progress progress(Instant now, State state) {
        return new Progress(enrollments, events, duplicates, deadLetters, now, state);
    }
}
