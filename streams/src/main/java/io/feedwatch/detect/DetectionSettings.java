package io.feedwatch.detect;

import io.feedwatch.app.FeedwatchConfig;
import java.time.Duration;
import java.time.Instant;

/** The detection parameters, read once from configuration (see feedwatch-defaults.properties for their meaning). */
public record DetectionSettings(Policy policy, Duration sessionMerge, Duration allowedLateness, Duration futureTolerance,
                                Duration eventIdRetention, Duration punctuationInterval, DetectionClock clock) {

    public DetectionSettings {
        if (eventIdRetention.compareTo(allowedLateness.plusHours(24)) < 0) {
            throw new io.feedwatch.app.ConfigException("feedwatch.detection.event-id.retention must be at least the allowed lateness + 24 h");
        }
    }

    /** {@code startedAt} anchors an accelerated clock; it is read by the caller, never here. */
    public static DetectionSettings from(FeedwatchConfig config, Instant startedAt) {
        return new DetectionSettings(
                Policy.parse(config.get("feedwatch.policy")),
                config.getDuration("feedwatch.detection.session.merge"),
                config.getDuration("feedwatch.detection.allowed.lateness"),
                config.getDuration("feedwatch.detection.future.tolerance"),
                config.getDuration("feedwatch.detection.event-id.retention"),
                config.getDuration("feedwatch.detection.punctuation.interval"),
                DetectionClock.fromConfig(config, startedAt));
    }

    public DetectionSettings withClock(DetectionClock newClock) {
        return new DetectionSettings(policy, sessionMerge, allowedLateness, futureTolerance, eventIdRetention, punctuationInterval, newClock);
    }
}
