package io.feedwatch.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * Wall time and CPU time of this JVM (the application under test: consumers, Kafka Streams, and the bench's small polling
 * loop) and, separately, of its child processes (the embedded broker runs in a child JVM, so its CPU is not the app's).
 */
final class Meter {
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /** One reading. */
    record Reading(long wallNanos, long appCpuNanos, long brokerCpuNanos) {
    }

    /** What happened between two readings. */
    record Span(Duration wall, Duration appCpu, Duration brokerCpu) {
        double seconds() {
            return wall.toNanos() / 1e9;
        }

        /** Average cores busy in this JVM. */
        double appCores() {
            return wall.isZero() ? 0 : (double) appCpu.toNanos() / wall.toNanos();
        }

        double brokerCores() {
            return wall.isZero() ? 0 : (double) brokerCpu.toNanos() / wall.toNanos();
        }
    }

    Reading read() {
        return new Reading(System.nanoTime(), os.getProcessCpuTime(), childrenCpuNanos());
    }

    static Span between(Reading a, Reading b) {
        return new Span(Duration.ofNanos(b.wallNanos() - a.wallNanos()), Duration.ofNanos(b.appCpuNanos() - a.appCpuNanos()),
                Duration.ofNanos(Math.max(0, b.brokerCpuNanos() - a.brokerCpuNanos())));
    }

    private static long childrenCpuNanos() {
        return ProcessHandle.current().descendants()
                .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L))
                .sum();
    }
}
