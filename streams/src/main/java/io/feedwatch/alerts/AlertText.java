package io.feedwatch.alerts;

import io.feedwatch.detect.Enrollment;
import io.feedwatch.detect.Policy;
import io.feedwatch.detect.RiskTimeline;
import io.feedwatch.detect.RiskType;
import io.feedwatch.schemas.AlertStatus;
import io.feedwatch.schemas.AlertType;
import io.feedwatch.schemas.Resolution;
import io.feedwatch.schemas.StaffAlert;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;

/**
 * Builds staff alert records and their wording. Messages state what was observed and suggest a supportive check-in;
 * they never diagnose and carry nothing personal beyond what the record already holds.
 */
public final class AlertText {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("EEE d MMM HH:mm z", Locale.ENGLISH);
    private static final Duration DAY = Duration.ofHours(24);

    private AlertText() {
    }

    /** Deterministic: the same participant, type and start always give the same id, in every run and on every instance. */
    public static String alertId(String participantId, RiskType type, Instant riskSince) {
        String name = participantId + "|" + type.name() + "|" + riskSince.toEpochMilli();
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * One alert record. The observation refers to windowEnd: riskSince for OPEN and WITHDRAWN, resolvedAt for RESOLVED.
     *
     * @param end the episode's end; read only for RESOLVED
     */
    static StaffAlert build(RiskTimeline timeline, RiskType type, AlertStatus status, Instant since, Instant end, Instant detectedAt) {
        Enrollment who = timeline.enrollment();
        boolean resolved = status == AlertStatus.RESOLVED;
        Instant windowEnd = resolved ? end : since;
        Policy.Band atEnd = timeline.band(windowEnd);
        Policy.Band atStart = timeline.band(since);
        StaffAlert.Builder b = StaffAlert.newBuilder()
                .setAlertId(alertId(who.participantId(), type, since))
                .setParticipantId(who.participantId())
                .setClinicId(who.clinicId())
                .setType(type.alertType())
                .setStatus(status)
                .setRiskSince(since)
                .setResolvedAt(resolved ? end : null)
                .setResolution(resolved ? timeline.resolution(type, end) : null)
                .setInfantAgeDays((int) timeline.ageDays(windowEnd))
                .setWindowEnd(windowEnd)
                .setDetectedAt(detectedAt);
        if (type == RiskType.UNDER_FREQUENCY) {
            Integer min = atEnd != null && atEnd.minSessions() != null ? atEnd.minSessions()
                    : atStart != null ? atStart.minSessions() : null;
            b.setObservedCount(timeline.count(windowEnd)).setExpectedMin(min).setWindowStart(windowEnd.minus(DAY));
        } else {
            Duration gap = atEnd != null && atEnd.maxGap() != null ? atEnd.maxGap()
                    : atStart != null ? atStart.maxGap() : null;
            b.setLastSessionAt(timeline.lastSessionAtOrBefore(windowEnd))
                    .setGapLimit(gap == null ? null : gap.toString())
                    .setWindowStart(timeline.gapAnchor(since));
        }
        StaffAlert alert = b.setMessage("").build();
        alert.setMessage(message(alert, who.zone()));
        return alert;
    }

    /** The withdrawal of an alert sent earlier: the same fields as its last emission, status WITHDRAWN, detected now. */
    static StaffAlert withdrawn(StaffAlert alert, ZoneId zone, Instant detectedAt) {
        StaffAlert w = StaffAlert.newBuilder(alert)
                .setStatus(AlertStatus.WITHDRAWN)
                .setDetectedAt(detectedAt)
                .build();
        w.setMessage("Withdrawn: data that arrived later shows this " + label(alert) + " alert from "
                + local(alert.getRiskSince(), zone) + " did not happen as reported. No action needed for it.");
        return w;
    }

    private static String message(StaffAlert a, ZoneId zone) {
        String age = a.getInfantAgeDays() == 1 ? "1 day" : a.getInfantAgeDays() + " days";
        if (a.getType() == AlertType.UNDER_FREQUENCY) {
            if (a.getStatus() == AlertStatus.OPEN) {
                return a.getObservedCount() + " milk-removal session" + (a.getObservedCount() == 1 ? "" : "s")
                        + " recorded in the 24 hours to " + local(a.getWindowEnd(), zone) + "; guidance for an infant of "
                        + age + " is at least " + a.getExpectedMin() + ". A supportive check-in may help.";
            }
            return resolvedText(a, zone, a.getObservedCount() + " session" + (a.getObservedCount() == 1 ? "" : "s")
                    + " in the 24 hours to " + local(a.getWindowEnd(), zone));
        }
        String last = a.getLastSessionAt() == null ? "since monitoring started at " + local(a.getWindowStart(), zone)
                : "since the session at " + local(a.getLastSessionAt(), zone);
        if (a.getStatus() == AlertStatus.OPEN) {
            return "No milk-removal session recorded for " + hours(a.getGapLimit()) + " or more " + last
                    + " (infant " + age + " old). A supportive check-in may help.";
        }
        return resolvedText(a, zone, a.getLastSessionAt() == null ? "no session yet"
                : "session recorded at " + local(a.getLastSessionAt(), zone));
    }

    private static String resolvedText(StaffAlert a, ZoneId zone, String observed) {
        Resolution r = a.getResolution();
        String why = switch (r) {
            case MONITORING_ENDED -> "Monitoring ended";
            case POLICY_CHANGED -> "The infant (" + a.getInfantAgeDays() + " days) is now in an age band where this rule does not apply";
            default -> "Back within guidance";
        };
        return why + " at " + local(a.getResolvedAt(), zone) + " (" + observed + ").";
    }

    private static String label(StaffAlert a) {
        return a.getType() == AlertType.UNDER_FREQUENCY ? "low-frequency" : "long-gap";
    }

    private static String hours(String isoDuration) {
        if (isoDuration == null) {
            return "a long time";
        }
        Duration d = Duration.parse(isoDuration);
        return d.toMinutesPart() == 0 ? d.toHours() + " h" : d.toMinutes() + " min";
    }

    private static String local(Instant t, ZoneId zone) {
        return ZonedDateTime.ofInstant(t, zone).format(LOCAL);
    }
}
