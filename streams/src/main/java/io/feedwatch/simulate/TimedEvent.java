package io.feedwatch.simulate;

import io.feedwatch.schemas.FeedingEvent;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * One record the simulated apps and devices send, and when they send it.
 *
 * @param sendAt simulated instant at which the record is sent: the event's recordedAt, later for a re-sent duplicate
 * @param key record key, the participant id
 * @param kind whether this is a first sending, a re-sent duplicate or a deliberately bad record
 * @param event the event, or null when {@code rawValue} is set
 * @param rawValue a deliberately undecodable payload (sent as-is), or null when {@code event} is set
 */
public record TimedEvent(Instant sendAt, String key, Kind kind, FeedingEvent event, byte[] rawValue) {
    /** Why a record is sent. */
    public enum Kind {
        /** The first sending of a valid event. */
        EVENT,
        /** A re-sending of an earlier EVENT with the same eventId and content, as an app retrying an upload would do. */
        DUPLICATE,
        /** A record the pipeline must reject to the dead-letter topic (undecodable, a required field missing, or an invalid value). */
        DEAD_LETTER
    }

    public TimedEvent {
        Objects.requireNonNull(sendAt, "sendAt");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
        if ((event == null) == (rawValue == null)) {
            throw new IllegalArgumentException("exactly one of event and rawValue must be set");
        }
        if (rawValue != null && kind != Kind.DEAD_LETTER) {
            throw new IllegalArgumentException("only dead letters carry a raw payload");
        }
    }

    // The record's generated equals would compare the payload array by identity; determinism checks need content.
    @Override
    public boolean equals(Object o) {
        return o instanceof TimedEvent t
                && sendAt.equals(t.sendAt)
                && key.equals(t.key)
                && kind == t.kind
                && Objects.equals(event, t.event)
                && Arrays.equals(rawValue, t.rawValue);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sendAt, key, kind, event) * 31 + Arrays.hashCode(rawValue);
    }

    @Override
    public String toString() {
        return "TimedEvent[sendAt=" + sendAt + ", key=" + key + ", kind=" + kind + ", "
                + (event != null ? "event=" + event : "rawValue=" + rawValue.length + " bytes") + "]";
    }
}
