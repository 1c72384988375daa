package io.feedwatch.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * One JDK Flight Recorder recording per stage (the JDK's "profile" settings: a Java stack sample every 10 ms per running
 * thread), summarised into what the stage spent its CPU on. Native samples count only inside RocksDB: elsewhere a thread
 * in native code is waiting on a socket, not working.
 */
final class Profiler {
    private final Path dir;
    private final Path out;

    Profiler(Path out) {
        this.out = out;
        this.dir = out.resolve("jfr");
    }

    /** A running recording; {@link #stop} ends and summarises it. */
    final class Session {
        private final Recording recording;
        private final String stage;

        private Session(String stage) throws IOException, ParseException {
            this.stage = stage;
            this.recording = new Recording(Configuration.getConfiguration("profile"));
            recording.setName("bench-" + stage);
            recording.start();
        }

        BenchResult.Profile stop(Meter.Span span) {
            Path file = dir.resolve("stage-" + stage + ".jfr");
            try {
                recording.stop();
                Files.createDirectories(dir);
                recording.dump(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file, e);
            } finally {
                recording.close();
            }
            return summarise(file, span);
        }
    }

    Session start(String stage) {
        try {
            return new Session(stage);
        } catch (IOException | ParseException e) {
            throw new IllegalStateException("cannot start a JFR recording: " + e.getMessage(), e);
        }
    }

    private BenchResult.Profile summarise(Path file, Meter.Span span) {
        Map<String, Long> layers = new HashMap<>();
        Map<String, Long> frames = new HashMap<>();
        Map<String, Long> feedwatch = new HashMap<>();
        long samples = 0;
        long streamThread = 0;
        double gcMillis = 0;
        try (RecordingFile in = new RecordingFile(file)) {
            while (in.hasMoreEvents()) {
                RecordedEvent e = in.readEvent();
                String type = e.getEventType().getName();
                if (type.equals("jdk.GarbageCollection")) {
                    gcMillis += e.getDuration("sumOfPauses").toNanos() / 1e6;
                    continue;
                }
                boolean java = type.equals("jdk.ExecutionSample");
                if (!java && !type.equals("jdk.NativeMethodSample")) {
                    continue;
                }
                RecordedStackTrace trace = e.getStackTrace();
                if (trace == null || trace.getFrames().isEmpty()) {
                    continue;
                }
                String top = name(trace.getFrames().get(0));
                if (!java && !top.startsWith("org.rocksdb.")) {
                    continue;
                }
                samples++;
                layers.merge(layer(top), 1L, Long::sum);
                frames.merge(top, 1L, Long::sum);
                String thread = e.getThread("sampledThread") == null ? "" : e.getThread("sampledThread").getJavaName();
                if (thread != null && thread.contains("StreamThread")) {
                    streamThread++;
                }
                Set<String> seen = new HashSet<>();
                for (RecordedFrame f : trace.getFrames()) {
                    String n = name(f);
                    if (n.startsWith("io.feedwatch.") && !n.startsWith("io.feedwatch.bench.") && !n.startsWith("io.feedwatch.cli.") && seen.add(n)) {
                        feedwatch.merge(n, 1L, Long::sum);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        List<BenchResult.Share> byLayer = top(layers, samples, 8);
        List<BenchResult.Share> topFrames = top(frames, samples, 10);
        List<BenchResult.Share> fw = top(feedwatch, samples, 10);
        String limited = reading(span, byLayer, topFrames, samples == 0 ? 0 : 100.0 * streamThread / samples, gcMillis);
        return new BenchResult.Profile(out.relativize(file).toString(), samples, byLayer, topFrames, fw, gcMillis, limited);
    }

    private static String reading(Meter.Span span, List<BenchResult.Share> layers, List<BenchResult.Share> frames,
            double streamThreadPercent, double gcMillis) {
        int cores = Runtime.getRuntime().availableProcessors();
        double busy = span.appCores() + span.brokerCores();
        String bound = busy >= 0.85 * cores ? "the machine's CPU (app + broker use " + fmt(busy) + " of " + cores + " cores)"
                : span.appCores() >= 0.85 ? "one busy application thread (app " + fmt(span.appCores()) + " cores, broker "
                        + fmt(span.brokerCores()) + ")"
                : "waiting: app " + fmt(span.appCores()) + " cores, broker " + fmt(span.brokerCores()) + " cores";
        StringBuilder s = new StringBuilder("limited by ").append(bound);
        if (streamThreadPercent > 0) {
            s.append("; stream thread ").append(fmt(streamThreadPercent)).append("% of samples");
        }
        if (!layers.isEmpty()) {
            s.append("; top layers ");
            for (int i = 0; i < Math.min(3, layers.size()); i++) {
                s.append(i == 0 ? "" : ", ").append(layers.get(i).name()).append(' ').append(fmt(layers.get(i).percent())).append('%');
            }
        }
        if (!frames.isEmpty()) {
            s.append("; hottest frame ").append(frames.get(0).name()).append(' ').append(fmt(frames.get(0).percent())).append('%');
        }
        if (span.seconds() > 0) {
            s.append("; GC pauses ").append(fmt(100 * gcMillis / 1000 / span.seconds())).append("% of wall time");
        }
        return s.toString();
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, v >= 10 ? "%.0f" : "%.2f", v);
    }

    private static List<BenchResult.Share> top(Map<String, Long> counts, long total, int n) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .limit(n)
                .map(e -> new BenchResult.Share(e.getKey(), total == 0 ? 0 : 100.0 * e.getValue() / total))
                .toList();
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    /** The library a frame belongs to. */
    static String layer(String frame) {
        if (frame.startsWith("org.rocksdb.")) {
            return "RocksDB";
        }
        if (frame.startsWith("org.apache.kafka.streams.")) {
            return "Kafka Streams";
        }
        if (frame.startsWith("org.apache.kafka.")) {
            return "Kafka clients";
        }
        if (frame.startsWith("org.apache.avro.")) {
            return "Avro";
        }
        if (frame.startsWith("io.feedwatch.")) {
            return "feedwatch";
        }
        if (frame.startsWith("java.time.") || frame.startsWith("sun.util.calendar.")) {
            return "java.time";
        }
        if (frame.startsWith("java.") || frame.startsWith("jdk.") || frame.startsWith("sun.") || frame.startsWith("javax.")) {
            return "JDK";
        }
        return "other";
    }
}
