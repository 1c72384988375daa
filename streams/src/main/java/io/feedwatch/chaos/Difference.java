package io.feedwatch.chaos;

/**
 * One way the live run differs from replay of its accepted input, or a sent record not accounted for.
 *
 * @param kind      what differs
 * @param partition input partition it belongs to (-1 when unknown, e.g. a record the driver never got an answer for)
 * @param key       the alertId, participantId/date, dead-letter reason or participantId/eventId concerned
 * @param expected  what replay gives (or what should hold), null for nothing
 * @param actual    what the live run gave, null for nothing
 */
public record Difference(Kind kind, int partition, String key, String expected, String actual) {
    public enum Kind {
        /** Replay has the alert, the staff topic does not: a mother who needs a call is not listed. */
        LOST_ALERT,
        /** The staff topic still shows OPEN or RESOLVED what replay withdraws, or never raised. */
        STALE_ALERT,
        /** Both have the alert, their latest records differ otherwise. */
        WRONG_ALERT,
        MISSING_SUMMARY,
        EXTRA_SUMMARY,
        WRONG_SUMMARY,
        /** The dead-letter topic holds a different number of records with this reason than replay rejects. */
        DEAD_LETTERS,
        /** A record the driver sent never got a final answer (accepted or rejected). */
        UNANSWERED,
        /** HTTP answered "accepted" (or Kafka acknowledged), yet the event is not in the input topic. */
        NOT_IN_TOPIC
    }
}
