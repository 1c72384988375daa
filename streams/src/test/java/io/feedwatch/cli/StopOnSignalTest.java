package io.feedwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.feedwatch.app.TopicSetup;
import io.feedwatch.broker.BrokerOptions;
import io.feedwatch.broker.EmbeddedBroker;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every long-running command, started as a child JVM from the test classpath, stops cleanly on SIGTERM and on SIGINT:
 * its last line printed, its exit status the signal's (143, 130), nothing it created left in its temp directory. Ctrl-C
 * in a terminal signals the whole process group, so the demo and the broker are also tested that way (their embedded
 * broker is a grandchild that must outlive the signal until they stop it). The demo's runs also show that its log goes
 * to a file, not to the terminal.
 *
 * <p>run, simulate and export talk to a broker of this class's own, not the shared one: simulate writes participants
 * that other tests would see.
 */
class StopOnSignalTest {
    private static final Duration READY = Duration.ofSeconds(120);
    private static final Duration EXIT = Duration.ofSeconds(120);
    private static final int SIGINT_EXIT = 130;
    private static final int SIGTERM_EXIT = 143;

    private static EmbeddedBroker broker;

    @TempDir
    Path dir;

    private Child child;

    enum Signal {
        SIGTERM(SIGTERM_EXIT), SIGINT(SIGINT_EXIT);

        final int exitStatus;

        Signal(int exitStatus) {
            this.exitStatus = exitStatus;
        }
    }

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedBroker.start(BrokerOptions.defaults());
        Properties admin = new Properties();
        admin.put("bootstrap.servers", broker.bootstrapServers());
        TopicSetup.ensureTopics(admin, 1, (short) 1, Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @AfterEach
    void killWhatIsLeft() {
        if (child != null) {
            child.kill();
        }
    }

    @Test
    void demoStopsCleanlyOnSigterm() throws Exception {
        child = Child.start(dir, false, "demo", "--participants", "3", "--http-port", "0", "--duration", "5m");
        child.awaitOutput("Dashboard: http://127.0.0.1:");

        child.sigterm();

        assertDemoStoppedCleanly(SIGTERM_EXIT);
    }

    @Test
    void demoStopsCleanlyOnCtrlC() throws Exception {
        child = Child.start(dir, true, "demo", "--participants", "3", "--http-port", "0", "--duration", "5m");
        child.awaitOutput("Dashboard: http://127.0.0.1:");

        child.ctrlC();

        assertDemoStoppedCleanly(SIGINT_EXIT);
    }

    private void assertDemoStoppedCleanly(int exitStatus) throws Exception {
        assertThat(child.awaitExit()).as(child.describe()).isEqualTo(exitStatus);
        assertThat(child.out).as(child.describe())
                .anyMatch(line -> line.startsWith("feedwatch demo: stopping at simulated "))
                .anyMatch(line -> line.startsWith("Analyst database: "))
                .last().isEqualTo("feedwatch demo: stopped; the broker's data directory is removed");
        assertThat(dir.resolve("feedwatch-out").resolve("demo.duckdb")).isNotEmptyFile();
        assertThat(feedwatchLeftovers()).as(child.describe()).isEmpty();
        // the terminal is for people: the log goes to the file named on the first line
        assertThat(child.out).first().asString().contains("(log: feedwatch-out/demo.log)");
        assertThat(child.err).as(child.describe()).isEmpty();
        assertThat(dir.resolve("feedwatch-out").resolve("demo.log")).content().contains("Kafka broker ready at");
    }

    /** A live clinic week runs the demo's pipeline for minutes: Ctrl-C stops it, broker child JVM and state included. */
    @Test
    void liveClinicWeekStopsCleanlyOnCtrlC() throws Exception {
        child = Child.start(dir, true, "clinic-week", "--participants", "3", "--days", "7");
        child.awaitOutput("clinic-week: live run from ");

        child.ctrlC();

        assertThat(child.awaitExit()).as(child.describe()).isEqualTo(SIGINT_EXIT);
        assertThat(child.out).as(child.describe()).last().isEqualTo("clinic-week: stopped before the end of the week; nothing written");
        assertThat(feedwatchLeftovers()).as(child.describe()).isEmpty();
        assertThat(child.err).as(child.describe()).isEmpty();
        assertThat(dir.resolve("feedwatch-out").resolve("clinic-week.log")).content().contains("Kafka broker ready at");
    }

    @Test
    void brokerStopsCleanlyOnSigterm() throws Exception {
        child = Child.start(dir, false, "broker", "--port", "0");
        child.awaitOutput("Kafka broker ready at 127.0.0.1:");

        child.sigterm();

        assertBrokerStoppedCleanly(SIGTERM_EXIT);
    }

    @Test
    void brokerStopsCleanlyOnCtrlC() throws Exception {
        child = Child.start(dir, true, "broker", "--port", "0");
        child.awaitOutput("Kafka broker ready at 127.0.0.1:");

        child.ctrlC();

        assertBrokerStoppedCleanly(SIGINT_EXIT);
    }

    private void assertBrokerStoppedCleanly(int exitStatus) throws Exception {
        assertThat(child.awaitExit()).as(child.describe()).isEqualTo(exitStatus);
        assertThat(child.out).as(child.describe()).last().isEqualTo("Kafka broker stopped; its data is removed");
        assertThat(feedwatchLeftovers()).as(child.describe()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Signal.class)
    void runStopsCleanly(Signal signal) throws Exception {
        String applicationId = "stop-test-" + UUID.randomUUID();
        child = Child.start(dir, false, "run", "--bootstrap-servers", broker.bootstrapServers(), "--http-port", "0",
                "--set", "application.id=" + applicationId, "--set", "state.dir=" + dir.resolve("state"));
        child.awaitOutput("Dashboard and HTTP API: http://127.0.0.1:");

        child.send(signal);

        assertThat(child.awaitExit()).as(child.describe()).isEqualTo(signal.exitStatus);
        assertThat(child.out).as(child.describe())
                .contains("feedwatch: PENDING_SHUTDOWN -> NOT_RUNNING")
                .last().isEqualTo("feedwatch run: stopped (application.id=" + applicationId + ")");
    }

    @ParameterizedTest
    @EnumSource(Signal.class)
    void simulateStopsCleanly(Signal signal) throws Exception {
        child = Child.start(dir, false, "simulate", "--bootstrap-servers", broker.bootstrapServers(), "--participants", "3",
                "--duration", "5m", "--speed", "60");
        child.awaitOutput("simulated clock: ");

        child.send(signal);

        assertThat(child.awaitExit()).as(child.describe()).isEqualTo(signal.exitStatus);
        assertThat(child.out).as(child.describe()).last().asString()
                .startsWith("stopped: sent ").endsWith(" to " + broker.bootstrapServers());
    }

    @ParameterizedTest
    @EnumSource(Signal.class)
    void exportStopsCleanly(Signal signal) throws Exception {
        Path database = dir.resolve("export.duckdb");
        child = Child.start(dir, false, "export", "--bootstrap-servers", broker.bootstrapServers(), "--database", database.toString(),
                "--group", "stop-test-" + UUID.randomUUID());
        child.awaitOutput("Ctrl-C to stop");

        child.send(signal);

        assertThat(child.awaitExit()).as(child.describe()).isEqualTo(signal.exitStatus);
        assertThat(child.out).as(child.describe()).last().asString().startsWith("export: ").endsWith(database.toString());
        assertThat(database).isNotEmptyFile();
    }

    /** What a command put in its temp directory under feedwatch's own names (broker data, Streams state). */
    private List<String> feedwatchLeftovers() throws IOException {
        try (Stream<Path> entries = Files.list(dir.resolve("tmp"))) {
            return entries.map(p -> p.getFileName().toString()).filter(name -> name.startsWith("feedwatch-")).toList();
        }
    }

    /** A feedwatch command in a child JVM, working in {@code dir}, with {@code dir/tmp} as its temp directory. */
    private static final class Child {
        final Process process;
        final List<String> out = new CopyOnWriteArrayList<>();
        final List<String> err = new CopyOnWriteArrayList<>();
        private final List<Thread> readers;

        private Child(Process process) {
            this.process = process;
            this.readers = List.of(follow(process.getInputStream(), out), follow(process.getErrorStream(), err));
        }

        /** @param ownProcessGroup in a process group of its own, as a terminal would start it, so that Ctrl-C can be sent to it */
        static Child start(Path dir, boolean ownProcessGroup, String... args) throws IOException {
            Path tmp = Files.createDirectories(dir.resolve("tmp"));
            List<String> command = new ArrayList<>();
            if (ownProcessGroup && setsid() != null) {
                command.add(setsid().toString());
            }
            command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + tmp,
                    "-cp", absoluteClassPath(), Main.class.getName()));
            command.addAll(List.of(args));
            Process p = new ProcessBuilder(command).directory(dir.toFile()).start();
            p.getOutputStream().close();
            return new Child(p);
        }

        /** Waits until the command has printed a line containing {@code text}: it is then running. */
        void awaitOutput(String text) {
            await().atMost(READY)
                    .failFast("the command ended: " + describe(), () -> !process.isAlive())
                    .until(() -> out.stream().anyMatch(line -> line.contains(text)));
        }

        /** SIGTERM, by the process handle: {@code Process.destroy()} would also close the pipes we read the output from. */
        void sigterm() {
            assertThat(process.toHandle().destroy()).isTrue();
        }

        void send(Signal signal) throws Exception {
            if (signal == Signal.SIGTERM) {
                sigterm();
            } else {
                kill("-INT", Long.toString(process.pid()));
            }
        }

        /** SIGINT to the whole process group, as a terminal sends it on Ctrl-C (the child alone where setsid is missing). */
        void ctrlC() throws Exception {
            if (setsid() != null) {
                kill("-INT", "--", "-" + process.pid());
            } else {
                kill("-INT", Long.toString(process.pid()));
            }
        }

        /** The exit status, once the process has ended and everything it printed has been read. */
        int awaitExit() throws InterruptedException {
            assertThat(process.waitFor(EXIT.toMillis(), TimeUnit.MILLISECONDS)).as("exited in time: " + describe()).isTrue();
            for (Thread reader : readers) {
                reader.join(EXIT.toMillis());
            }
            return process.exitValue();
        }

        void kill() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }

        String describe() {
            return "\nstdout:\n" + String.join("\n", out) + "\nstderr:\n" + String.join("\n", err);
        }

        private static void kill(String... args) throws Exception {
            List<String> command = new ArrayList<>(List.of("kill"));
            command.addAll(List.of(args));
            Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
            assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(kill.exitValue()).as(new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
        }

        /** setsid(1) makes the child a process group leader (it execs, so the pid stays the child's), or null. */
        private static Path setsid() {
            return Stream.of("/usr/bin/setsid", "/bin/setsid").map(Path::of).filter(Files::isExecutable).findFirst().orElse(null);
        }

        private static String absoluteClassPath() {
            return Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                    .filter(entry -> !entry.isEmpty())
                    .map(entry -> Path.of(entry).toAbsolutePath().toString())
                    .reduce((a, b) -> a + File.pathSeparator + b)
                    .orElseThrow();
        }

        private static Thread follow(InputStream stream, List<String> lines) {
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        lines.add(line);
                    }
                } catch (IOException e) {
                    lines.add("(reading failed: " + e + ")");
                }
            }, "child-output");
            reader.setDaemon(true);
            reader.start();
            return reader;
        }
    }
}
