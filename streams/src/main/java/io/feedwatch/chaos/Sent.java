package io.feedwatch.chaos;

/**
 * One record the workload driver sent, and the final answer it got.
 *
 * @param participantId the record key
 * @param eventId       the event's id; null for a deliberately bad record without one
 * @param channel       how it was sent
 * @param answer        the final answer; NONE when the driver gave up
 * @param reason        why it was rejected at the edge, else null
 */
public record Sent(String participantId, String eventId, Channel channel, Answer answer, String reason) {
    public enum Channel { HTTP, KAFKA }

    public enum Answer { ACCEPTED, REJECTED, NONE }

    /** participantId/eventId: what identifies an event (duplicates are judged on the pair). */
    public String key() {
        return participantId + "/" + eventId;
    }
}
