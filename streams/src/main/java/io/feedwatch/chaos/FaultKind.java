package io.feedwatch.chaos;

/** What a fault does to its target. */
public enum FaultKind {
    /** SIGKILL of an app instance, then a restart on the same state directory. */
    KILL_INSTANCE,
    /**
     * SIGSTOP of an app instance for longer than its session timeout, then SIGCONT: the group has moved its tasks on,
     * so whatever the woken zombie still tries to write must be fenced.
     */
    ZOMBIE_INSTANCE,
    /** SIGKILL of a broker, then a restart on its data; only with 3 brokers or more, so that min.insync.replicas=2 holds. */
    KILL_BROKER,
    /** Every instance in turn stopped cleanly (SIGTERM) and started again, each waited for before the next. */
    ROLLING_RESTART
}
