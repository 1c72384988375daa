package io.feedwatch.detect;

import static io.feedwatch.detect.RiskTimeline.DAY_MILLIS;
import static io.feedwatch.detect.RiskTimeline.NONE;

import io.feedwatch.schemas.AlertStatus;
import io.feedwatch.schemas.Resolution;
import io.feedwatch.schemas.StaffAlert;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;

/**
 * Builds staff alert records and their wording. Messages state what was observed and suggest a supportive check-in;
 * they never diagnose and carry nothing personal beyond what the record already holds.
 */
final class Alerts {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("EEE d MMM HH:mm z", Locale.ENGLISH);

    private Alerts() {
    }

    /** Deterministic: the same participant, type and start always give the same id, in every run and on every instance. */
    static String alertId(String participantId, RiskType type, long riskSinceMillis) {
        String name = participantId + "|" + type.name() + "|" + riskSinceMillis;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * One alert record. The observation refers to windowEnd: riskSince for OPEN and WITHDRAWN, resolvedAt for RESOLVED.
     */
    static StaffAlert build(RiskTimeline timeline, Enrollment who, RiskType type, AlertStatus status, long sinceMillis,
                            long endMillis, long detectedAtMillis) {
        boolean resolved = status == AlertStatus.RESOLVED;
        long windowEnd = resolved ? endMillis : sinceMillis;
        Policy.Band atEnd = timeline.band(windowEnd);
        Policy.Band atStart = timeline.band(sinceMillis);
        StaffAlert.Builder b = StaffAlert.newBuilder()
                .setAlertId(alertId(who.participantId(), type, sinceMillis))
                .setParticipantId(who.participantId())
                .setClinicId(who.clinicId())
                .setType(type.alertType())
                .setStatus(status)
                .setRiskSince(Instant.ofEpochMilli(sinceMillis))
                .setResolvedAt(resolved ? Instant.ofEpochMilli(endMillis) : null)
                .setResolution(resolved ? timeline.resolution(type, endMillis) : null)
                .setInfantAgeDays((int) timeline.ageDays(windowEnd))
                .setWindowEnd(Instant.ofEpochMilli(windowEnd))
                .setDetectedAt(Instant.ofEpochMilli(detectedAtMillis));
        if (type == RiskType.UNDER_FREQUENCY) {
            Integer min = atEnd != null && atEnd.minSessions() != null ? atEnd.minSessions()
                    : atStart != null ? atStart.minSessions() : null;
            b.setObservedCount(timeline.count(windowEnd)).setExpectedMin(min)
                    .setWindowStart(Instant.ofEpochMilli(windowEnd - DAY_MILLIS));
        } else {
            Duration gap = atEnd != null && atEnd.maxGap() != null ? atEnd.maxGap()
                    : atStart != null ? atStart.maxGap() : null;
            long last = timeline.lastSessionAtOrBefore(windowEnd);
            b.setLastSessionAt(last == NONE ? null : Instant.ofEpochMilli(last))
                    .setGapLimit(gap == null ? null : gap.toString())
                    .setWindowStart(Instant.ofEpochMilli(timeline.gapAnchor(sinceMillis)));
        }
        StaffAlert alert = b.setMessage("").build();
        alert.setMessage(message(alert, who));
        return alert;
    }

    /** The withdrawal of an alert sent earlier: the same fields as its last emission, status WITHDRAWN, detected now. */
    static StaffAlert withdrawn(StaffAlert alert, Enrollment who, long detectedAtMillis) {
        StaffAlert w = StaffAlert.newBuilder(alert)
                .setStatus(AlertStatus.WITHDRAWN)
                .setDetectedAt(Instant.ofEpochMilli(detectedAtMillis))
                .build();
        w.setMessage("Withdrawn: data that arrived later shows this " + label(alert) + " alert from "
                + local(alert.getRiskSince(), who.zone()) + " did not happen as reported. No action needed for it.");
        return w;
    }

    private static String message(StaffAlert a, Enrollment who) {
        String age = a.getInfantAgeDays() == 1 ? "1 day" : a.getInfantAgeDays() + " days";
        if (a.getType() == io.feedwatch.schemas.AlertType.UNDER_FREQUENCY) {
            if (a.getStatus() == AlertStatus.OPEN) {
                return a.getObservedCount() + " milk-removal session" + (a.getObservedCount() == 1 ? "" : "s")
                        + " recorded in the 24 hours to " + local(a.getWindowEnd(), who.zone()) + "; guidance for an infant of "
                        + age + " is at least " + a.getExpectedMin() + ". A supportive check-in may help.";
            }
            return resolvedText(a, who, a.getObservedCount() + " sessions in the 24 hours to " + local(a.getWindowEnd(), who.zone()));
        }
        String last = a.getLastSessionAt() == null ? "since monitoring started at " + local(a.getWindowStart(), who.zone())
                : "since the session at " + local(a.getLastSessionAt(), who.zone());
        if (a.getStatus() == AlertStatus.OPEN) {
            return "No milk-removal session recorded for " + hours(a.getGapLimit()) + " or more " + last
                    + " (infant " + age + " old). A supportive check-in may help.";
        }
        return resolvedText(a, who, a.getLastSessionAt() == null ? "no session yet"
                : "session recorded at " + local(a.getLastSessionAt(), who.zone()));
    }

    private static String resolvedText(StaffAlert a, Enrollment who, String observed) {
        Resolution r = a.getResolution();
        String why = switch (r) {
            case MONITORING_ENDED -> "Monitoring ended";
            case POLICY_CHANGED -> "The infant (" + a.getInfantAgeDays() + " days) is now in an age band where this rule does not apply";
            default -> "Back within guidance";
        };
        return why + " at " + local(a.getResolvedAt(), who.zone()) + " (" + observed + ").";
    }

    private static String label(StaffAlert a) {
        return a.getType() == io.feedwatch.schemas.AlertType.UNDER_FREQUENCY ? "low-frequency" : "long-gap";
    }

    private static String hours(String isoDuration) {
        if (isoDuration == null) {
            return "a long time";
        }
        Duration d = Duration.parse(isoDuration);
        return d.toMinutesPart() == 0 ? d.toHours() + " h" : d.toMinutes() + " min";
    }

    private static String local(Instant t, java.time.ZoneId zone) {
        return ZonedDateTime.ofInstant(t, zone).format(LOCAL);
    }
}
