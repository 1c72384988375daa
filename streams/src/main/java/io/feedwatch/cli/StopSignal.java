package io.feedwatch.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGINT (Ctrl-C) and SIGTERM for a long-running command. The JVM answers both by running its shutdown hooks, and halts
 * as soon as they have returned, whatever the command's own thread is doing. The hook installed here therefore only
 * asks the command to stop ({@link #requested()}, {@link #onRequest}), then holds the JVM until the command has stopped
 * what it started, removed what it created and printed its last line ({@link #close()}), for at most {@link #GRACE}.
 * The exit status is then the JVM's for the signal: 130 after SIGINT, 143 after SIGTERM, as shells expect.
 *
 * <p>Use it around everything the command starts: {@code try (StopSignal stop = StopSignal.install("demo")) {...}}.
 */
final class StopSignal implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StopSignal.class);

    /** Longer than the slowest orderly stop: the broker gets 30 s, then 10 s to die, and Kafka Streams 30 s. */
    static final Duration GRACE = Duration.ofSeconds(90);

    private final CountDownLatch requested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final List<Runnable> actions = new ArrayList<>();
    private final Thread hook;

    private StopSignal(String command) {
        this.hook = new Thread(this::stopAndWait, "feedwatch-" + command + "-stop");
    }

    /** Installs the hook; from now on a signal is a request to stop. */
    static StopSignal install(String command) {
        StopSignal signal = new StopSignal(command);
        Runtime.getRuntime().addShutdownHook(signal.hook);
        return signal;
    }

    boolean requested() {
        return requested.getCount() == 0;
    }

    /** Waits until a stop is requested. */
    void await() throws InterruptedException {
        requested.await();
    }

    /**
     * Runs {@code action} when a stop is requested, on the signal's thread, or now if it already was. For waking up
     * what blocks the command (a poll, a sleep); the command itself does the cleaning up.
     */
    void onRequest(Runnable action) {
        synchronized (actions) {
            if (!requested()) {
                actions.add(action);
                return;
            }
        }
        action.run();
    }

    private void stopAndWait() {
        List<Runnable> toRun;
        synchronized (actions) {
            requested.countDown();
            toRun = List.copyOf(actions);
        }
        for (Runnable action : toRun) {
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.warn("stopping failed", e);
            }
        }
        try {
            if (!finished.await(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("still stopping after {} s; exiting anyway", GRACE.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The command is done (stopped and cleaned up, or finished by itself): lets the JVM exit. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // a signal came: the hook is running, and returns now
        }
    }
}
