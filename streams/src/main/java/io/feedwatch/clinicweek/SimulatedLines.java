package io.feedwatch.clinicweek;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.feedwatch.schemas.FeedingEvent;
import io.feedwatch.schemas.Participant;
import java.io.UncheckedIOException;
import java.time.Instant;

/** The JSON lines an enrollment system and the apps would send for simulated records: what {@code Replay} reads. */
final class SimulatedLines {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SimulatedLines() {
    }

    static String participant(Participant p) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("participantId", p.getParticipantId());
        n.put("clinicId", p.getClinicId());
        n.put("infantBirthDate", p.getInfantBirthDate().toString());
        n.put("timeZone", p.getTimeZone());
        n.put("monitoringStart", instant(p.getMonitoringStart()));
        n.put("monitoringEnd", instant(p.getMonitoringEnd()));
        return write(n);
    }

    static String event(FeedingEvent e) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("eventId", e.getEventId());
        n.put("participantId", e.getParticipantId());
        n.put("type", e.getType().name());
        n.put("startTime", instant(e.getStartTime()));
        n.put("durationMinutes", e.getDurationMinutes());
        n.put("side", e.getSide() == null ? null : e.getSide().name());
        n.put("volumeMl", e.getVolumeMl());
        n.put("source", e.getSource().name());
        n.put("sourceId", e.getSourceId());
        n.put("recordedAt", instant(e.getRecordedAt()));
        return write(n);
    }

    private static String instant(Instant t) {
        return t == null ? null : t.toString();
    }

    private static String write(ObjectNode n) {
        try {
            return MAPPER.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
