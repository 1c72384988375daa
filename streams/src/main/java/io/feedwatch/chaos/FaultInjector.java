package io.feedwatch.chaos;

import io.feedwatch.broker.EmbeddedCluster;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

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
        return switch (fault.kind()) {
            case KILL_INSTANCE -> {
                AppInstance target = instances.get(fault.target());
                target.kill();
                target.start();
                yield recovery(fault, atSeconds, target::ready);
            }
            case ZOMBIE_INSTANCE -> {
                AppInstance target = instances.get(fault.target());
                long runningBefore = target.timesRunning();
                target.pause();
                Thread.sleep(SESSION_TIMEOUT.plus(ZOMBIE_MARGIN).toMillis());
                target.resume();
                // ready only once it has been through a rebalance: until then its /ready still tells of before the sleep
                yield recovery(fault, atSeconds, () -> target.timesRunning() > runningBefore && target.ready());
            }
            case KILL_BROKER -> {
                cluster.kill(fault.target());
                cluster.restart(fault.target());
                yield recovery(fault, atSeconds, this::allReady);
            }
            case ROLLING_RESTART -> {
                // each instance waits for the one before it; the recovery is measured from the last one's restart
                for (int i = 0; i < instances.size(); i++) {
                    AppInstance instance = instances.get(i);
                    instance.stop();
                    instance.start();
                    if (i < instances.size() - 1) {
                        Waiting.secondsUntil(instance::ready, RECOVERY_DEADLINE);
                    }
                }
                yield recovery(fault, atSeconds, this::allReady);
            }
        };
    }

    private boolean allReady() {
        return instances.stream().allMatch(AppInstance::ready);
    }

    /** Seconds from now (the end of the fault) until {@code ready}, and until the lag is 0 after that; -1 for never. */
    private FaultResult recovery(Fault fault, double atSeconds, BooleanSupplier ready) throws InterruptedException {
        long end = System.nanoTime();
        double readyAfter = Waiting.secondsUntil(ready, RECOVERY_DEADLINE) < 0 ? -1 : (System.nanoTime() - end) / 1e9;
        double caughtUpAfter = Waiting.secondsUntil(() -> lag.total() == 0, RECOVERY_DEADLINE) < 0 ? -1 : (System.nanoTime() - end) / 1e9;
        return new FaultResult(fault, atSeconds, readyAfter, caughtUpAfter);
    }
}
