package io.feedwatch.bench;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.processor.StateRestoreListener;

/** Runs a Kafka Streams application under the bench's watch: until it has processed a number of records, or restored its state. */
final class StreamsRuns {
    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

    private StreamsRuns() {
    }

    /** A started application, with the reading taken when it reached RUNNING. */
    record Running(KafkaStreams streams, Meter.Reading ready) {
    }

    /**
     * Starts the application and returns when it is RUNNING. The meter is read on the transition itself, so the measured
     * interval starts when processing can start (after the rebalance and any restore).
     */
    static Running start(Topology topology, Properties props, Meter meter, StateRestoreListener restoreListener) {
        KafkaStreams streams = new KafkaStreams(topology, props);
        CountDownLatch running = new CountDownLatch(1);
        AtomicReference<Meter.Reading> ready = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING && ready.compareAndSet(null, meter.read())) {
                running.countDown();
            } else if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.PENDING_ERROR) {
                running.countDown();
            }
        });
        streams.setUncaughtExceptionHandler(e -> {
            failure.compareAndSet(null, e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        if (restoreListener != null) {
            streams.setGlobalStateRestoreListener(restoreListener);
        }
        streams.start();
        try {
            if (!running.await(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS) || ready.get() == null) {
                close(streams);
                throw new IllegalStateException("Kafka Streams did not reach RUNNING (" + streams.state() + ")"
                        + (failure.get() == null ? "" : ": " + failure.get()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close(streams);
            throw new IllegalStateException("interrupted while starting Kafka Streams", e);
        }
        return new Running(streams, ready.get());
    }

    /** How far an application got. */
    record Progress(long processed, Meter.Span span, boolean complete) {
    }

    /**
     * Waits until the application has processed at least {@code records} input records (all its input), or until
     * {@code budget} (null: none) has passed since it became RUNNING, and returns the span from RUNNING to that moment.
     */
    static Progress awaitProcessed(Running app, long records, Duration budget, Meter meter, LongConsumer progress) {
        long deadline = budget == null ? Long.MAX_VALUE : app.ready().wallNanos() + budget.toNanos();
        while (true) {
            long done = processed(app.streams());
            progress.accept(done);
            if (done >= records || System.nanoTime() >= deadline) {
                Meter.Reading now = meter.read();
                return new Progress(Math.min(done, records), Meter.between(app.ready(), now), done >= records);
            }
            KafkaStreams.State state = app.streams().state();
            if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR || state == KafkaStreams.State.NOT_RUNNING) {
                throw new IllegalStateException("Kafka Streams stopped (" + state + ") after " + done + " of " + records + " records");
            }
            pause();
        }
    }

    /** Records the stream threads have processed: the sum of their {@code process-total} metrics. */
    static long processed(KafkaStreams streams) {
        double sum = 0;
        for (Map.Entry<MetricName, ? extends Metric> m : streams.metrics().entrySet()) {
            if (m.getKey().name().equals("process-total") && m.getKey().group().equals("stream-thread-metrics")) {
                sum += ((Number) m.getValue().metricValue()).doubleValue();
            }
        }
        return (long) sum;
    }

    /**
     * Closes the application and leaves its group at once: Kafka Streams otherwise keeps its membership until the session
     * times out (45 s), and the next start with the same application id (the restore measurement) would wait for that.
     */
    static void close(KafkaStreams streams) {
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(60)));
    }

    static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Times the restoration of every store: from the first store's start to the last one's end, and the records replayed. */
    static final class RestoreTimer implements StateRestoreListener {
        private final AtomicLong first = new AtomicLong(Long.MAX_VALUE);
        private final AtomicLong last = new AtomicLong(Long.MIN_VALUE);
        private final AtomicLong restored = new AtomicLong();

        @Override
        public void onRestoreStart(TopicPartition partition, String storeName, long startingOffset, long endingOffset) {
            first.accumulateAndGet(System.nanoTime(), Math::min);
        }

        @Override
        public void onBatchRestored(TopicPartition partition, String storeName, long batchEndOffset, long numRestored) {
            // totals arrive with onRestoreEnd
        }

        @Override
        public void onRestoreEnd(TopicPartition partition, String storeName, long totalRestored) {
            restored.addAndGet(totalRestored);
            last.accumulateAndGet(System.nanoTime(), Math::max);
        }

        Duration restoring() {
            return last.get() < first.get() ? Duration.ZERO : Duration.ofNanos(last.get() - first.get());
        }

        long records() {
            return restored.get();
        }
    }
}
