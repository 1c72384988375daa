package io.feedwatch.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultPlanTest {
    private static final Duration SPAN = Duration.ofMinutes(10);

    @Test
    void theSameSeedGivesTheSamePlanAndAnotherSeedAnother() {
        List<Fault> plan = FaultPlan.of(42, 50, 3, 3, SPAN);
        assertThat(FaultPlan.of(42, 50, 3, 3, SPAN)).isEqualTo(plan);
        assertThat(FaultPlan.of(43, 50, 3, 3, SPAN)).isNotEqualTo(plan);
        assertThat(plan).hasSize(50);
    }

    @Test
    void aShortRunCoversEveryKindThatApplies() {
        assertThat(FaultPlan.of(7, 3, 2, 1, SPAN)).extracting(Fault::kind)
                .containsExactlyInAnyOrder(FaultKind.KILL_INSTANCE, FaultKind.ZOMBIE_INSTANCE, FaultKind.ROLLING_RESTART);
        assertThat(FaultPlan.of(7, 4, 3, 3, SPAN)).extracting(Fault::kind).containsExactlyInAnyOrder(FaultKind.values());
    }

    @Test
    void brokersAreKilledOnlyWhenThreeOrMoreKeepTheQuorumAndTheInSyncReplicas() {
        assertThat(FaultPlan.of(1, 200, 3, 2, SPAN)).extracting(Fault::kind).doesNotContain(FaultKind.KILL_BROKER);
        assertThat(FaultPlan.of(1, 200, 3, 3, SPAN)).extracting(Fault::kind).contains(FaultKind.KILL_BROKER);
    }

    @Test
    void targetsExistAndFaultsAreSpreadInOrderOverTheSpan() {
        List<Fault> plan = FaultPlan.of(5, 40, 2, 3, SPAN);
        for (int i = 0; i < plan.size(); i++) {
            Fault f = plan.get(i);
            assertThat(f.index()).isEqualTo(i + 1);
            assertThat(f.target()).isBetween(0, f.kind() == FaultKind.KILL_BROKER ? 2 : 1);
            assertThat(f.after()).isPositive().isLessThan(SPAN);
            if (i > 0) {
                assertThat(f.after()).isGreaterThan(plan.get(i - 1).after());
            }
        }
    }

    @Test
    void refusesImpossibleSizes() {
        assertThatThrownBy(() -> FaultPlan.of(1, 3, 0, 1, SPAN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FaultPlan.of(1, -1, 1, 1, SPAN)).isInstanceOf(IllegalArgumentException.class);
    }
}
