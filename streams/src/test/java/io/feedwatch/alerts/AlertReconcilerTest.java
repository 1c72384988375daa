package io.feedwatch.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedwatch.detect.Detection;
import io.feedwatch.detect.DetectionClock;
import io.feedwatch.detect.DetectionSettings;
import io.feedwatch.detect.Enrollment;
import io.feedwatch.detect.Policy;
import io.feedwatch.schemas.AlertStatus;
import io.feedwatch.schemas.AlertType;
import io.feedwatch.schemas.FeedingEvent;
import io.feedwatch.schemas.FeedingType;
import io.feedwatch.schemas.Participant;
import io.feedwatch.schemas.Resolution;
import io.feedwatch.schemas.StaffAlert;
import io.feedwatch.schemas.state.ParticipantState;
import io.feedwatch.schemas.state.SentAlert;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Episodes to alert records, on a newborn's long gap (4 h rule), without a topology. */
class AlertReconcilerTest {
    private static final Instant M = Instant.parse("2026-03-01T00:00:00Z");
    private static final Detection DETECTION = new Detection(new DetectionSettings(Policy.parse("0-13:8:PT4H,14-55:8,56-182:6"),
            Duration.ofMinutes(30), Duration.ofHours(48), Duration.ofHours(1), Duration.ofDays(7), Duration.ofSeconds(1),
            new DetectionClock.Wall()));

    private final ParticipantState state = ParticipantState.newBuilder().setEnrollment(Enrollment.toState(
            new Participant("p-1", "c-1", LocalDate.parse("2026-02-27"), "UTC", M, null))).build();
    private final List<SentAlert> sent = new ArrayList<>();
    private int ids;

    private void feed(Instant start) {
        FeedingEvent e = FeedingEvent.newBuilder().setEventId("e-" + ids++).setParticipantId("p-1").setType(FeedingType.BREASTFEED)
                .setStartTime(start).build();
        DETECTION.accept(state, e, (Detection.Accepted) DETECTION.admit("p-1", state, e, start));
    }

    private List<StaffAlert> reconcileAt(Instant now) {
        Detection.Assessment a = DETECTION.assess("p-1", state);
        boolean pending = AlertReconciler.pending(a, sent, now);
        List<StaffAlert> out = AlertReconciler.reconcile(a, sent, now);
        assertThat(pending).as("pending() agrees with reconcile() at %s", now).isEqualTo(!out.isEmpty());
        return out;
    }

    private static StaffAlert only(List<StaffAlert> records, AlertType type) {
        List<StaffAlert> of = records.stream().filter(r -> r.getType() == type).toList();
        assertThat(of).hasSize(1);
        return of.get(0);
    }

    @Test
    void opensOnlyOnceTheClockHasPassedRiskSinceAndResolvesAtItsEnd() {
        feed(M.plus(Duration.ofHours(1)));
        Instant since = M.plus(Duration.ofHours(5));

        assertThat(reconcileAt(since)).filteredOn(r -> r.getType() == AlertType.LONG_GAP).isEmpty();
        StaffAlert open = only(reconcileAt(since.plusMillis(1)), AlertType.LONG_GAP);
        assertThat(open.getStatus()).isEqualTo(AlertStatus.OPEN);
        assertThat(open.getRiskSince()).isEqualTo(since);
        assertThat(open.getLastSessionAt()).isEqualTo(M.plus(Duration.ofHours(1)));
        assertThat(open.getDetectedAt()).isEqualTo(since.plusMillis(1));
        assertThat(reconcileAt(since.plusSeconds(60))).isEmpty();

        feed(M.plus(Duration.ofHours(6)));
        StaffAlert resolved = only(reconcileAt(M.plus(Duration.ofHours(7))), AlertType.LONG_GAP);
        assertThat(resolved.getStatus()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(resolved.getAlertId()).isEqualTo(open.getAlertId());
        assertThat(resolved.getResolvedAt()).isEqualTo(M.plus(Duration.ofHours(6)));
        assertThat(resolved.getResolution()).isEqualTo(Resolution.FREQUENCY_RECOVERED);
    }

    @Test
    void withdrawsWhatLateDataShowsNeverHappenedRepeatingWhatWasSent() {
        feed(M.plus(Duration.ofHours(1)));
        StaffAlert open = only(reconcileAt(M.plus(Duration.ofHours(6))), AlertType.LONG_GAP);

        // a late feed at M+4h: the gap that started at M+5h never was; the next one starts at M+8h, after the clock
        feed(M.plus(Duration.ofHours(4)));
        List<StaffAlert> records = reconcileAt(M.plus(Duration.ofHours(6)));

        StaffAlert withdrawn = only(records, AlertType.LONG_GAP);
        assertThat(withdrawn.getStatus()).isEqualTo(AlertStatus.WITHDRAWN);
        assertThat(withdrawn.getAlertId()).isEqualTo(open.getAlertId());
        assertThat(withdrawn.getLastSessionAt()).as("what was sent, not what is known now").isEqualTo(open.getLastSessionAt());
        assertThat(withdrawn.getWindowStart()).isEqualTo(open.getWindowStart());
        assertThat(withdrawn.getMessage()).startsWith("Withdrawn:");
        assertThat(sent).extracting(SentAlert::getType).doesNotContain(AlertType.LONG_GAP);
    }

    @Test
    void aResolvedEpisodeThatTurnsOutStillOpenIsOpenedAgain() {
        feed(M.plus(Duration.ofHours(1)));
        state.getEnrollment().setMonitoringEnd(M.plus(Duration.ofHours(8)));
        // first reported after its end: both records at once, in the order of the instants they refer to
        List<StaffAlert> both = reconcileAt(M.plus(Duration.ofHours(9)));
        assertThat(both).extracting(StaffAlert::getStatus).containsExactly(AlertStatus.OPEN, AlertStatus.RESOLVED);
        StaffAlert ended = both.get(1);
        assertThat(ended.getResolution()).isEqualTo(Resolution.MONITORING_ENDED);

        // the enrollment is corrected: monitoring goes on, so the gap never ended
        state.getEnrollment().setMonitoringEnd(null);
        StaffAlert reopened = only(reconcileAt(M.plus(Duration.ofHours(9))), AlertType.LONG_GAP);
        assertThat(reopened.getAlertId()).isEqualTo(ended.getAlertId());
        assertThat(reopened.getStatus()).isEqualTo(AlertStatus.OPEN);
        assertThat(reopened.getResolvedAt()).isNull();
    }

    @Test
    void aLateEventThatMovesTheEndOfAResolvedEpisodeResolvesItAgain() {
        feed(M.plus(Duration.ofHours(1)));
        reconcileAt(M.plus(Duration.ofHours(6)));
        feed(M.plus(Duration.ofHours(7)));
        StaffAlert resolved = only(reconcileAt(M.plus(Duration.ofHours(8))), AlertType.LONG_GAP);
        assertThat(resolved.getStatus()).isEqualTo(AlertStatus.RESOLVED);

        // a late feed at M+6h40m: the feed at M+7h joins its session, which ends the gap at M+6h40m; the episode keeps
        // its start and gets another end, reported as a new RESOLVED record of the same alert
        feed(M.plus(Duration.ofMinutes(6 * 60 + 40)));
        StaffAlert moved = only(reconcileAt(M.plus(Duration.ofHours(8))), AlertType.LONG_GAP);
        assertThat(moved.getAlertId()).isEqualTo(resolved.getAlertId());
        assertThat(moved.getStatus()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(moved.getResolvedAt()).isEqualTo(M.plus(Duration.ofMinutes(6 * 60 + 40)));
    }

    @Test
    void forgetsOnlyAlertsResolvedBeforeTheFrozenPoint() {
        List<SentAlert> list = new ArrayList<>(List.of(
                new SentAlert(AlertType.LONG_GAP, M, M.plus(Duration.ofHours(2)), null, null, M),
                new SentAlert(AlertType.LONG_GAP, M.plus(Duration.ofHours(5)), M.plus(Duration.ofHours(6)), null, null, M),
                new SentAlert(AlertType.UNDER_FREQUENCY, M, null, 3, null, M)));

        AlertReconciler.forgetResolvedBefore(list, M.plus(Duration.ofHours(6)));

        assertThat(list).extracting(SentAlert::getRiskSince).containsExactly(M.plus(Duration.ofHours(5)), M);
    }
}
