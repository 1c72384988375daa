package io.feedwatch.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.feedwatch.schemas.OutreachChannel;
import io.feedwatch.schemas.OutreachOutcome;
import io.feedwatch.schemas.RejectionReason;
import io.feedwatch.schemas.StaffAction;
import io.feedwatch.schemas.StaffActionType;
import io.feedwatch.schemas.serde.AvroSingleObjectSerde;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Turns a staff-action payload (Avro single-object bytes, or JSON with the StaffAction fields) into a valid
 * {@link StaffAction}, or the first failed check: MALFORMED, MISSING_FIELD (actionId, caseId, participantId, type,
 * staffId), INVALID_VALUE (an unknown type, channel or outcome; an id or a text beyond the {@link Limits}; an instant
 * outside them; what a type needs missing: ASSIGN an assignee, NOTE a channel and an outcome, SNOOZE snoozeUntil). Whether the
 * case exists and is open is for the work queue to say.
 */
public final class StaffActionParser {
    private static final List<String> REQUIRED = List.of("actionId", "caseId", "participantId", "type", "staffId");

    private final Deserializer<StaffAction> avro = new AvroSingleObjectSerde<>(StaffAction.class).deserializer();

    public Parsed<StaffAction> parse(byte[] payload) {
        StaffAction a;
        if (AvroSingleObjectSerde.isSingleObject(payload)) {
            try {
                a = avro.deserialize(null, payload);
            } catch (RuntimeException e) {
                return Parsed.rejected(new Rejection(RejectionReason.MALFORMED, e.getMessage()), null, null);
            }
        } else {
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
                a = StaffAction.newBuilder()
                        .setActionId(f.id("actionId"))
                        .setCaseId(f.id("caseId"))
                        .setParticipantId(f.id("participantId"))
                        .setType(f.symbol("type", StaffActionType.class))
                        .setStaffId(f.id("staffId"))
                        .setAssignee(f.id("assignee"))
                        .setChannel(f.symbol("channel", OutreachChannel.class))
                        .setOutcome(f.symbol("outcome", OutreachOutcome.class))
                        .setText(f.text("text"))
                        .setSnoozeUntil(f.instant("snoozeUntil"))
                        .setRequestedAt(f.instant("requestedAt"))
                        .build();
            } catch (RejectedField e) {
                return Parsed.rejected(e.rejection(), participantId, null);
            }
        }
        Rejection invalid = check(a);
        return invalid == null ? Parsed.ok(a, a.getParticipantId(), null) : Parsed.rejected(invalid, a.getParticipantId(), null);
    }

    /** Null when the action is well formed, else why not. */
    public static Rejection check(StaffAction a) {
        for (var id : new String[][] {{"actionId", a.getActionId()}, {"caseId", a.getCaseId()}, {"participantId", a.getParticipantId()},
                {"staffId", a.getStaffId()}}) {
            if (id[1] == null || id[1].isEmpty()) {
                return new Rejection(RejectionReason.MISSING_FIELD, id[0] + " is required");
            }
        }
        String invalid = invalid(a);
        return invalid == null ? null : new Rejection(RejectionReason.INVALID_VALUE, invalid);
    }

    private static String invalid(StaffAction a) {
        for (var id : new String[][] {{"actionId", a.getActionId()}, {"caseId", a.getCaseId()}, {"participantId", a.getParticipantId()},
                {"staffId", a.getStaffId()}, {"assignee", a.getAssignee()}}) {
            String problem = id[1] == null ? null : Limits.idProblem(id[1]);
            if (problem != null) {
                return id[0] + " " + problem;
            }
        }
        if (a.getText() != null) {
            String problem = a.getText().length() > Limits.MAX_TEXT_CHARS
                    ? "must be at most " + Limits.MAX_TEXT_CHARS + " characters, got " + a.getText().length()
                    : Limits.textProblem(a.getText());
            if (problem != null) {
                return "text " + problem;
            }
        }
        for (var t : new Object[][] {{"snoozeUntil", a.getSnoozeUntil()}, {"requestedAt", a.getRequestedAt()}}) {
            if (t[1] != null && !Limits.inRange((java.time.Instant) t[1])) {
                return t[0] + " must be between " + Limits.EARLIEST + " and " + Limits.LATEST + ", got " + t[1];
            }
        }
        if (Symbols.isUnknown(a.getType())) {
            return "type must be one of " + Symbols.allowed(StaffActionType.class);
        }
        if (Symbols.isUnknown(a.getChannel()) || Symbols.isUnknown(a.getOutcome())) {
            return "channel must be one of " + Symbols.allowed(OutreachChannel.class) + " and outcome one of " + Symbols.allowed(OutreachOutcome.class);
        }
        return switch (a.getType()) {
            case ASSIGN -> a.getAssignee() == null || a.getAssignee().isBlank() ? "ASSIGN needs an assignee" : null;
            case NOTE -> a.getChannel() == null || a.getOutcome() == null ? "NOTE needs a channel and an outcome" : null;
            case SNOOZE -> a.getSnoozeUntil() == null ? "SNOOZE needs snoozeUntil" : null;
            default -> null;
        };
    }
}
