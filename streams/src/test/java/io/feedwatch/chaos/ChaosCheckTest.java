package io.feedwatch.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.feedwatch.chaos.Difference.Kind;
import io.feedwatch.chaos.Sent.Answer;
import io.feedwatch.chaos.Sent.Channel;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The check on hand-made records: each kind of damage a crash can do is found, and equal outputs give nothing. */
class ChaosCheckTest {
    private static String alert(String id, String status) {
        return "{\"alertId\":\"" + id + "\",\"status\":\"" + status + "\",\"observedCount\":5}";
    }

    @Test
    void equalAlertsGiveNoDifference() {
        Map<String, String> alerts = Map.of("a1", alert("a1", "OPEN"), "a2", alert("a2", "WITHDRAWN"));
        assertThat(ChaosCheck.alerts(0, alerts, Map.copyOf(alerts))).isEmpty();
    }

    @Test
    void anAlertMissingFromTheTopicIsLost() {
        assertThat(ChaosCheck.alerts(1, Map.of("a1", alert("a1", "OPEN")), Map.of()))
                .containsExactly(new Difference(Kind.LOST_ALERT, 1, "a1", alert("a1", "OPEN"), null));
    }

    @Test
    void anAlertStillOpenThatReplayWithdrawsOrNeverRaisedIsStale() {
        List<Difference> diffs = ChaosCheck.alerts(0,
                Map.of("a1", alert("a1", "WITHDRAWN")),
                Map.of("a1", alert("a1", "OPEN"), "a9", alert("a9", "RESOLVED")));
        assertThat(diffs).extracting(Difference::kind, Difference::key)
                .containsExactly(tuple(Kind.STALE_ALERT, "a1"), tuple(Kind.STALE_ALERT, "a9"));
    }

    @Test
    void anAlertWithOtherContentIsWrong() {
        assertThat(ChaosCheck.alerts(0, Map.of("a1", alert("a1", "OPEN")), Map.of("a1", alert("a1", "OPEN").replace('5', '4'))))
                .extracting(Difference::kind).containsExactly(Kind.WRONG_ALERT);
    }

    @Test
    void aSummaryWithOtherCountsIsWrongAndMissingOrExtraOnesShow() {
        List<Difference> diffs = ChaosCheck.summaries(2,
                Map.of("p-1/2026-03-01", "{\"removalSessions\":8}", "p-1/2026-03-02", "{\"removalSessions\":9}"),
                Map.of("p-1/2026-03-01", "{\"removalSessions\":7}", "p-2/2026-03-01", "{\"removalSessions\":9}"));
        assertThat(diffs).extracting(Difference::kind)
                .containsExactly(Kind.WRONG_SUMMARY, Kind.MISSING_SUMMARY, Kind.EXTRA_SUMMARY);
        assertThat(diffs.get(0)).isEqualTo(new Difference(Kind.WRONG_SUMMARY, 2, "p-1/2026-03-01", "{\"removalSessions\":8}", "{\"removalSessions\":7}"));
    }

    @Test
    void aDeadLetterLostOrWrittenTwiceShows() {
        assertThat(ChaosCheck.deadLetters(0, ChaosCheck.countByReason(List.of("MALFORMED", "MALFORMED", "UNKNOWN_PARTICIPANT")),
                ChaosCheck.countByReason(List.of("MALFORMED", "UNKNOWN_PARTICIPANT", "UNKNOWN_PARTICIPANT"))))
                .containsExactly(new Difference(Kind.DEAD_LETTERS, 0, "MALFORMED", "2", "1"),
                        new Difference(Kind.DEAD_LETTERS, 0, "UNKNOWN_PARTICIPANT", "1", "2"));
    }

    @Test
    void anEventWithoutAnAnswerOrAcceptedButAbsentFromTheTopicIsUnaccounted() {
        List<Sent> sent = List.of(
                new Sent("p-1", "e1", Channel.HTTP, Answer.ACCEPTED, null),
                new Sent("p-1", "e2", Channel.HTTP, Answer.ACCEPTED, null),
                new Sent("p-2", "e3", Channel.KAFKA, Answer.NONE, null),
                new Sent("p-2", "e4", Channel.HTTP, Answer.REJECTED, "INVALID_VALUE"));
        assertThat(ChaosCheck.accounting(sent, Set.of("p-1/e1")))
                .extracting(Difference::kind, Difference::key)
                .containsExactly(tuple(Kind.NOT_IN_TOPIC, "p-1/e2"),
                        tuple(Kind.UNANSWERED, "p-2/e3"));
    }
}
