package io.feedwatch.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.feedwatch.schemas.FeedingEvent;
import io.feedwatch.schemas.Participant;
import java.io.UncheckedIOException;

/**
 * The JSON contract's form of events and enrollments, the inverse of {@link EventParser} and {@link ParticipantParser}:
 * what a client posts over HTTP or produces to Kafka, and what replay reads (chaos and clinic-week turn simulated
 * records into it).
 */
public final class EventJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EventJson() {
    }

    public static ObjectNode event(FeedingEvent e) {
        ObjectNode n = JSON.createObjectNode();
        n.put("eventId", e.getEventId());
        n.put("participantId", e.getParticipantId());
        n.put("type", e.getType().name());
        n.put("startTime", e.getStartTime().toString());
        if (e.getDurationMinutes() != null) {
            n.put("durationMinutes", e.getDurationMinutes());
        }
        if (e.getSide() != null) {
            n.put("side", e.getSide().name());
        }
        if (e.getVolumeMl() != null) {
            n.put("volumeMl", e.getVolumeMl());
        }
        n.put("source", e.getSource().name());
        if (e.getSourceId() != null) {
            n.put("sourceId", e.getSourceId());
        }
        if (e.getRecordedAt() != null) {
            n.put("recordedAt", e.getRecordedAt().toString());
        }
        return n;
    }

    public static String participant(Participant p) {
        ObjectNode n = JSON.createObjectNode();
        n.put("participantId", p.getParticipantId());
        n.put("clinicId", p.getClinicId());
        n.put("infantBirthDate", p.getInfantBirthDate().toString());
        n.put("timeZone", p.getTimeZone());
        n.put("monitoringStart", p.getMonitoringStart().toString());
        if (p.getMonitoringEnd() != null) {
            n.put("monitoringEnd", p.getMonitoringEnd().toString());
        }
        return write(n);
    }

    public static String write(Object node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
