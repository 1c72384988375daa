package io.feedwatch.chaos;

import io.feedwatch.broker.EmbeddedCluster;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * Does a {@link Fault} to the running instances or cluster, then measures the recovery: from the end of the fault (the
 * restart, the SIGCONT) until the instances concerned answer {@code /ready} with 200, and until the group's lag on
 * the inputs is 0 (while the workload goes on, lag 0 is reached between two batches).
 */
final class FaultInjector {
    /** Longer than the broker's minimum (6 s), short enough that a zombie is found out quickly. */
    static final Duration SESSION_TIMEOUT = Duration.ofSeconds(6);
    /** A zombie sleeps this much longer than the session timeout, so that the group surely moves its tasks on. */
    private static final Duration ZOMBIE_MARGIN = Duration.ofSeconds(4);
    private static final Duration RECOVERY_DEADLINE = Duration.ofMinutes(3);

    private final List<AppInstance> instances;
    private final EmbeddedCluster cluster;
    private final Lag lag;

    FaultInjector(List<AppInstance> instances, EmbeddedCluster cluster, Lag lag) {
        this.instances = instances;
        this.cluster = cluster;
        this.lag = lag;
    }

    /** Injects the fault and returns its recovery times; {@code atSeconds} is filled by the caller's clock. */
    FaultResult inject(Fault fault, double atSeconds) throws IOException, InterruptedException {
        List<AppInstance> concerned = instances;
        switch (fault.kind()) {
            case KILL_INSTANCE -> {
                AppInstance target = instances.get(fault.target());
                target.kill();
                target.start();
                concerned = List.of(target);
            }
            case ZOMBIE_INSTANCE -> {
                AppInstance target = instances.get(fault.target());
                target.pause();
                Thread.sleep(SESSION_TIMEOUT.plus(ZOMBIE_MARGIN).toMillis());
                target.resume();
                concerned = List.of(target);
            }
            case KILL_BROKER -> {
                cluster.kill(fault.target());
                cluster.restart(fault.target());
            }
            case ROLLING_RESTART -> {
                for (AppInstance instance : instances) {
                    instance.stop();
                    instance.start();
                    Waiting.secondsUntil(instance::ready, RECOVERY_DEADLINE);
                }
            }
            default -> throw new IllegalStateException("unknown fault " + fault.kind());
        }
        long end = System.nanoTime();
        List<AppInstance> waitFor = concerned;
        double ready = Waiting.secondsUntil(() -> waitFor.stream().allMatch(AppInstance::ready), RECOVERY_DEADLINE) < 0 ? -1
                : (System.nanoTime() - end) / 1e9;
        double caughtUp = Waiting.secondsUntil(() -> lag.total() == 0, RECOVERY_DEADLINE) < 0 ? -1 : (System.nanoTime() - end) / 1e9;
        return new FaultResult(fault, atSeconds, ready, caughtUp);
    }
}
