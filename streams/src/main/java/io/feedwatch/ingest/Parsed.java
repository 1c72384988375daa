package io.feedwatch.ingest;

/**
 * The outcome of parsing one record: a value, or a rejection. {@code participantId} and {@code eventId} are whatever
 * could be read even from a rejected record, so that dead letters say whom they concern.
 */
public record Parsed<T>(T value, Rejection rejection, String participantId, String eventId) {
    static <T> Parsed<T> ok(T value, String participantId, String eventId) {
        return new Parsed<>(value, null, participantId, eventId);
    }

    static <T> Parsed<T> rejected(Rejection rejection, String participantId, String eventId) {
        return new Parsed<>(null, rejection, participantId, eventId);
    }

    public boolean accepted() {
        return rejection == null;
    }
}
