package io.feedwatch.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka cluster (KRaft, broker and controller in one process) on 127.0.0.1, for
 * {@code feedwatch demo}, {@code feedwatch broker} and the integration tests; also one node of an
 * {@link EmbeddedCluster}. Not for production: no security.
 *
 * <p>The broker runs in a <b>child JVM</b> ({@link BrokerMain}) started from feedwatch's own classpath, rather than
 * inside the feedwatch JVM, because:
 * <ul>
 *   <li>the broker's heap, garbage collector and logging are isolated from the application's: a busy broker does
 *       not pause or starve the Streams app, and its chatty logs go to its own file instead of feedwatch's console;</li>
 *   <li>stopping it is clean: the process ends and takes every broker thread, file handle and port with it, even
 *       when the broker misbehaves (a forced kill is the last resort);</li>
 *   <li>it uses the same jars feedwatch already ships (Kafka is a dependency anyway): nothing to download or
 *       install, and the broker is always the Kafka version feedwatch was built and tested with.</li>
 * </ul>
 * The child ends when feedwatch ends, even if feedwatch is killed: it watches its stdin, a pipe from this process,
 * and exits when the pipe closes.
 *
 * <p>The data directory holds {@code server.properties}, {@code broker.log} (the child's output; warnings and up)
 * and {@code logs/} (Kafka's data). The controller quorum is configured statically ({@code controller.quorum.voters})
 * rather than formatted as a dynamic quorum, so that a kept data directory can be started again on other ports.
 */
public final class EmbeddedBroker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);

    /** The only address the broker binds: it is for this machine alone. */
    public static final String HOST = "127.0.0.1";

    static final String SERVER_PROPERTIES = "server.properties";
    static final String LOG_FILE = "broker.log";
    static final String KAFKA_LOGS = "logs";
    /** Everything the broker puts in its data directory: the only entries it accepts there, and removes on close. */
    private static final Set<String> OWN_ENTRIES = Set.of(SERVER_PROPERTIES, LOG_FILE, KAFKA_LOGS);

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final Duration CONNECT_TIMEOUT = Duration.ofMillis(500);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    /** A controlled shutdown of the single node takes about 2 s; after this the child is killed. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);
    private static final int LOG_TAIL_BYTES = 8 * 1024;
    private static final int LOG_TAIL_LINES = 40;

    private final Process process;
    private final Path dataDir;
    private final int port;
    private final boolean keepData;
    private boolean closed;

    private EmbeddedBroker(Process process, Path dataDir, int port, boolean keepData) {
        this.process = process;
        this.dataDir = dataDir;
        this.port = port;
        this.keepData = keepData;
    }

    /**
     * Starts the broker and returns once it answers an Admin request, within about a minute.
     *
     * @throws BrokerStartException if a port is taken, the data directory is unusable, or the broker did not become
     *                              ready in time (the message then ends with the tail of the broker's log)
     */
    public static EmbeddedBroker start(BrokerOptions options) {
        int port = options.port() == 0 ? freePort(0) : checkFree(options.port());
        int controllerPort = options.controllerPort() == 0 ? freePort(port) : checkFree(options.controllerPort());
        Path dataDir = prepareDataDir(options.dataDir());
        Instant started = Instant.now();
        EmbeddedBroker broker = launch(KraftNode.single(port, controllerPort), dataDir, options.heap(), options.keepData());
        broker.awaitReadyOrClose(started);
        return broker;
    }

    /**
     * Writes the node's configuration into {@code dataDir} (prepared) and starts its JVM, without waiting for it to be
     * ready: the nodes of a cluster must all run before any of them can elect a controller.
     */
    static EmbeddedBroker launch(KraftNode node, Path dataDir, String heap, boolean keepData) {
        LOG.info("Starting Kafka node {} on {}:{} (data: {})", node.nodeId(), HOST, node.port(), dataDir);
        try {
            writeServerProperties(dataDir, node);
            Process process = new ProcessBuilder(childCommand(dataDir, heap, node.clusterId()))
                    .directory(dataDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve(LOG_FILE).toFile()))
                    .start();
            return new EmbeddedBroker(process, dataDir, node.port(), keepData);
        } catch (IOException e) {
            if (!keepData) {
                deleteData(dataDir);
            }
            throw new BrokerStartException("cannot start the broker JVM: " + e.getMessage(), "", e);
        }
    }

    /** Returns once the node answers an Admin request (within a minute of {@code started}); else closes it and throws. */
    void awaitReadyOrClose(Instant started) {
        try {
            awaitReady(started.plus(STARTUP_TIMEOUT));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        LOG.info("Kafka broker ready at {} after {} ms", bootstrapServers(), Duration.between(started, Instant.now()).toMillis());
    }

    /** SIGKILL, as a crash would end the node: no controlled shutdown. Its data stays for a restart. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            LOG.debug("closing the broker's stdin failed", e);
        }
    }

    /** The {@code bootstrap.servers} value for clients: {@code 127.0.0.1:PORT}. */
    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The broker's own log (its stdout and stderr, Kafka logging at WARN and up). */
    public Path logFile() {
        return dataDir.resolve(LOG_FILE);
    }

    /** The last lines of {@link #logFile()}, for error messages; empty if there is no log. */
    public String logTail() {
        Path file = logFile();
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            long skipped = Math.max(0, channel.size() - LOG_TAIL_BYTES);
            channel.position(skipped);
            List<String> lines = new String(Channels.newInputStream(channel).readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .toList();
            if (skipped > 0 && !lines.isEmpty()) {
                lines = lines.subList(1, lines.size()); // cut in the middle
            }
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size())).strip();
        } catch (NoSuchFileException e) {
            return "";
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    /** Completes with the exit code when the broker process ends, without a thread waiting for it. */
    CompletableFuture<Integer> onExit() {
        return process.onExit().thenApply(Process::exitValue);
    }

    /**
     * Stops the broker (a controlled shutdown; killed if that takes more than 30 s) and, unless
     * {@link BrokerOptions#keepData()}, removes what it put in the data directory, and the directory if that is then
     * empty. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopProcess();
        if (!keepData) {
            deleteData(dataDir);
        }
    }

    private void awaitReady(Instant deadline) {
        while (!acceptsConnections()) {
            checkStillStarting(deadline, null);
            pause();
        }
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "feedwatch-broker-readiness");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) REQUEST_TIMEOUT.toMillis());
        try (Admin admin = Admin.create(props)) {
            while (true) {
                try {
                    admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) REQUEST_TIMEOUT.toMillis()))
                            .nodes()
                            .get();
                    return;
                } catch (ExecutionException e) {
                    checkStillStarting(deadline, e.getCause());
                    pause();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new BrokerStartException("interrupted while waiting for the broker to start");
                }
            }
        }
    }

    private void checkStillStarting(Instant deadline, Throwable lastError) {
        if (!process.isAlive()) {
            throw new BrokerStartException("the broker process exited with code " + process.exitValue() + " while starting",
                    logTail(), lastError);
        }
        if (Instant.now().isAfter(deadline)) {
            String why = lastError == null ? "its port " + port + " did not open" : "last error: " + lastError.getMessage();
            throw new BrokerStartException("the broker did not become ready within " + STARTUP_TIMEOUT.toSeconds()
                    + " s (" + why + ")", logTail(), lastError);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_INTERVAL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerStartException("interrupted while waiting for the broker to start");
        }
    }

    private boolean acceptsConnections() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), (int) CONNECT_TIMEOUT.toMillis());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void stopProcess() {
        boolean interrupted = false;
        process.destroy(); // SIGTERM: Kafka's shutdown hook shuts the node down cleanly
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Kafka broker did not stop within {} s, killing it", STOP_TIMEOUT.toSeconds());
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            interrupted = true;
            process.destroyForcibly();
        }
        try {
            // Wait for the kill as well, so that the data is not removed under a still running broker.
            if (!process.waitFor(KILL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Kafka broker process {} is still running", process.pid());
            }
        } catch (InterruptedException e) {
            interrupted = true;
        }
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            LOG.debug("closing the broker's stdin failed", e);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteData(Path dataDir) {
        try {
            for (String entry : OWN_ENTRIES) {
                deleteRecursively(dataDir.resolve(entry));
            }
            Files.deleteIfExists(dataDir);
        } catch (DirectoryNotEmptyException e) {
            LOG.info("Kept {}: it contains files the broker did not create", dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the broker data in " + dataDir, e);
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Creates the directory, or accepts an existing one that is empty or holds only a previous broker's files. */
    static Path prepareDataDir(Path requested) {
        try {
            if (requested == null) {
                return Files.createTempDirectory("feedwatch-broker-").toAbsolutePath();
            }
            Path dir = Files.createDirectories(requested).toAbsolutePath();
            try (Stream<Path> entries = Files.list(dir)) {
                List<String> foreign = entries.map(p -> p.getFileName().toString())
                        .filter(name -> !OWN_ENTRIES.contains(name))
                        .sorted()
                        .toList();
                if (!foreign.isEmpty()) {
                    // Refusing protects the user's files: on close, the broker's data is removed from this directory.
                    throw new BrokerStartException("data directory " + dir + " contains files that are not the broker's: "
                            + String.join(", ", foreign) + " (use an empty or new directory)");
                }
            }
            return dir;
        } catch (IOException e) {
            throw new BrokerStartException("cannot use data directory " + requested + ": " + e, "", e);
        }
    }

    private static void writeServerProperties(Path dataDir, KraftNode node) throws IOException {
        int port = node.port();
        int controllerPort = node.controllerPort();
        Map<String, String> props = new LinkedHashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(node.nodeId()));
        props.put("controller.quorum.voters", node.voters());
        props.put("listeners", "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", dataDir.resolve(KAFKA_LOGS).toString());
        // Internal topics get as many replicas as the cluster allows, up to 3; with 3 nodes or more a write needs 2 of
        // them, so that losing one node loses nothing acknowledged.
        String replicas = Integer.toString(node.replicationFactor());
        String minIsr = Integer.toString(node.minInSyncReplicas());
        props.put("offsets.topic.replication.factor", replicas);
        props.put("transaction.state.log.replication.factor", replicas);
        props.put("transaction.state.log.min.isr", minIsr);
        props.put("share.coordinator.state.topic.replication.factor", replicas);
        props.put("share.coordinator.state.topic.min.isr", minIsr);
        props.put("default.replication.factor", replicas);
        props.put("min.insync.replicas", minIsr);
        // Nobody else will join: do not delay the first consumer group rebalance.
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("num.partitions", "3");
        // feedwatch creates its topics explicitly (TopicSetup); a typo must not create a new topic.
        props.put("auto.create.topics.enable", "false");
        StringBuilder text = new StringBuilder("# Generated by feedwatch for its embedded broker; rewritten on every start.\n");
        props.forEach((k, v) -> text.append(k).append('=').append(v.replace("\\", "\\\\")).append('\n'));
        Files.writeString(dataDir.resolve(SERVER_PROPERTIES), text, StandardCharsets.UTF_8);
    }

    private static List<String> childCommand(Path dataDir, String heap, String clusterId) {
        return ChildJvm.command(heap, BrokerMain.class, List.of("-Dlogback.configurationFile=" + BrokerMain.LOGBACK_CONFIG),
                clusterId == null ? List.of(dataDir.resolve(SERVER_PROPERTIES).toString())
                        : List.of(dataDir.resolve(SERVER_PROPERTIES).toString(), clusterId));
    }

    static int freePort(int avoid) {
        while (true) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
                int port = socket.getLocalPort();
                if (port != avoid) {
                    return port;
                }
            } catch (IOException e) {
                throw new BrokerStartException("cannot find a free port on " + HOST + ": " + e.getMessage(), "", e);
            }
        }
    }

    static int checkFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new BrokerStartException("port " + port + " on " + HOST + " is already in use");
        }
    }
}
