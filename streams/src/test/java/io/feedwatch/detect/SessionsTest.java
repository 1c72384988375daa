package io.feedwatch.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SessionsTest {
    private static final long MIN = 60_000;
    private static final long MERGE = 30 * MIN;

    @Test
    void anEventLessThanTheMergeWindowAfterASessionsStartJoinsItExactlyTheWindowStartsANewOne() {
        long[] open = {0, 29 * MIN, 30 * MIN, 59 * MIN, 60 * MIN};

        assertThat(Sessions.of(new long[0], open, MERGE)).containsExactly(0, 30 * MIN, 60 * MIN);
    }

    @Test
    void frozenSessionsComeFirstAndAreNotRegrouped() {
        assertThat(Sessions.of(new long[] {-100 * MIN, -10 * MIN}, new long[] {5 * MIN, 10 * MIN}, MERGE))
                .containsExactly(-100 * MIN, -10 * MIN, 5 * MIN);
    }

    @Test
    void insertKeepsStartsInOrder() {
        assertThat(Sessions.insert(new long[] {10, 30}, 20)).containsExactly(10, 20, 30);
        assertThat(Sessions.insert(new long[0], 5)).containsExactly(5);
    }

    @Test
    void freezingFreezesOnlySessionsNoLaterEventCanJoinAndKeepsTheLastOneForTheGapRule() {
        long[] open = {0, 10 * MIN, 100 * MIN, 140 * MIN};
        // at 130 min no event can join the session of 100 min any more (100 + 30 <= 130): it is frozen, the start at
        // 140 min stays open; of the frozen times only those after 50 min are kept
        Sessions.Split split = Sessions.freeze(new long[] {-5000 * MIN}, open, 130 * MIN, MERGE, 50 * MIN);

        assertThat(split.frozen()).containsExactly(100 * MIN);
        assertThat(split.open()).containsExactly(140 * MIN);

        Sessions.Split keepLast = Sessions.freeze(new long[] {-5000 * MIN}, new long[0], 0, MERGE, 50 * MIN);
        assertThat(keepLast.frozen()).as("older than kept, but the latest session").containsExactly(-5000 * MIN);
    }
}
