package io.feedwatch.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.Uuid;

/**
 * A local KRaft cluster of N nodes, each an {@link EmbeddedBroker} child JVM that is broker and controller at once, on
 * 127.0.0.1 only: one node id, port pair and data directory each ({@code node-1}, {@code node-2}, ... under the
 * cluster's directory; a cluster of one uses the directory itself, as {@code feedwatch broker} always did), a static
 * {@code controller.quorum.voters} naming every node, and storage formatted with one shared cluster id. Topics get
 * min(3, N) replicas and, from 3 nodes on, {@code min.insync.replicas=2}: any one node can die without losing an
 * acknowledged write, which is what {@code feedwatch chaos} checks by killing them.
 */
public final class EmbeddedCluster implements AutoCloseable {
    private final Path root;
    private final boolean keepData;
    private final String heap;
    private final List<KraftNode> nodes;
    private final EmbeddedBroker[] running;
    private boolean closed;

    private EmbeddedCluster(Path root, boolean keepData, String heap, List<KraftNode> nodes) {
        this.root = root;
        this.keepData = keepData;
        this.heap = heap;
        this.nodes = List.copyOf(nodes);
        this.running = new EmbeddedBroker[nodes.size()];
    }

    /**
     * Starts every node, then returns once each answers an Admin request.
     *
     * @param size    number of nodes, at least 1
     * @param options port is node 1's client port (0: free); dataDir, keepData and heap apply to the whole cluster
     *                (the heap to each node); controllerPort must be 0
     */
    public static EmbeddedCluster start(int size, BrokerOptions options) {
        if (size < 1) {
            throw new IllegalArgumentException("a cluster has at least 1 node, got " + size);
        }
        if (size == 1) {
            return startAlone(options);
        }
        Path root = prepareRoot(options.dataDir());
        List<Integer> ports = freePorts(2 * size, options.port());
        String voters = IntStream.range(0, size)
                .mapToObj(i -> (i + 1) + "@" + EmbeddedBroker.HOST + ":" + ports.get(size + i))
                .collect(Collectors.joining(","));
        String clusterId = existingOrNewClusterId(root);
        List<KraftNode> nodes = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            nodes.add(new KraftNode(i + 1, ports.get(i), ports.get(size + i), voters, size, clusterId));
        }
        EmbeddedCluster cluster = new EmbeddedCluster(root, options.keepData(), options.heap(), nodes);
        Instant started = Instant.now();
        try {
            for (int i = 0; i < size; i++) {
                cluster.running[i] = EmbeddedBroker.launch(nodes.get(i),
                        EmbeddedBroker.prepareDataDir(root.resolve("node-" + (i + 1))), options.heap(), options.keepData());
            }
            // a node is ready only once a majority of the quorum runs: wait for all of them together
            awaitAll(cluster, started);
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    private static EmbeddedCluster startAlone(BrokerOptions options) {
        int port = options.port() == 0 ? EmbeddedBroker.freePort(0) : EmbeddedBroker.checkFree(options.port());
        KraftNode node = KraftNode.single(port, EmbeddedBroker.freePort(port));
        Path dir = EmbeddedBroker.prepareDataDir(options.dataDir());
        EmbeddedCluster cluster = new EmbeddedCluster(dir, options.keepData(), options.heap(), List.of(node));
        Instant started = Instant.now();
        cluster.running[0] = EmbeddedBroker.launch(node, dir, options.heap(), options.keepData());
        cluster.running[0].awaitReadyOrClose(started);
        return cluster;
    }

    private static void awaitAll(EmbeddedCluster cluster, Instant started) {
        List<CompletableFuture<Void>> ready = new ArrayList<>();
        for (EmbeddedBroker node : cluster.running) {
            ready.add(CompletableFuture.runAsync(() -> node.awaitReadyOrClose(started)));
        }
        try {
            CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)).get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new BrokerStartException(e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerStartException("interrupted while waiting for the cluster to start");
        }
    }

    /** Every node's client address: {@code 127.0.0.1:P1,127.0.0.1:P2,...}. */
    public String bootstrapServers() {
        return nodes.stream().map(n -> EmbeddedBroker.HOST + ":" + n.port()).collect(Collectors.joining(","));
    }

    public int size() {
        return nodes.size();
    }

    /** Replicas each topic should get: min(3, size). */
    public short replicationFactor() {
        return (short) nodes.get(0).replicationFactor();
    }

    public Path dataDir() {
        return root;
    }

    /** SIGKILL of node {@code index} (0-based); its data stays for {@link #restart}. */
    public synchronized void kill(int index) throws InterruptedException {
        running[index].kill();
    }

    /** Starts node {@code index} again on its ports and data, and returns once it answers. */
    public synchronized void restart(int index) {
        EmbeddedBroker old = running[index];
        running[index] = EmbeddedBroker.launch(nodes.get(index), old.dataDir(), heap, keepData);
        running[index].awaitReadyOrClose(Instant.now());
    }

    /** A node's process that ended: which node (0-based), and its exit code. */
    public record NodeExit(int index, int exitCode) {
    }

    /** Blocks until some node's process ends (they only end by themselves if they fail). */
    public NodeExit awaitAnyExit() throws InterruptedException {
        List<CompletableFuture<NodeExit>> exits = new ArrayList<>();
        for (int i = 0; i < running.length; i++) {
            int index = i;
            exits.add(running[i].onExit().thenApply(code -> new NodeExit(index, code)));
        }
        try {
            return (NodeExit) CompletableFuture.anyOf(exits.toArray(CompletableFuture[]::new)).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** The last lines of node {@code index}'s log. */
    public String logTail(int index) {
        return running[index].logTail();
    }

    /** Stops every node (controlled shutdowns, in parallel) and, unless keepData, removes their data. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        for (EmbeddedBroker node : running) {
            if (node != null) {
                stops.add(CompletableFuture.runAsync(node::close));
            }
        }
        stops.forEach(CompletableFuture::join);
        if (!keepData && nodes.size() > 1) {
            try {
                Files.deleteIfExists(root);
            } catch (DirectoryNotEmptyException e) {
                // the user's own files, or a node's left behind: keep them
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove " + root, e);
            }
        }
    }

    /** The cluster's directory: new under the temp directory, or the given one, holding nothing but node directories. */
    private static Path prepareRoot(Path requested) {
        try {
            if (requested == null) {
                return Files.createTempDirectory("feedwatch-cluster-").toAbsolutePath();
            }
            Path dir = Files.createDirectories(requested).toAbsolutePath();
            try (var entries = Files.list(dir)) {
                List<String> foreign = entries.map(p -> p.getFileName().toString()).filter(n -> !n.matches("node-[0-9]+")).sorted().toList();
                if (!foreign.isEmpty()) {
                    throw new BrokerStartException("data directory " + dir + " contains files that are not the cluster's: "
                            + String.join(", ", foreign) + " (use an empty or new directory)");
                }
            }
            return dir;
        } catch (IOException e) {
            throw new BrokerStartException("cannot use data directory " + requested + ": " + e, "", e);
        }
    }

    /** Node 1's cluster id when the cluster was kept from an earlier start (every node must be formatted with it). */
    private static String existingOrNewClusterId(Path root) {
        Path meta = root.resolve("node-1").resolve(EmbeddedBroker.KAFKA_LOGS).resolve("meta.properties");
        if (Files.exists(meta)) {
            Properties props = new Properties();
            try (var in = Files.newBufferedReader(meta)) {
                props.load(in);
            } catch (IOException e) {
                throw new BrokerStartException("cannot read " + meta + ": " + e.getMessage(), "", e);
            }
            if (props.getProperty("cluster.id") != null) {
                return props.getProperty("cluster.id");
            }
        }
        return Uuid.randomUuid().toString();
    }

    /**
     * {@code count} distinct free ports on 127.0.0.1, all held open until all are found so that none comes twice; the
     * first is {@code first} when it is not 0 (and free).
     */
    private static List<Integer> freePorts(int count, int first) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                int wanted = i == 0 ? first : 0;
                try {
                    held.add(new ServerSocket(wanted, 1, InetAddress.getByName(EmbeddedBroker.HOST)));
                } catch (IOException e) {
                    throw new BrokerStartException(wanted != 0 ? "port " + wanted + " on " + EmbeddedBroker.HOST + " is already in use"
                            : "cannot find a free port on " + EmbeddedBroker.HOST + ": " + e.getMessage());
                }
            }
            return held.stream().map(ServerSocket::getLocalPort).toList();
        } finally {
            for (ServerSocket s : held) {
                try {
                    s.close();
                } catch (IOException e) {
                    // nothing listens on it: closing cannot matter
                }
            }
        }
    }
}
