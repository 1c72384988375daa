package io.feedwatch.bench;

import io.feedwatch.names.StoreNames;
import io.feedwatch.schemas.serde.AvroSingleObjectSerde;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;

/**
 * Measures feedwatch's state: every store read through interactive queries and re-serialized exactly as its changelog
 * holds it (so the figure is the live state, independent of RocksDB's files), and the state directory on disk.
 */
final class StateSizes {
    /** Every key-value store of the topology, in the order the report lists them, and then the window store. */
    static final List<String> STORES = List.of(StoreNames.PARTICIPANT_STATE, StoreNames.OPEN_ALERTS_BY_CLINIC,
            StoreNames.DUE_INDEX, StoreNames.TASK_CLOCK, StoreNames.PARTICIPANTS_BY_CLINIC, StoreNames.CASES,
            StoreNames.CASE_DUE_INDEX, StoreNames.OPEN_CASES_BY_CLINIC);
    /** A window store's changelog key is the record key, its window start (8 bytes) and a sequence number (4). */
    private static final int WINDOW_KEY_SUFFIX = Long.BYTES + Integer.BYTES;

    private StateSizes() {
    }

    static List<BenchResult.StoreSize> live(KafkaStreams streams) {
        Map<Class<?>, Serializer<SpecificRecord>> serializers = new HashMap<>();
        List<BenchResult.StoreSize> out = new ArrayList<>();
        for (String name : STORES) {
            ReadOnlyKeyValueStore<Object, Object> store = streams.store(
                    StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.keyValueStore()));
            Sizes sizes = new Sizes();
            try (KeyValueIterator<Object, Object> it = store.all()) {
                it.forEachRemaining(kv -> sizes.add(size(kv.key), size(kv.value, serializers)));
            }
            out.add(new BenchResult.StoreSize(name, sizes.entries, sizes.keyBytes, sizes.valueBytes));
        }
        ReadOnlyWindowStore<Object, Object> history = streams.store(
                StoreQueryParameters.fromNameAndType(StoreNames.PARTICIPANT_HISTORY, QueryableStoreTypes.windowStore()));
        Sizes sizes = new Sizes();
        try (KeyValueIterator<Windowed<Object>, Object> it = history.all()) {
            it.forEachRemaining(kv -> sizes.add(size(kv.key.key()) + WINDOW_KEY_SUFFIX, size(kv.value, serializers)));
        }
        out.add(new BenchResult.StoreSize(StoreNames.PARTICIPANT_HISTORY, sizes.entries, sizes.keyBytes, sizes.valueBytes));
        return out;
    }

    private static final class Sizes {
        long entries;
        long keyBytes;
        long valueBytes;

        void add(long key, long value) {
            entries++;
            keyBytes += key;
            valueBytes += value;
        }
    }

    /** A value as its store's serde writes it: Avro records single-object encoded (FeedwatchTopology), the rest raw. */
    @SuppressWarnings("unchecked")
    private static long size(Object value, Map<Class<?>, Serializer<SpecificRecord>> serializers) {
        if (value instanceof SpecificRecord r) {
            return serializers.computeIfAbsent(r.getClass(),
                    c -> (Serializer<SpecificRecord>) (Serializer<?>) new AvroSingleObjectSerde<>((Class<SpecificRecord>) c).serializer())
                    .serialize(null, r).length;
        }
        return size(value);
    }

    private static long size(Object o) {
        if (o instanceof String s) {
            return s.getBytes(StandardCharsets.UTF_8).length;
        }
        if (o instanceof Bytes b) {
            return b.get().length;
        }
        if (o instanceof byte[] b) {
            return b.length;
        }
        if (o instanceof Long) {
            return Long.BYTES;
        }
        throw new IllegalArgumentException("no size for a " + (o == null ? "null" : o.getClass().getName()));
    }

    /** Bytes of every file under {@code dir} (0 if it does not exist). */
    static long onDisk(Path dir) {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0; // RocksDB may delete an obsolete file while we walk
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot measure " + dir, e);
        }
    }

    static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot delete " + p, e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
