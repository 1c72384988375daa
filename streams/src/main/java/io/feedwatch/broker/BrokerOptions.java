package io.feedwatch.broker;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * How to start an {@link EmbeddedBroker}.
 *
 * @param port           port for Kafka clients on 127.0.0.1; 0 picks a free one
 * @param controllerPort port of the KRaft controller listener on 127.0.0.1; 0 picks a free one
 * @param dataDir        where the broker keeps its configuration, log file and data; null creates a new
 *                       {@code feedwatch-broker-*} directory under the system temp directory
 * @param keepData       keep the data when the broker is closed (to start it again later on the same dataDir)
 * @param heap           maximum heap of the broker JVM, in {@code -Xmx} notation such as {@code 512m}
 */
public record BrokerOptions(int port, int controllerPort, Path dataDir, boolean keepData, String heap) {
    /** Enough for the demo's volumes; the broker's own default (1 GiB) is more than a laptop demo needs. */
    public static final String DEFAULT_HEAP = "512m";

    private static final Pattern HEAP = Pattern.compile("[1-9][0-9]*[kKmMgG]?");

    public BrokerOptions {
        checkPort("port", port);
        checkPort("controllerPort", controllerPort);
        if (port != 0 && port == controllerPort) {
            throw new IllegalArgumentException("port and controllerPort must differ, both are " + port);
        }
        if (heap == null || !HEAP.matcher(heap).matches()) {
            throw new IllegalArgumentException("heap must look like 512m or 1g, got '" + heap + "'");
        }
    }

    /** Free ports, a new temporary data directory that is removed on close, {@link #DEFAULT_HEAP}. */
    public static BrokerOptions defaults() {
        return new BrokerOptions(0, 0, null, false, DEFAULT_HEAP);
    }

    private static void checkPort(String name, int value) {
        if (value < 0 || value > 65_535) {
            throw new IllegalArgumentException(name + " must be between 0 and 65535, got " + value);
        }
    }
}
