package io.feedwatch.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * Builds one enrollment JSON line (issue 3 contract). Defaults: clinic {@code c-1}, born {@link ReplayFixtures#BORN_OLDER}
 * (band 14-55, no gap rule), America/Chicago, monitoringStart {@link ReplayFixtures#M}, monitoringEnd null.
 */
final class ParticipantLine {
    private static final ObjectWriter WRITER = JsonMapper.builder().build().writer();

    private final ObjectNode node = JsonNodeFactory.instance.objectNode();

    private ParticipantLine(String participantId) {
        node.put("participantId", participantId);
        node.put("clinicId", "c-1");
        node.put("infantBirthDate", ReplayFixtures.BORN_OLDER);
        node.put("timeZone", ReplayFixtures.CHICAGO);
        node.put("monitoringStart", ReplayFixtures.M.toString());
        node.putNull("monitoringEnd");
    }

    static ParticipantLine participant(String participantId) {
        return new ParticipantLine(participantId);
    }

    ParticipantLine clinic(String clinicId) {
        node.put("clinicId", clinicId);
        return this;
    }

    ParticipantLine born(String isoDate) {
        node.put("infantBirthDate", isoDate);
        return this;
    }

    ParticipantLine zone(String timeZone) {
        node.put("timeZone", timeZone);
        return this;
    }

    ParticipantLine start(Instant monitoringStart) {
        node.put("monitoringStart", monitoringStart.toString());
        return this;
    }

    ParticipantLine end(Instant monitoringEnd) {
        node.put("monitoringEnd", monitoringEnd.toString());
        return this;
    }

    /** Any field as a JSON string, also for deliberately wrong values. */
    ParticipantLine set(String field, String text) {
        node.put(field, text);
        return this;
    }

    ParticipantLine without(String field) {
        node.remove(field);
        return this;
    }

    String line() {
        try {
            return WRITER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
