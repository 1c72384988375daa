package io.feedwatch.app;

import io.feedwatch.schemas.AlertStatus;
import io.feedwatch.schemas.RejectionReason;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.CumulativeCount;
import org.apache.kafka.common.metrics.stats.Rate;
import org.apache.kafka.common.metrics.stats.WindowedCount;
import org.apache.kafka.streams.StreamsMetrics;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * feedwatch's own counters, registered as Kafka Streams custom sensors (scope {@value #SCOPE}, one entity per task), so
 * they appear in {@code KafkaStreams.metrics()}, JMX and any Micrometer binder next to Kafka's own: events accepted,
 * events rejected by reason, alerts by status, and punctuation time.
 */
public final class FeedwatchMetrics {
    public static final String SCOPE = "feedwatch";
    /** Kafka Streams' metric group for custom sensors of {@link #SCOPE}. */
    private static final String GROUP = "stream-" + SCOPE + "-metrics";

    private final StreamsMetrics metrics;
    private final String entity;
    private final Map<RejectionReason, Sensor> rejected = new EnumMap<>(RejectionReason.class);
    private final Map<AlertStatus, Sensor> alerts = new EnumMap<>(AlertStatus.class);
    private final Map<io.feedwatch.schemas.CaseChange, Sensor> changes = new EnumMap<>(io.feedwatch.schemas.CaseChange.class);
    private Sensor notifications;
    private Sensor accepted;
    private Sensor duplicates;
    private Sensor punctuation;

    public FeedwatchMetrics(ProcessorContext<?, ?> context) {
        this.metrics = context.metrics();
        this.entity = "task-" + context.taskId();
    }

    public void accepted() {
        if (accepted == null) {
            accepted = metrics.addRateTotalSensor(SCOPE, entity, "events-accepted", Sensor.RecordingLevel.INFO);
        }
        accepted.record();
    }

    /** An event whose id the participant's duplicate window held: ignored, the first copy won. */
    public void duplicate() {
        if (duplicates == null) {
            duplicates = metrics.addRateTotalSensor(SCOPE, entity, "events-duplicate", Sensor.RecordingLevel.INFO);
        }
        duplicates.record();
    }

    /**
     * One sensor per reason. Kafka names a custom sensor after its scope, entity and operation only, not its tags, so
     * {@code addRateTotalSensor(..., "reason", r)} returned the same sensor for every reason, with every reason's metrics
     * on it: each reason counted all of them. The metrics keep the names addRateTotalSensor gives them (group
     * stream-feedwatch-metrics, events-rejected-rate and -total, tags thread-id, feedwatch-id, reason).
     */
    public void rejected(RejectionReason reason) {
        rejected.computeIfAbsent(reason, r -> {
            String thread = Thread.currentThread().getName();
            Sensor sensor = metrics.addSensor(thread + "." + SCOPE + "." + entity + ".events-rejected." + r.name(), Sensor.RecordingLevel.INFO);
            Map<String, String> tags = Map.of("thread-id", thread, SCOPE + "-id", entity, "reason", r.name());
            sensor.add(new MetricName("events-rejected-rate", GROUP, "The average number of events rejected per second, by reason", tags),
                    new Rate(TimeUnit.SECONDS, new WindowedCount()));
            sensor.add(new MetricName("events-rejected-total", GROUP, "The total number of events rejected, by reason", tags),
                    new CumulativeCount());
            return sensor;
        }).record();
    }

    public void alert(AlertStatus status) {
        alerts.computeIfAbsent(status, s -> metrics.addRateTotalSensor(SCOPE, entity, "alerts-" + s.name().toLowerCase(java.util.Locale.ROOT),
                Sensor.RecordingLevel.INFO)).record();
    }

    /** A case record emitted; staff notifications are counted apart. */
    public void caseRecord(io.feedwatch.schemas.Case c) {
        changes.computeIfAbsent(c.getChange(), ch -> metrics.addRateTotalSensor(SCOPE, entity, "cases-" + ch.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                Sensor.RecordingLevel.INFO)).record();
        if (c.getNotification() != null) {
            if (notifications == null) {
                notifications = metrics.addRateTotalSensor(SCOPE, entity, "staff-notifications", Sensor.RecordingLevel.INFO);
            }
            notifications.record();
        }
    }

    /** Records one punctuation's duration in milliseconds (the sensor's avg/max are in ms). */
    public void punctuation(Duration took) {
        if (punctuation == null) {
            punctuation = metrics.addLatencyRateTotalSensor(SCOPE, entity, "punctuation", Sensor.RecordingLevel.INFO);
        }
        punctuation.record(took.toNanos() / 1_000_000.0);
    }
}
