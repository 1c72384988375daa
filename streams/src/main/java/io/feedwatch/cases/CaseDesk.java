package io.feedwatch.cases;

import io.feedwatch.schemas.AlertStatus;
import io.feedwatch.schemas.Case;
import io.feedwatch.schemas.CaseChange;
import io.feedwatch.schemas.CaseCloseReason;
import io.feedwatch.schemas.CaseNote;
import io.feedwatch.schemas.CaseStatus;
import io.feedwatch.schemas.NotificationReason;
import io.feedwatch.schemas.RejectionReason;
import io.feedwatch.schemas.Resolution;
import io.feedwatch.schemas.StaffAction;
import io.feedwatch.schemas.StaffAlert;
import io.feedwatch.schemas.state.CaseAlert;
import io.feedwatch.schemas.state.CaseState;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The work queue of one mother: her alerts gathered into cases, with what staff did on them.
 *
 * <ul>
 *   <li>A case <b>opens</b> at the instant one of her alerts has been open for the notify delay, when she has no open
 *       case (and never before her previous case closed); an alert withdrawn, or resolved, within the delay never opens
 *       one. Staff are notified (CASE_OPENED). Her other open alerts join it.</li>
 *   <li>While it is open her new alerts <b>join</b> it (and one first heard of already resolved, if it had been open
 *       for the notify delay); one of a rule the case did not have yet notifies staff again
 *       (NEW_ALERT_TYPE) and needs a new acknowledgement. Staff are also notified, once, when the case stays
 *       unacknowledged for the escalation time after that (UNACKNOWLEDGED). A snooze holds every notification back to
 *       its end.</li>
 *   <li>It <b>closes</b> when staff close it, when monitoring ends, or once every alert of it has been resolved or
 *       withdrawn for the quiet period: a newborn's flapping gaps stay one case.</li>
 * </ul>
 *
 * Every instant is on the detection clock, and every transition is dated by the rule, not by when it was noticed
 * (a case opened late, after a backlog, still says when it should have opened), so the same input gives the same cases
 * however the clock moved. An alert record is applied as of the instant it speaks of (what was due up to then happens
 * first); a staff action, an enrollment or a timer at {@code now}, the detection clock, after what was due up to now.
 */
public final class CaseDesk {
    private final CaseSettings settings;

    public CaseDesk(CaseSettings settings) {
        this.settings = settings;
    }

    public CaseSettings settings() {
        return settings;
    }

    /** Deterministic: the same mother and opening instant give the same id, in every run and on every instance. */
    public static String caseId(String participantId, Instant openedAt) {
        return UUID.nameUUIDFromBytes(("case|" + participantId + "|" + openedAt.toEpochMilli()).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * What a staff action did; {@code records} are the case records to emit either way (what was due before the action
     * happens first).
     */
    public sealed interface ActionOutcome permits Applied, Ignored, Refused {
        List<Case> records();
    }

    /** Applied. */
    public record Applied(List<Case> records) implements ActionOutcome {
    }

    /** An actionId the case already had: ignored, the first copy won. */
    public record Ignored(List<Case> records) implements ActionOutcome {
    }

    public record Refused(RejectionReason reason, String message, List<Case> records) implements ActionOutcome {
    }

    /** An alert record from detection. */
    public List<Case> onAlert(String participantId, CaseState s, StaffAlert alert, Instant now) {
        List<Case> out = new ArrayList<>();
        // an alert record is applied as of the instant it speaks of (riskSince when it opens, resolvedAt when it
        // resolves, now when it is withdrawn): records reported together after a backlog then meet the cases as they
        // were then, and a case does not close for want of an alert that the same report brings; what is due up to
        // now happens on the next timer, which detection sends right after
        Instant asOf = switch (alert.getStatus()) {
            case OPEN -> alert.getRiskSince();
            case RESOLVED -> alert.getResolvedAt();
            default -> now;
        };
        advance(participantId, s, asOf.isBefore(now) ? asOf : now, out);
        s.setClinicId(alert.getClinicId());
        CaseAlert known = find(s, alert.getAlertId());
        if (known == null) {
            // an alert of her latest closed case that late data changes again is that case's, not a new risk
            String caseId = s.getClosed() != null && s.getClosed().getAlertIds().contains(alert.getAlertId()) ? s.getClosed().getCaseId() : null;
            known = new CaseAlert(alert.getAlertId(), alert.getType(), alert.getRiskSince(), alert.getStatus(), null, false, caseId);
            s.getAlerts().add(known);
        }
        known.setStatus(alert.getStatus());
        known.setEndedAt(switch (alert.getStatus()) {
            case RESOLVED -> alert.getResolvedAt();
            case WITHDRAWN -> now;
            default -> null;
        });
        known.setEndedByMonitoring(alert.getStatus() == AlertStatus.RESOLVED && alert.getResolution() == Resolution.MONITORING_ENDED);
        Case open = s.getOpen();
        if (open != null && known.getCaseId() == null && (known.getStatus() == AlertStatus.OPEN || qualifiesAt(known) != null)) {
            join(s, known, now, out);
        } else if (open != null && open.getCaseId().equals(known.getCaseId())) {
            out.add(emit(s, CaseChange.ALERT_CHANGED, now));
        }
        return out;
    }

    /** The clock has moved (a timer): opens, escalates and closes what is due at {@code now}. */
    public List<Case> onTimer(String participantId, CaseState s, Instant now) {
        List<Case> out = new ArrayList<>();
        advance(participantId, s, now, out);
        return out;
    }

    /** The mother's enrollment names her clinic: when she moved, her cases go with her. */
    public List<Case> onClinic(String participantId, CaseState s, String clinicId, Instant now) {
        List<Case> out = new ArrayList<>();
        advance(participantId, s, now, out);
        s.setClinicId(clinicId);
        if (s.getClosed() != null) {
            s.getClosed().setClinicId(clinicId);
        }
        if (s.getOpen() != null && !s.getOpen().getClinicId().equals(clinicId)) {
            s.getOpen().setClinicId(clinicId);
            out.add(emit(s, CaseChange.CLINIC_CHANGED, now));
        }
        return out;
    }

    /** Monitoring ended (the enrollment was withdrawn): an open case closes now. */
    public List<Case> onMonitoringEnded(String participantId, CaseState s, Instant now) {
        List<Case> out = new ArrayList<>();
        advance(participantId, s, now, out);
        if (s.getOpen() != null) {
            close(s, CaseCloseReason.MONITORING_ENDED, now, null, now, out);
        }
        return out;
    }

    /** A staff action on one of the mother's cases. */
    public ActionOutcome onAction(String participantId, CaseState s, StaffAction a, Instant now) {
        // what was due before the action happens first (a case may have closed by itself meanwhile)
        List<Case> out = new ArrayList<>();
        advance(participantId, s, now, out);
        Case open = s.getOpen();
        Case closed = s.getClosed();
        boolean onOpen = open != null && open.getCaseId().equals(a.getCaseId());
        boolean onClosed = !onOpen && closed != null && closed.getCaseId().equals(a.getCaseId());
        if (!onOpen && !onClosed) {
            return new Refused(RejectionReason.UNKNOWN_CASE, "participant " + participantId + " has no case " + a.getCaseId()
                    + (open == null ? "" : " (her open case is " + open.getCaseId() + ")"), out);
        }
        List<String> done = onOpen ? s.getOpenActions() : s.getClosedActions();
        if (done.contains(a.getActionId())) {
            return new Ignored(out);
        }
        if (onClosed && a.getType() != io.feedwatch.schemas.StaffActionType.REOPEN) {
            return new Refused(RejectionReason.CASE_CLOSED, "case " + a.getCaseId() + " is closed (" + closed.getCloseReason()
                    + " at " + closed.getClosedAt() + "); reopen it first", out);
        }
        String invalid = invalid(a, onOpen, open);
        if (invalid != null) {
            return new Refused(RejectionReason.INVALID_VALUE, invalid, out);
        }
        if (onClosed) {
            reopen(s, a.getStaffId(), now, out);
        } else {
            switch (a.getType()) {
                case ACKNOWLEDGE -> {
                    open.setAcknowledgedAt(now);
                    open.setAcknowledgedBy(a.getStaffId());
                    s.setPendingNotification(null);
                    out.add(emit(s, CaseChange.ACKNOWLEDGED, now));
                }
                case ASSIGN -> {
                    open.setAssignee(a.getAssignee());
                    out.add(emit(s, CaseChange.ASSIGNED, now));
                }
                case NOTE -> {
                    open.setLastNote(new CaseNote(a.getActionId(), now, a.getStaffId(), a.getChannel(), a.getOutcome(),
                            a.getText() == null ? "" : a.getText()));
                    out.add(emit(s, CaseChange.NOTED, now));
                }
                case SNOOZE -> {
                    open.setSnoozedUntil(a.getSnoozeUntil());
                    out.add(emit(s, CaseChange.SNOOZED, now));
                }
                case CLOSE -> close(s, CaseCloseReason.STAFF_CLOSED, now, a.getText(), now, out);
                default -> throw new IllegalStateException("checked above: " + a.getType());
            }
        }
        (s.getOpen() != null && s.getOpen().getCaseId().equals(a.getCaseId()) ? s.getOpenActions() : s.getClosedActions()).add(a.getActionId());
        advance(participantId, s, now, out);
        return new Applied(out);
    }

    /** When a case must next open, escalate or close; null when nothing lies ahead. */
    public Instant nextDue(CaseState s) {
        Instant next = null;
        for (Instant t : new Instant[] {openAt(s), notifyAt(s), closeAt(s)}) {
            if (t != null && (next == null || t.isBefore(next))) {
                next = t;
            }
        }
        return next;
    }

    private String invalid(StaffAction a, boolean onOpen, Case open) {
        switch (a.getType()) {
            case REOPEN:
                return onOpen ? "case " + a.getCaseId() + " is open already"
                        : open != null ? "the participant has another open case, " + open.getCaseId() : null;
            case ASSIGN:
                return a.getAssignee() == null || a.getAssignee().isBlank() ? "ASSIGN needs an assignee" : null;
            case NOTE:
                return a.getChannel() == null || a.getOutcome() == null ? "NOTE needs a channel and an outcome" : null;
            case SNOOZE:
                if (a.getSnoozeUntil() == null || !a.getSnoozeUntil().isAfter(a.getRequestedAt())
                        || a.getSnoozeUntil().isAfter(a.getRequestedAt().plus(settings.maxSnooze()))) {
                    return "SNOOZE needs snoozeUntil after the request and at most " + settings.maxSnooze() + " after it";
                }
                return null;
            case ACKNOWLEDGE:
            case CLOSE:
                return null;
            default:
                return "unknown action type " + a.getType();
        }
    }

    // -------------------------------------------------------------------------------------------------- transitions

    /** Applies every transition due at or before {@code now}, earliest first, then forgets alerts that can do nothing more. */
    private void advance(String participantId, CaseState s, Instant now, List<Case> out) {
        while (true) {
            Instant open = openAt(s);
            Instant notify = notifyAt(s);
            Instant close = closeAt(s);
            if (open != null && !open.isAfter(now)) {
                openCase(participantId, s, open, now, out);
            } else if (close != null && !close.isAfter(now) && (notify == null || !notify.isBefore(close))) {
                close(s, closeReason(s), close, null, now, out);
            } else if (notify != null && !notify.isAfter(now)) {
                escalate(s, notify, now, out);
            } else {
                break;
            }
        }
        forgetSettled(s);
    }

    /** When an alert waiting for the notify delay opens a case; null with a case open or nothing waiting. */
    private Instant openAt(CaseState s) {
        if (s.getOpen() != null) {
            return null;
        }
        Instant earliest = null;
        for (CaseAlert a : s.getAlerts()) {
            Instant q = qualifiesAt(a);
            if (a.getCaseId() == null && q != null && (earliest == null || q.isBefore(earliest))) {
                earliest = q;
            }
        }
        if (earliest != null && s.getClosed() != null && s.getClosed().getClosedAt().isAfter(earliest)) {
            earliest = s.getClosed().getClosedAt();
        }
        return earliest;
    }

    /** riskSince + notify delay, if the alert was still open then (as far as its records say); else null. */
    private Instant qualifiesAt(CaseAlert a) {
        Instant q = a.getRiskSince().plus(settings.notifyDelay());
        boolean stayedOpen = a.getStatus() == AlertStatus.OPEN
                || (a.getStatus() == AlertStatus.RESOLVED && a.getEndedAt().isAfter(q));
        return stayedOpen ? q : null;
    }

    /** When staff are next notified of the open case: a held-back notification at the snooze's end, or an escalation. */
    private Instant notifyAt(CaseState s) {
        Case c = s.getOpen();
        if (c == null) {
            return null;
        }
        Instant at = null;
        if (s.getPendingNotification() != null) {
            at = c.getSnoozedUntil();
        } else if (c.getAcknowledgedAt() == null && !s.getEscalatedUnacknowledged()) {
            at = c.getLastNotifiedAt().plus(settings.escalateAfter());
        }
        if (at != null && c.getSnoozedUntil() != null && c.getSnoozedUntil().isAfter(at)) {
            at = c.getSnoozedUntil();
        }
        return at;
    }

    /**
     * When the open case closes by itself: every alert of it ended, then the quiet period (at once if monitoring ended),
     * counted from when it opened at the earliest.
     */
    private Instant closeAt(CaseState s) {
        Case c = s.getOpen();
        if (c == null || !c.getOpenAlertIds().isEmpty()) {
            return null;
        }
        Instant from = c.getQuietSince();
        if (from == null) {
            return null;
        }
        // never before it opened: a case opened for an alert that had already ended is shown for a quiet period
        if (c.getOpenedAt().isAfter(from)) {
            from = c.getOpenedAt();
        }
        if (closeReason(s) == CaseCloseReason.MONITORING_ENDED) {
            return from;
        }
        if (s.getQuietNotBefore() != null && s.getQuietNotBefore().isAfter(from)) {
            from = s.getQuietNotBefore();
        }
        return from.plus(settings.quietPeriod());
    }

    private CaseCloseReason closeReason(CaseState s) {
        for (CaseAlert a : s.getAlerts()) {
            if (s.getOpen().getCaseId().equals(a.getCaseId()) && a.getEndedByMonitoring()) {
                return CaseCloseReason.MONITORING_ENDED;
            }
        }
        return CaseCloseReason.QUIET;
    }

    private void openCase(String participantId, CaseState s, Instant openedAt, Instant now, List<Case> out) {
        String id = caseId(participantId, openedAt);
        Case c = Case.newBuilder()
                .setCaseId(id).setParticipantId(participantId).setClinicId(s.getClinicId()).setStatus(CaseStatus.OPEN)
                .setOpenedAt(openedAt).setChange(CaseChange.OPENED).setVersion(0).setUpdatedAt(now)
                .build();
        s.setOpen(c);
        s.setOpenActions(new ArrayList<>());
        s.setPendingNotification(null);
        s.setQuietNotBefore(null);
        s.setEscalatedUnacknowledged(false);
        // the alerts waiting, open, or open long enough before they ended, join it
        for (CaseAlert a : s.getAlerts()) {
            if (a.getCaseId() == null && (a.getStatus() == AlertStatus.OPEN || qualifiesAt(a) != null)) {
                a.setCaseId(id);
                c.getAlertIds().add(a.getAlertId());
                if (!c.getAlertTypes().contains(a.getType())) {
                    c.getAlertTypes().add(a.getType());
                }
            }
        }
        notify(c, NotificationReason.CASE_OPENED, openedAt);
        out.add(emit(s, CaseChange.OPENED, now));
    }

    private void join(CaseState s, CaseAlert a, Instant now, List<Case> out) {
        Case c = s.getOpen();
        a.setCaseId(c.getCaseId());
        c.getAlertIds().add(a.getAlertId());
        boolean newType = !c.getAlertTypes().contains(a.getType());
        if (newType) {
            c.getAlertTypes().add(a.getType());
            // a new kind of risk needs someone to look again
            c.setAcknowledgedAt(null);
            c.setAcknowledgedBy(null);
            // a new notification round: it may escalate once more if nobody acknowledges it
            s.setEscalatedUnacknowledged(false);
            if (snoozed(c, now)) {
                s.setPendingNotification(NotificationReason.NEW_ALERT_TYPE);
            } else {
                notify(c, NotificationReason.NEW_ALERT_TYPE, now);
            }
        }
        out.add(emit(s, CaseChange.ALERT_JOINED, now));
    }

    private void escalate(CaseState s, Instant at, Instant now, List<Case> out) {
        Case c = s.getOpen();
        NotificationReason reason = s.getPendingNotification() != null ? s.getPendingNotification() : NotificationReason.UNACKNOWLEDGED;
        s.setPendingNotification(null);
        s.setEscalatedUnacknowledged(reason == NotificationReason.UNACKNOWLEDGED);
        notify(c, reason, at);
        out.add(emit(s, CaseChange.ESCALATED, now));
    }

    private void close(CaseState s, CaseCloseReason reason, Instant at, String note, Instant now, List<Case> out) {
        Case c = s.getOpen();
        c.setStatus(CaseStatus.CLOSED);
        c.setClosedAt(at);
        c.setCloseReason(reason);
        c.setCloseNote(note);
        out.add(emit(s, CaseChange.CLOSED, now));
        s.setClosed(s.getOpen());
        s.setClosedActions(s.getOpenActions());
        s.setOpen(null);
        s.setOpenActions(new ArrayList<>());
        s.setPendingNotification(null);
        s.setQuietNotBefore(null);
    }

    private void reopen(CaseState s, String staffId, Instant now, List<Case> out) {
        Case c = s.getClosed();
        c.setStatus(CaseStatus.OPEN);
        if (c.getAcknowledgedAt() == null) {
            // whoever reopens a case is looking at it
            c.setAcknowledgedAt(now);
            c.setAcknowledgedBy(staffId);
        }
        c.setClosedAt(null);
        c.setCloseReason(null);
        c.setCloseNote(null);
        s.setOpen(c);
        s.setOpenActions(s.getClosedActions());
        s.setClosed(null);
        s.setClosedActions(new ArrayList<>());
        // staff reopened it: it does not close by itself again before a quiet period from now
        s.setQuietNotBefore(now);
        out.add(emit(s, CaseChange.REOPENED, now));
    }

    private static void notify(Case c, NotificationReason reason, Instant at) {
        c.setNotification(reason);
        c.setNotifications(c.getNotifications() + 1);
        c.setLastNotifiedAt(at);
    }

    private static boolean snoozed(Case c, Instant now) {
        return c.getSnoozedUntil() != null && c.getSnoozedUntil().isAfter(now);
    }

    /**
     * The record of a change of the open (or just closed) case: its alerts' current picture, the next version, the
     * time. The notification is set on this record only.
     */
    private static Case emit(CaseState s, CaseChange change, Instant now) {
        Case c = s.getOpen();
        List<String> open = new ArrayList<>();
        Instant quietSince = null;
        boolean anyOpen = false;
        for (CaseAlert a : s.getAlerts()) {
            if (!c.getCaseId().equals(a.getCaseId())) {
                continue;
            }
            if (a.getStatus() == AlertStatus.OPEN) {
                open.add(a.getAlertId());
                anyOpen = true;
            } else if (quietSince == null || a.getEndedAt().isAfter(quietSince)) {
                quietSince = a.getEndedAt();
            }
        }
        c.setOpenAlertIds(open);
        c.setQuietSince(anyOpen ? null : quietSince != null ? quietSince : c.getQuietSince());
        c.setChange(change);
        c.setVersion(c.getVersion() + 1);
        c.setUpdatedAt(now);
        Case record = Case.newBuilder(c).build();
        c.setNotification(null);
        return record;
    }

    /** Ended alerts of a closed case, and ended alerts waiting that never stayed open long enough, are forgotten. */
    private void forgetSettled(CaseState s) {
        String openId = s.getOpen() == null ? null : s.getOpen().getCaseId();
        List<CaseAlert> alerts = s.getAlerts();
        for (int i = alerts.size() - 1; i >= 0; i--) {
            CaseAlert a = alerts.get(i);
            boolean ended = a.getStatus() != AlertStatus.OPEN;
            boolean settled = a.getCaseId() == null ? qualifiesAt(a) == null : !a.getCaseId().equals(openId);
            if (ended && settled) {
                alerts.remove(i); // by index: the lists of a decoded Avro record have no removing iterator
            }
        }
    }

    private static CaseAlert find(CaseState s, String alertId) {
        for (CaseAlert a : s.getAlerts()) {
            if (a.getAlertId().equals(alertId)) {
                return a;
            }
        }
        return null;
    }
}
