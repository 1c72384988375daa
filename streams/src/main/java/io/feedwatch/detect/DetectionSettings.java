package io.feedwatch.detect;

import io.feedwatch.app.FeedwatchConfig;
import java.time.Duration;
import java.time.Instant;

/** The detection parameters, read once from configuration (see feedwatch-defaults.properties for their meaning). */
public record DetectionSettings(Policy policy, Duration sessionMerge, Duration allowedLateness, Duration futureTolerance,
                                Duration punctuationInterval, DetectionClock clock) {

    /** {@code startedAt} anchors an accelerated clock; it is read by the caller, never here. */
    public static DetectionSettings from(FeedwatchConfig config, Instant startedAt) {
        return new DetectionSettings(
                Policy.parse(config.get("feedwatch.policy")),
                config.getDuration("feedwatch.detection.session.merge"),
                config.getDuration("feedwatch.detection.allowed.lateness"),
                config.getDuration("feedwatch.detection.future.tolerance"),
                config.getDuration("feedwatch.detection.punctuation.interval"),
                DetectionClock.fromConfig(config, startedAt));
    }

    public DetectionSettings withClock(DetectionClock newClock) {
        return new DetectionSettings(policy, sessionMerge, allowedLateness, futureTolerance, punctuationInterval, newClock);
    }
}
