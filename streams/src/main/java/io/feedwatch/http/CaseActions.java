package io.feedwatch.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.feedwatch.ingest.Parsed;
import io.feedwatch.ingest.StaffActionParser;
import io.feedwatch.schemas.StaffAction;
import io.feedwatch.schemas.StaffActionType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;

/**
 * A staff action sent over HTTP ({@code POST /api/v1/cases/{caseId}/actions}), judged as the work queue will judge it,
 * so that what it would dead-letter is refused in the answer instead: the stream's own {@link StaffActionParser} (400),
 * then the case as this instance found it (409 closed, or a REOPEN that cannot be; 400 a snooze beyond
 * {@code feedwatch.cases.max-snooze}). The staff member is the calling account, never a field of the body.
 */
final class CaseActions {
    private final StaffActionParser parser = new StaffActionParser();
    private final ObjectMapper json = ApiJson.mapper();
    private final Duration maxSnooze;

    CaseActions(Duration maxSnooze) {
        this.maxSnooze = maxSnooze;
    }

    /**
     * The action to write; {@code requestedAt} is {@code now}, the detection clock.
     *
     * @throws ApiException 400 or 409 with the reason
     */
    StaffAction action(JsonNode body, StoreQueries.CaseLookup found, Account who, Instant now) {
        if (!body.isObject()) {
            throw new ApiException(400, "MALFORMED", "expected one action, a JSON object");
        }
        ObjectNode fields = json.createObjectNode();
        for (String name : new String[] {"actionId", "type", "assignee", "channel", "outcome", "text"}) {
            if (body.hasNonNull(name)) {
                fields.set(name, body.get(name));
            }
        }
        // a closing reason is the case's close note, which the record carries as its text
        if (body.hasNonNull("reason")) {
            if (body.hasNonNull("text")) {
                throw new ApiException(400, "INVALID_VALUE", "give either text or reason, not both");
            }
            fields.set("text", body.get("reason"));
        }
        if (body.hasNonNull("until")) {
            fields.set("snoozeUntil", body.get("until"));
        }
        fields.put("caseId", found.caseRecord().caseId());
        fields.put("participantId", found.participantId());
        fields.put("staffId", who.name());
        fields.put("requestedAt", now.toString());
        Parsed<StaffAction> parsed = parse(fields);
        if (!parsed.accepted()) {
            throw new ApiException(400, parsed.rejection().reason().name(), parsed.rejection().message());
        }
        StaffAction a = parsed.value();
        if (!found.actionIds().contains(a.getActionId())) {
            checkAgainst(found, a, now);
        }
        return a;
    }

    /** What the case itself allows, as {@code CaseDesk} will decide it. */
    private void checkAgainst(StoreQueries.CaseLookup found, StaffAction a, Instant now) {
        ApiJson.Case c = found.caseRecord();
        boolean open = c.status().equals("OPEN");
        if (a.getType() == StaffActionType.REOPEN) {
            if (open) {
                throw new ApiException(409, "CASE_OPEN", "case " + c.caseId() + " is open already");
            }
            if (found.openCaseId() != null) {
                throw new ApiException(409, "CASE_CLOSED", "case " + c.caseId() + " cannot be reopened: the participant has another open case, "
                        + found.openCaseId());
            }
        } else if (!open) {
            throw new ApiException(409, "CASE_CLOSED", "case " + c.caseId() + " is closed (" + c.closeReason() + " at " + c.closedAt()
                    + "); reopen it first");
        }
        if (a.getType() == StaffActionType.SNOOZE && (!a.getSnoozeUntil().isAfter(now) || a.getSnoozeUntil().isAfter(now.plus(maxSnooze)))) {
            throw new ApiException(400, "INVALID_VALUE", "until must be after now (" + now + ") and at most " + maxSnooze
                    + " after it (feedwatch.cases.max-snooze), got " + a.getSnoozeUntil());
        }
    }

    private Parsed<StaffAction> parse(ObjectNode fields) {
        try {
            return parser.parse(json.writeValueAsBytes(fields));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
