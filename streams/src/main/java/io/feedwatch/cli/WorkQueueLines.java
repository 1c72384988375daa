package io.feedwatch.cli;

import io.feedwatch.names.Topics;
import io.feedwatch.schemas.AlertStatus;
import io.feedwatch.schemas.AlertType;
import io.feedwatch.schemas.Case;
import io.feedwatch.schemas.CaseChange;
import io.feedwatch.schemas.CaseStatus;
import io.feedwatch.schemas.Participant;
import io.feedwatch.schemas.StaffAlert;
import io.feedwatch.schemas.serde.SerdeFactory;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * What the demo shows: the work queue, not the stream. Alert records are counted; a line is printed only when staff
 * would be told something (a case opens or escalates) or a case closes, with the mother's local time. Used from one
 * thread.
 */
final class WorkQueueLines {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("EEE d MMM HH:mm z", Locale.ENGLISH);

    private final Deserializer<StaffAlert> alertDecoder;
    private final Deserializer<Case> caseDecoder;
    private final Map<String, ZoneId> zones = new HashMap<>();
    private final Map<String, StaffAlert> alertsById = new HashMap<>();
    private final Map<AlertStatus, Integer> alertRecords = new EnumMap<>(AlertStatus.class);
    private int casesOpened;
    private int notifications;
    private final Map<String, Boolean> openCases = new HashMap<>();

    WorkQueueLines(SerdeFactory serdes, List<Participant> participants) {
        this.alertDecoder = serdes.serde(StaffAlert.class).deserializer();
        this.caseDecoder = serdes.serde(Case.class).deserializer();
        participants.forEach(p -> zones.put(p.getParticipantId(), ZoneId.of(p.getTimeZone())));
    }

    /** A record of the alert or case topic; the line to print, if any. */
    Optional<String> read(String topic, byte[] value) {
        if (topic.equals(Topics.STAFF_ALERTS)) {
            StaffAlert a = alertDecoder.deserialize(topic, value);
            alertRecords.merge(a.getStatus(), 1, Integer::sum);
            alertsById.put(a.getAlertId(), a);
            return Optional.empty();
        }
        Case c = caseDecoder.deserialize(topic, value);
        openCases.put(c.getCaseId(), c.getStatus() == CaseStatus.OPEN);
        if (c.getChange() == CaseChange.OPENED) {
            casesOpened++;
        }
        if (c.getNotification() != null) {
            notifications++;
            return Optional.of(notification(c));
        }
        if (c.getChange() == CaseChange.CLOSED) {
            return Optional.of(line("CASE CLOSED", c, c.getClosedAt(), switch (c.getCloseReason()) {
                case QUIET -> "every alert ended; quiet since " + local(c.getQuietSince(), c);
                case STAFF_CLOSED -> "closed by staff: " + c.getCloseNote();
                default -> "monitoring ended";
            } + " (" + Plural.of(c.getAlertIds().size(), "alert") + ")"));
        }
        return Optional.empty();
    }

    Map<AlertStatus, Integer> alerts() {
        return alertRecords;
    }

    /** Cases opened, staff notifications, cases open now. */
    int[] cases() {
        return new int[] {casesOpened, notifications, (int) openCases.values().stream().filter(b -> b).count()};
    }

    String summary() {
        return String.format(Locale.ENGLISH, "%s, %s (raw alert records: %d OPEN, %d RESOLVED, %d WITHDRAWN)",
                Plural.of(casesOpened, "case opened", "cases opened"), Plural.of(notifications, "staff notification"),
                alertRecords.getOrDefault(AlertStatus.OPEN, 0), alertRecords.getOrDefault(AlertStatus.RESOLVED, 0),
                alertRecords.getOrDefault(AlertStatus.WITHDRAWN, 0));
    }

    private String notification(Case c) {
        return switch (c.getNotification()) {
            case CASE_OPENED -> line("CASE OPENED", c, c.getOpenedAt(), types(c) + latestMessage(c));
            case NEW_ALERT_TYPE -> line("CASE ESCALATED", c, c.getLastNotifiedAt(), "a new kind of risk, " + types(c) + latestMessage(c));
            default -> line("CASE ESCALATED", c, c.getLastNotifiedAt(), "not acknowledged yet; open: " + types(c));
        };
    }

    private String line(String what, Case c, Instant at, String detail) {
        return String.format("%-15s %s (clinic %s) %s  %s", what, c.getParticipantId(), c.getClinicId(), local(at, c), detail);
    }

    private String local(Instant t, Case c) {
        return t == null ? "-" : ZonedDateTime.ofInstant(t, zones.getOrDefault(c.getParticipantId(), ZoneId.of("UTC"))).format(LOCAL);
    }

    private String types(Case c) {
        return c.getAlertTypes().stream().map(AlertType::name).collect(Collectors.joining(", "));
    }

    /**
     * ": " and the message of the case's most recent alert, which says what was observed; nothing when no alert record
     * of the case has been read yet (the two topics are read side by side, not in one order).
     */
    private String latestMessage(Case c) {
        for (int i = c.getAlertIds().size() - 1; i >= 0; i--) {
            StaffAlert a = alertsById.get(c.getAlertIds().get(i));
            if (a != null) {
                return ": " + a.getMessage();
            }
        }
        return "";
    }
}
