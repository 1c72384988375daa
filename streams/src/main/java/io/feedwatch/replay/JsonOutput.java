package io.feedwatch.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.feedwatch.ingest.DeadLetters;
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
