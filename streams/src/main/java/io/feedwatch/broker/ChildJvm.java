package io.feedwatch.broker;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The command line of a child JVM started from feedwatch's own classpath: the embedded broker's nodes, and the app
 * instances of {@code feedwatch chaos}. Small-machine flags: many such JVMs share a laptop's cores and memory.
 */
public final class ChildJvm {
    private ChildJvm() {
    }

    /**
     * @param heap      maximum heap, in {@code -Xmx} notation such as {@code 512m}
     * @param mainClass the class whose main runs
     * @param extraJvm  further JVM options (system properties)
     * @param args      the program's arguments
     */
    public static List<String> command(String heap, Class<?> mainClass, List<String> extraJvm, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        // A small heap on a laptop: the serial collector needs the least memory and no GC threads.
        command.add("-XX:+UseSerialGC");
        // The quick compiler only: starts the JVM in about half the time (3-4 s instead of 5-8 s on two cores);
        // the lower peak speed does not matter at demo and test volumes.
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Djava.awt.headless=true");
        command.addAll(extraJvm);
        command.add("-cp");
        command.add(absoluteClassPath());
        command.add(mainClass.getName());
        command.addAll(args);
        return command;
    }

    /** This JVM's classpath with absolute entries, since a child may run in another directory. */
    private static String absoluteClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.isEmpty())
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }
}
