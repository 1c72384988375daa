package io.feedwatch.chaos;

import io.feedwatch.broker.ChildJvm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One {@code feedwatch run} as a child JVM ({@link InstanceMain}), on a fixed HTTP port and its own state directory, so
 * that a restart finds its state and the driver finds it again. Its output is appended to {@code instance-N.log}.
 */
final class AppInstance implements AutoCloseable {
    private static final String HEAP = "320m";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration READY_REQUEST = Duration.ofSeconds(2);

    private final int index;
    private final int httpPort;
    private final Path dir;
    private final List<String> args;
    private final HttpClient http;
    private volatile Process process;

    /**
     * @param index    0-based
     * @param settings the configuration every instance shares (the run passes them as {@code --set})
     */
    AppInstance(int index, String bootstrapServers, int httpPort, Path dir, Map<String, String> settings, HttpClient http) {
        this.index = index;
        this.httpPort = httpPort;
        this.dir = dir;
        this.http = http;
        List<String> a = new ArrayList<>(List.of("run", "--bootstrap-servers", bootstrapServers, "--http-host", "127.0.0.1",
                "--http-port", Integer.toString(httpPort), "--set", "state.dir=" + dir.resolve("state")));
        settings.forEach((k, v) -> {
            a.add("--set");
            a.add(k + "=" + v);
        });
        this.args = List.copyOf(a);
    }

    String name() {
        return "instance " + (index + 1);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    synchronized void start() throws IOException {
        Files.createDirectories(dir);
        process = new ProcessBuilder(ChildJvm.command(HEAP, InstanceMain.class, List.of(), args))
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
                .start();
    }

    private Path log() {
        return dir.resolve("instance-" + (index + 1) + ".log");
    }

    /**
     * How many times Kafka Streams has become RUNNING, over every start: {@code run} prints each state change. A zombie
     * woken by SIGCONT still answers {@code /ready} from before its sleep; only a new RUNNING says that it was found
     * out, rejoined the group and got its tasks back.
     */
    long timesRunning() {
        try (var lines = Files.lines(log())) {
            return lines.filter(line -> line.startsWith("feedwatch: ") && line.endsWith("-> RUNNING")).count();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    boolean alive() {
        Process p = process;
        return p != null && p.isAlive();
    }

    /** SIGKILL: no shutdown hook runs, transactions in flight stay open until the next producer fences them. */
    void kill() throws InterruptedException {
        Process p = process;
        p.destroyForcibly();
        p.waitFor();
    }

    /** SIGTERM: {@code run} closes Kafka Streams cleanly; killed if that takes longer than a minute. */
    void stop() throws InterruptedException {
        Process p = process;
        p.destroy();
        if (!p.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            kill();
        }
    }

    void pause() throws IOException, InterruptedException {
        signal("STOP");
    }

    void resume() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String name) throws IOException, InterruptedException {
        int exit = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start().waitFor();
        if (exit != 0) {
            throw new IOException("kill -" + name + " " + process.pid() + " failed with exit code " + exit);
        }
    }

    /** {@code /ready} answers 200: Kafka Streams is RUNNING. */
    boolean ready() {
        if (!alive()) {
            return false;
        }
        try {
            HttpRequest request = HttpRequest.newBuilder(uri("/ready")).timeout(READY_REQUEST).GET().build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Ends the instance whatever its state (SIGKILL ends a paused process too) and removes its state directory, which
     * is of no use once the run's cluster is gone and would confuse a next run in the same directory; the log stays.
     */
    @Override
    public void close() {
        Process p = process;
        if (p != null && p.isAlive()) {
            p.destroyForcibly();
            try {
                p.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        deleteState();
    }

    /** Removes the state directory; the run calls this before the first start too, after a run that was cut short. */
    void deleteState() {
        Path state = dir.resolve("state");
        if (!Files.exists(state)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(state)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + state, e);
        }
    }
}
