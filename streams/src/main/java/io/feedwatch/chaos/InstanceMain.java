package io.feedwatch.chaos;

import io.feedwatch.cli.Main;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Entry point of an app instance that {@link AppInstance} starts: {@code feedwatch run} with the given arguments, which
 * also ends when the chaos run that started it goes away. The parent holds the other end of our stdin and never writes
 * to it; end of input means that it closed the pipe or died, even by SIGKILL. Exiting then runs {@code run}'s own stop
 * (its shutdown hook), so no instance outlives the chaos run.
 */
public final class InstanceMain {
    private InstanceMain() {
    }

    public static void main(String[] args) {
        Thread watchdog = new Thread(() -> {
            try {
                System.in.transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                System.err.println("instance: lost the pipe from feedwatch chaos (" + e.getMessage() + "), stopping");
            }
            System.exit(0);
        }, "feedwatch-parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        Main.main(args);
    }
}
