package io.feedwatch.replay;

import io.feedwatch.app.FeedwatchConfig;
import java.time.Instant;
import java.util.List;

/** Deterministic replay of JSON-lines inputs through the production topology. */
public final class Replay {
    private Replay() {
    }

    /**
     * Replays enrollments, then events, in list order, with the event-time detection clock, then advances the clock to
     * {@code until} (null: the latest accepted event time).
     */
    public static ReplayResult run(List<String> participantLines, List<String> eventLines, Instant until, FeedwatchConfig config) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
