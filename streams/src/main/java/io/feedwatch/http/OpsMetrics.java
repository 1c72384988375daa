package io.feedwatch.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.streams.KafkaStreams;

/**
 * What {@code /metrics} shows, in Prometheus text format: every Kafka Streams metric, including feedwatch's own sensors
 * (events accepted, rejected by reason, alerts by status, punctuation time; see FeedwatchMetrics), through Micrometer's
 * Kafka Streams binder, plus the HTTP ingest outcomes and basic JVM figures.
 */
final class OpsMetrics implements AutoCloseable {
    /**
     * How often the binder looks for Kafka metrics registered since: feedwatch's sensors appear with the first event or
     * alert of a task, and the binder's default of a minute would hide them that long.
     */
    private static final Duration REFRESH = Duration.ofSeconds(5);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "feedwatch-metrics-refresh");
        t.setDaemon(true);
        return t;
    });
    private KafkaStreamsMetrics streamsMetrics;

    OpsMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    synchronized void bind(KafkaStreams streams) {
        streamsMetrics = new KafkaStreamsMetrics(streams, Tags.empty(), refresher, REFRESH);
        streamsMetrics.bindTo(registry);
    }

    /** One event answered by {@code POST /api/v1/events}: outcome accepted, rejected (with its reason) or failed. */
    void httpEvent(String outcome, String reason) {
        Counter.builder("feedwatch.http.events")
                .description("Events received over HTTP, by outcome (and rejection reason)")
                .tags("outcome", outcome, "reason", reason == null ? "" : reason)
                .register(registry)
                .increment();
    }

    String scrape() {
        return registry.scrape();
    }

    @Override
    public synchronized void close() {
        if (streamsMetrics != null) {
            streamsMetrics.close();
        }
        refresher.shutdownNow();
        registry.close();
    }
}
