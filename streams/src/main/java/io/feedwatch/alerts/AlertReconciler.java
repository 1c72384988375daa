package io.feedwatch.alerts;

import io.feedwatch.detect.Detection;
import io.feedwatch.detect.Episode;
import io.feedwatch.detect.RiskType;
import io.feedwatch.schemas.AlertStatus;
import io.feedwatch.schemas.StaffAlert;
import io.feedwatch.schemas.state.SentAlert;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps what staff were told in line with the episodes: an alert record is OPEN once the clock has passed an episode's
 * start, RESOLVED when the clock has reached its end, and WITHDRAWN (repeating exactly what was sent) when later data
 * shows that an alert sent no longer stands for an episode. {@code sent} (the participant's state) remembers the last
 * record of every alert that can still change.
 */
public final class AlertReconciler {
    private AlertReconciler() {
    }

    /** True when {@link #reconcile} would emit something at {@code now}. */
    public static boolean pending(Detection.Assessment assessment, List<SentAlert> sent, Instant now) {
        Map<Key, Episode> reportable = reportable(assessment.episodes(), now);
        for (SentAlert s : sent) {
            if (!reportable.containsKey(Key.of(s))) {
                return true;
            }
        }
        for (Episode ep : reportable.values()) {
            SentAlert s = find(sent, ep);
            boolean resolved = resolvedBy(ep, now);
            if (s == null || (s.getResolvedAt() != null && !resolved) || (resolved && !ep.end().equals(s.getResolvedAt()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The records that bring staff up to date at {@code now}, updating {@code sent}: withdrawals first, then openings and
     * resolutions in the order of the instant they refer to.
     */
    public static List<StaffAlert> reconcile(Detection.Assessment assessment, List<SentAlert> sent, Instant now) {
        Map<Key, Episode> reportable = reportable(assessment.episodes(), now);
        List<StaffAlert> withdrawals = new ArrayList<>();
        // by index: the lists of a decoded Avro record have no removing iterator
        for (int i = sent.size() - 1; i >= 0; i--) {
            SentAlert s = sent.get(i);
            if (!reportable.containsKey(Key.of(s))) {
                withdrawals.add(0, AlertText.withdrawn(asSent(assessment, s, now), assessment.who().zone(), now));
                sent.remove(i);
            }
        }
        List<StaffAlert> updates = new ArrayList<>();
        for (Episode ep : reportable.values()) {
            boolean resolved = resolvedBy(ep, now);
            SentAlert s = find(sent, ep);
            if (s == null) {
                s = new SentAlert(ep.type().alertType(), ep.since(), null, null, null, ep.since());
                sent.add(s);
                updates.add(remember(s, AlertText.build(assessment.timeline(), ep.type(), AlertStatus.OPEN, ep.since(), null, now)));
            } else if (s.getResolvedAt() != null && !resolved) {
                s.setResolvedAt(null);
                updates.add(remember(s, AlertText.build(assessment.timeline(), ep.type(), AlertStatus.OPEN, ep.since(), null, now)));
            }
            if (resolved && !ep.end().equals(s.getResolvedAt())) {
                s.setResolvedAt(ep.end());
                updates.add(remember(s, AlertText.build(assessment.timeline(), ep.type(), AlertStatus.RESOLVED, ep.since(), ep.end(), now)));
            }
        }
        updates.sort(Comparator.comparing(StaffAlert::getWindowEnd).thenComparing(a -> a.getType().ordinal()));
        withdrawals.addAll(updates);
        return withdrawals;
    }

    /** Alerts resolved before the frozen point can no longer be withdrawn or reopened: forgotten. */
    public static void forgetResolvedBefore(List<SentAlert> sent, Instant frozenPoint) {
        for (int i = sent.size() - 1; i >= 0; i--) {
            Instant resolvedAt = sent.get(i).getResolvedAt();
            if (resolvedAt != null && resolvedAt.isBefore(frozenPoint)) {
                sent.remove(i); // by index: the lists of a decoded Avro record have no removing iterator
            }
        }
    }

    /** The id of a sent alert. */
    public static String alertId(String participantId, SentAlert s) {
        return AlertText.alertId(participantId, RiskType.of(s.getType()), s.getRiskSince());
    }

    /** Episodes the clock has passed the start of, by type and start (two types never share a key). */
    private static Map<Key, Episode> reportable(List<Episode> episodes, Instant now) {
        Map<Key, Episode> out = new LinkedHashMap<>();
        for (Episode ep : episodes) {
            if (ep.since().isBefore(now)) {
                out.put(new Key(ep.type(), ep.since()), ep);
            }
        }
        return out;
    }

    private static boolean resolvedBy(Episode ep, Instant now) {
        return !ep.open() && !ep.end().isAfter(now);
    }

    private static SentAlert find(List<SentAlert> sent, Episode ep) {
        SentAlert found = null;
        for (SentAlert s : sent) {
            if (RiskType.of(s.getType()) == ep.type() && s.getRiskSince().equals(ep.since())) {
                found = s;
            }
        }
        return found;
    }

    /** The record last sent for {@code s}: rebuilt from the timeline, with the observations that depended on the data then. */
    private static StaffAlert asSent(Detection.Assessment assessment, SentAlert s, Instant now) {
        boolean resolved = s.getResolvedAt() != null;
        StaffAlert last = AlertText.build(assessment.timeline(), RiskType.of(s.getType()), resolved ? AlertStatus.RESOLVED : AlertStatus.OPEN,
                s.getRiskSince(), s.getResolvedAt(), now);
        last.setObservedCount(s.getObservedCount());
        last.setLastSessionAt(s.getLastSessionAt());
        last.setWindowStart(s.getWindowStart());
        return last;
    }

    private static StaffAlert remember(SentAlert s, StaffAlert alert) {
        s.setObservedCount(alert.getObservedCount());
        s.setLastSessionAt(alert.getLastSessionAt());
        s.setWindowStart(alert.getWindowStart());
        return alert;
    }

    private record Key(RiskType type, Instant since) {
        static Key of(SentAlert s) {
            return new Key(RiskType.of(s.getType()), s.getRiskSince());
        }
    }
}
