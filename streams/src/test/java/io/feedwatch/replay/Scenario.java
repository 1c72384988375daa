package io.feedwatch.replay;

import io.feedwatch.config.FeedwatchConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The input of one replay: enrollment lines and event lines, each in file order. */
final class Scenario {
    private final List<String> participantLines = new ArrayList<>();
    private final List<String> eventLines = new ArrayList<>();
    private final List<String> actionLines = new ArrayList<>();

    private Scenario() {
    }

    static Scenario scenario() {
        return new Scenario();
    }

    Scenario enrol(ParticipantLine... participants) {
        for (ParticipantLine p : participants) {
            participantLines.add(p.line());
        }
        return this;
    }

    /** A participant line verbatim, for lines the builder cannot express (not JSON at all). */
    Scenario participantLine(String raw) {
        participantLines.add(raw);
        return this;
    }

    Scenario events(EventLine... events) {
        for (EventLine e : events) {
            eventLines.add(e.line());
        }
        return this;
    }

    Scenario events(List<EventLine> events) {
        return events(events.toArray(EventLine[]::new));
    }

    /** An event line verbatim, for lines the builder cannot express (not JSON at all). */
    Scenario eventLine(String raw) {
        eventLines.add(raw);
        return this;
    }

    /** Staff action lines (JSON), replayed after the events. */
    Scenario actions(String... lines) {
        actionLines.addAll(List.of(lines));
        return this;
    }

    Outcome replayUntil(Instant until) {
        return new Outcome(Replay.run(List.copyOf(participantLines), List.copyOf(eventLines), List.copyOf(actionLines), until,
                FeedwatchConfig.defaults()));
    }

    /** Without --until: the clock ends at the latest accepted event time. */
    Outcome replayToLatestEvent() {
        return new Outcome(Replay.run(List.copyOf(participantLines), List.copyOf(eventLines), null, FeedwatchConfig.defaults()));
    }
}
