package io.feedwatch.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The seeded schedule of faults: the same seed and sizes give the same faults, so that a failing run can be repeated.
 * The first faults are one of each kind that applies, in a seeded order, so that even a short run covers every kind;
 * the rest are drawn at random. They are spread evenly over the workload, each shifted by up to a quarter of the
 * spacing.
 */
public final class FaultPlan {
    private FaultPlan() {
    }

    /**
     * @param seed      the run's seed
     * @param faults    how many faults
     * @param instances app instances (at least 1)
     * @param brokers   brokers; broker kills are planned only with 3 or more, as fewer cannot keep min.insync.replicas=2
     * @param span      how long the workload is fed
     */
    public static List<Fault> of(long seed, int faults, int instances, int brokers, Duration span) {
        if (faults < 0 || instances < 1 || brokers < 1 || span.isNegative()) {
            throw new IllegalArgumentException("faults >= 0, instances >= 1, brokers >= 1 and span >= 0 are required");
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<FaultKind> kinds = applicableKinds(brokers);
        List<FaultKind> firstOfEach = new ArrayList<>(kinds);
        for (int i = firstOfEach.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            firstOfEach.set(j, firstOfEach.set(i, firstOfEach.get(j)));
        }
        long spacing = span.toMillis() / (faults + 1);
        List<Fault> plan = new ArrayList<>(faults);
        for (int i = 0; i < faults; i++) {
            FaultKind kind = i < firstOfEach.size() ? firstOfEach.get(i) : kinds.get(random.nextInt(kinds.size()));
            int target = switch (kind) {
                case KILL_INSTANCE, ZOMBIE_INSTANCE -> random.nextInt(instances);
                case KILL_BROKER -> random.nextInt(brokers);
                case ROLLING_RESTART -> 0;
            };
            long jitter = spacing / 4 == 0 ? 0 : random.nextLong(-spacing / 4, spacing / 4 + 1);
            plan.add(new Fault(i + 1, kind, target, Duration.ofMillis(spacing * (i + 1) + jitter)));
        }
        return List.copyOf(plan);
    }

    static List<FaultKind> applicableKinds(int brokers) {
        List<FaultKind> kinds = new ArrayList<>(List.of(FaultKind.values()));
        if (brokers < 3) {
            kinds.remove(FaultKind.KILL_BROKER);
        }
        return kinds;
    }
}
