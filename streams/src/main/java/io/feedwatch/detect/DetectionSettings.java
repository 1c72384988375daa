package io.feedwatch.detect;

import java.time.Duration;

/** The detection parameters, parsed from configuration by the application (see feedwatch-defaults.properties for their meaning). */
public record DetectionSettings(Policy policy, Duration sessionMerge, Duration allowedLateness, Duration futureTolerance,
                                Duration eventIdRetention, Duration punctuationInterval, DetectionClock clock) {

    public DetectionSettings {
        if (eventIdRetention.compareTo(allowedLateness.plusHours(24)) < 0) {
            throw new IllegalArgumentException("feedwatch.detection.event-id.retention must be at least the allowed lateness + 24 h");
        }
    }

    public DetectionSettings withClock(DetectionClock newClock) {
        return new DetectionSettings(policy, sessionMerge, allowedLateness, futureTolerance, eventIdRetention, punctuationInterval, newClock);
    }
}
