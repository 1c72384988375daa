package io.feedwatch.chaos;

import java.time.Duration;

/**
 * One planned fault.
 *
 * @param index  position in the plan, from 1
 * @param kind   what is done
 * @param target the instance or broker (0-based); unused (0) for a rolling restart, which hits every instance
 * @param after  how long after the workload starts the fault is due; it waits for the previous fault's recovery
 */
public record Fault(int index, FaultKind kind, int target, Duration after) {
    /** "instance 2", "broker 1" or "all instances", for reports. */
    public String targetName() {
        return switch (kind) {
            case KILL_INSTANCE, ZOMBIE_INSTANCE -> "instance " + (target + 1);
            case KILL_BROKER -> "broker " + (target + 1);
            case ROLLING_RESTART -> "all instances";
        };
    }
}
