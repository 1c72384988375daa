package io.feedwatch.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The documented order of a clinic's work queue (README "Work queue"), and the hours since a session. */
class WorkQueueTest {
    private static final Instant NOW = Instant.parse("2026-03-02T12:00:00Z");

    private static WorkQueue.Item item(String pid, boolean acknowledged, String lastSession, Integer ageDays, Instant snoozedUntil) {
        ApiJson.Case c = new ApiJson.Case("case-" + pid, pid, "c-1", "OPEN", NOW.minusSeconds(7200), null, null, null, acknowledged,
                acknowledged ? NOW : null, acknowledged ? "ana" : null, null, snoozedUntil, null, null, 1, NOW, List.of(), List.of(),
                List.of(), "OPENED", 1, NOW);
        Instant last = lastSession == null ? null : Instant.parse(lastSession);
        return new WorkQueue.Item(pid, "UTC", ageDays, 0, 8, last, WorkQueue.hoursSince(last, NOW), c, "CASE_OPENED", List.of());
    }

    private static List<String> sorted(WorkQueue.Item... items) {
        List<WorkQueue.Item> list = new ArrayList<>(List.of(items));
        list.sort(WorkQueue.order(NOW));
        return list.stream().map(WorkQueue.Item::participantId).toList();
    }

    @Test
    void notAcknowledgedFirstThenLongestSilentThenYoungestThenParticipantId() {
        assertThat(sorted(
                item("acked-never", true, null, 3, null),
                item("recent", false, "2026-03-02T10:00:00Z", 3, null),
                item("older-b", false, "2026-03-01T10:00:00Z", 9, null),
                item("older-a", false, "2026-03-01T10:00:00Z", 9, null),
                item("older-young", false, "2026-03-01T10:00:00Z", 2, null),
                item("never", false, null, 20, null)))
                .containsExactly("never", "older-young", "older-a", "older-b", "recent", "acked-never");
    }

    @Test
    void aSnoozedCaseSortsBelowEveryOtherUntilItsSnoozeEnds() {
        assertThat(sorted(
                item("snoozed", false, null, 1, NOW.plusSeconds(3600)),
                item("acked", true, "2026-03-02T11:00:00Z", 30, null),
                item("snooze-over", false, null, 2, NOW.minusSeconds(1))))
                .containsExactly("snooze-over", "acked", "snoozed");
    }

    @Test
    void aMotherWithoutNumbersSortsAsNeverRecordedAndAnyAge() {
        assertThat(sorted(item("known", false, "2026-03-02T10:00:00Z", 3, null), item("gone", false, null, null, null)))
                .containsExactly("gone", "known");
    }

    @Test
    void hoursSinceHerLastSessionToOneDecimalAndNullWhenNone() {
        assertThat(WorkQueue.hoursSince(Instant.parse("2026-03-02T07:30:00Z"), NOW)).isEqualTo(4.5);
        assertThat(WorkQueue.hoursSince(Instant.parse("2026-03-01T12:04:00Z"), NOW)).isEqualTo(23.9);
        assertThat(WorkQueue.hoursSince(null, NOW)).isNull();
    }
}
