package io.feedwatch.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.feedwatch.schemas.Participant;
import io.feedwatch.schemas.RejectionReason;
import io.feedwatch.schemas.serde.AvroSingleObjectSerde;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Turns an enrollment payload (Avro single-object bytes or JSON) into a valid {@link Participant}, or the first failed
 * check: MALFORMED, MISSING_FIELD (every field but monitoringEnd is required), INVALID_VALUE (unknown time zone,
 * unparseable date or instant, monitoringEnd not after monitoringStart). An invalid enrollment is never applied.
 */
public final class ParticipantParser {
    private static final List<String> REQUIRED = List.of("participantId", "clinicId", "infantBirthDate", "timeZone", "monitoringStart");

    private final Deserializer<Participant> avro = new AvroSingleObjectSerde<>(Participant.class).deserializer();

    public Parsed<Participant> parse(byte[] payload) {
        if (AvroSingleObjectSerde.isSingleObject(payload)) {
            return parseAvro(payload);
        }
        ObjectNode node;
        try {
            node = EventParser.jsonObject(payload);
        } catch (RejectedField e) {
            return Parsed.rejected(e.rejection(), null, null);
        }
        JsonFields f = new JsonFields(node);
        String participantId = f.idOrNull("participantId");
        for (String field : REQUIRED) {
            if (f.missing(field)) {
                return Parsed.rejected(new Rejection(RejectionReason.MISSING_FIELD, field + " is required"), participantId, null);
            }
        }
        try {
            Participant p = Participant.newBuilder()
                    .setParticipantId(f.id("participantId"))
                    .setClinicId(f.id("clinicId"))
                    .setInfantBirthDate(f.date("infantBirthDate"))
                    .setTimeZone(f.zone("timeZone").getId())
                    .setMonitoringStart(f.instant("monitoringStart"))
                    .setMonitoringEnd(f.instant("monitoringEnd"))
                    .build();
            checkWindow(p.getMonitoringStart(), p.getMonitoringEnd());
            EventParser.checkSize(payload);
            return Parsed.ok(p, p.getParticipantId(), null);
        } catch (RejectedField e) {
            return Parsed.rejected(e.rejection(), participantId, null);
        }
    }

    private Parsed<Participant> parseAvro(byte[] payload) {
        Participant p;
        try {
            p = avro.deserialize(null, payload);
        } catch (RuntimeException ex) {
            return Parsed.rejected(new Rejection(RejectionReason.MALFORMED, ex.getMessage()), null, null);
        }
        String pid = p.getParticipantId().isEmpty() ? null : p.getParticipantId();
        if (pid == null || p.getClinicId().isEmpty() || p.getTimeZone().isEmpty()) {
            String field = pid == null ? "participantId" : p.getClinicId().isEmpty() ? "clinicId" : "timeZone";
            return Parsed.rejected(new Rejection(RejectionReason.MISSING_FIELD, field + " is required"), EventParser.usable(pid), null);
        }
        try {
            // the JSON path's order: participantId, clinicId, infantBirthDate, timeZone, monitoringStart, monitoringEnd
            if (Limits.idProblem(pid) != null) {
                throw JsonFields.invalid("participantId " + Limits.idProblem(pid));
            }
            if (Limits.idProblem(p.getClinicId()) != null) {
                throw JsonFields.invalid("clinicId " + Limits.idProblem(p.getClinicId()));
            }
            if (!Limits.inRange(p.getInfantBirthDate())) {
                throw JsonFields.invalid(JsonFields.outOfRange("infantBirthDate", p.getInfantBirthDate()));
            }
            zone(p.getTimeZone());
            if (!Limits.inRange(p.getMonitoringStart())) {
                throw JsonFields.invalid(JsonFields.outOfRange("monitoringStart", p.getMonitoringStart()));
            }
            if (p.getMonitoringEnd() != null && !Limits.inRange(p.getMonitoringEnd())) {
                throw JsonFields.invalid(JsonFields.outOfRange("monitoringEnd", p.getMonitoringEnd()));
            }
            checkWindow(p.getMonitoringStart(), p.getMonitoringEnd());
            EventParser.checkSize(payload);
        } catch (RejectedField e) {
            return Parsed.rejected(e.rejection(), EventParser.usable(pid), null);
        }
        return Parsed.ok(p, pid, null);
    }

    private static void zone(String timeZone) {
        try {
            ZoneId.of(timeZone);
        } catch (RuntimeException e) {
            throw JsonFields.invalid("timeZone must be an IANA time zone such as America/Chicago, got " + Limits.quote(timeZone));
        }
    }

    private static void checkWindow(Instant start, Instant end) {
        if (end != null && !end.isAfter(start)) {
            throw JsonFields.invalid("monitoringEnd must be after monitoringStart");
        }
    }
}
