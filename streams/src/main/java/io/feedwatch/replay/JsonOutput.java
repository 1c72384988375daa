package io.feedwatch.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.feedwatch.ingest.DeadLetters;
import io.feedwatch.schemas.Case;
import io.feedwatch.schemas.DailyFeedingSummary;
import io.feedwatch.schemas.FeedingType;
import io.feedwatch.schemas.RejectedEvent;
import io.feedwatch.schemas.StaffAlert;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Base64;

/** The JSON-lines form of feedwatch's outputs: fixed field order, UTC ISO-8601 instants, nulls written out. */
public final class JsonOutput {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonOutput() {
    }

    public static String alert(StaffAlert a) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("alertId", a.getAlertId());
        n.put("participantId", a.getParticipantId());
        n.put("clinicId", a.getClinicId());
        n.put("type", a.getType().name());
        n.put("status", a.getStatus().name());
        n.put("riskSince", instant(a.getRiskSince()));
        n.put("resolvedAt", instant(a.getResolvedAt()));
        n.put("resolution", a.getResolution() == null ? null : a.getResolution().name());
        n.put("observedCount", a.getObservedCount());
        n.put("expectedMin", a.getExpectedMin());
        n.put("lastSessionAt", instant(a.getLastSessionAt()));
        n.put("gapLimit", a.getGapLimit());
        n.put("infantAgeDays", a.getInfantAgeDays());
        n.put("windowStart", instant(a.getWindowStart()));
        n.put("windowEnd", instant(a.getWindowEnd()));
        n.put("detectedAt", instant(a.getDetectedAt()));
        n.put("message", a.getMessage());
        return write(n);
    }

    public static String summary(DailyFeedingSummary s) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("participantId", s.getParticipantId());
        n.put("clinicId", s.getClinicId());
        n.put("date", s.getDate().toString());
        n.put("timeZone", s.getTimeZone());
        n.put("removalSessions", s.getRemovalSessions());
        ObjectNode counts = n.putObject("eventCounts");
        // Avro maps come back unordered: write the types in their documented order
        for (FeedingType t : FeedingType.values()) {
            Integer c = s.getEventCounts().get(t.name());
            if (c != null) {
                counts.put(t.name(), c);
            }
        }
        n.put("expressedMl", s.getExpressedMl());
        n.put("bottleBreastmilkMl", s.getBottleBreastmilkMl());
        n.put("formulaMl", s.getFormulaMl());
        n.put("longestGapMinutes", s.getLongestGapMinutes());
        return write(n);
    }

    /**
     * A dead letter as reason, message and the original payload (text, or base64 when it was binary); when the dead
     * letter kept only the start of the original, also {@code originalLength} (bytes) and {@code originalSha256} of the
     * whole.
     */
    public static String rejected(RejectedEvent r) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("reason", r.getReason().name());
        n.put("message", r.getMessage());
        String text = DeadLetters.text(r);
        if (text != null || r.getOriginalValue() == null) {
            n.put("original", text);
        } else {
            n.put("original", "base64:" + Base64.getEncoder().encodeToString(DeadLetters.bytes(r.getOriginalValue())));
        }
        if (r.getOriginalTruncated()) {
            n.put("originalLength", r.getOriginalValueLength());
            n.put("originalSha256", r.getOriginalValueSha256());
        }
        return write(n);
    }

    /** A case record, every field (the latest per caseId is the case). */
    public static String caseRecord(Case c) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("caseId", c.getCaseId());
        n.put("participantId", c.getParticipantId());
        n.put("clinicId", c.getClinicId());
        n.put("status", c.getStatus().name());
        n.put("openedAt", instant(c.getOpenedAt()));
        n.put("closedAt", instant(c.getClosedAt()));
        n.put("closeReason", c.getCloseReason() == null ? null : c.getCloseReason().name());
        n.put("closeNote", c.getCloseNote());
        ArrayNode alertIds = n.putArray("alertIds");
        c.getAlertIds().forEach(alertIds::add);
        ArrayNode alertTypes = n.putArray("alertTypes");
        c.getAlertTypes().forEach(t -> alertTypes.add(t.name()));
        ArrayNode openAlertIds = n.putArray("openAlertIds");
        c.getOpenAlertIds().forEach(openAlertIds::add);
        n.put("change", c.getChange().name());
        n.put("notification", c.getNotification() == null ? null : c.getNotification().name());
        n.put("notifications", c.getNotifications());
        n.put("lastNotifiedAt", instant(c.getLastNotifiedAt()));
        n.put("acknowledgedAt", instant(c.getAcknowledgedAt()));
        n.put("acknowledgedBy", c.getAcknowledgedBy());
        n.put("assignee", c.getAssignee());
        n.put("snoozedUntil", instant(c.getSnoozedUntil()));
        if (c.getLastNote() == null) {
            n.putNull("lastNote");
        } else {
            ObjectNode note = n.putObject("lastNote");
            note.put("actionId", c.getLastNote().getActionId());
            note.put("at", instant(c.getLastNote().getAt()));
            note.put("by", c.getLastNote().getBy());
            note.put("channel", c.getLastNote().getChannel().name());
            note.put("outcome", c.getLastNote().getOutcome().name());
            note.put("text", c.getLastNote().getText());
        }
        n.put("quietSince", instant(c.getQuietSince()));
        n.put("version", c.getVersion());
        n.put("updatedAt", instant(c.getUpdatedAt()));
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
