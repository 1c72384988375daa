package io.feedwatch.bench;

import io.feedwatch.names.StoreNames;
import io.feedwatch.schemas.StaffAlert;
import io.feedwatch.schemas.serde.AvroSingleObjectSerde;
import io.feedwatch.schemas.state.ParticipantState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Measures feedwatch's state: every store read through interactive queries and re-serialized exactly as its changelog
 * holds it (so the figure is the live state, independent of RocksDB's files), and the state directory on disk.
 */
final class StateSizes {
    static final List<String> STORES = List.of(StoreNames.PARTICIPANT_STATE, StoreNames.OPEN_ALERTS_BY_CLINIC,
            StoreNames.DUE_INDEX, StoreNames.TASK_CLOCK);

    private StateSizes() {
    }

    static List<BenchResult.StoreSize> live(KafkaStreams streams) {
        // the stores' own serdes (FeedwatchTopology): Avro single-object encoding
        Serializer<ParticipantState> states = new AvroSingleObjectSerde<>(ParticipantState.class).serializer();
        Serializer<StaffAlert> alerts = new AvroSingleObjectSerde<>(StaffAlert.class).serializer();
        List<BenchResult.StoreSize> out = new ArrayList<>();
        for (String name : STORES) {
            ReadOnlyKeyValueStore<Object, Object> store = streams.store(
                    StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.keyValueStore()));
            long entries = 0;
            long keyBytes = 0;
            long valueBytes = 0;
            try (KeyValueIterator<Object, Object> it = store.all()) {
                while (it.hasNext()) {
                    KeyValue<Object, Object> kv = it.next();
                    entries++;
                    keyBytes += size(kv.key);
                    Object v = kv.value;
                    valueBytes += v instanceof ParticipantState p ? states.serialize(null, p).length
                            : v instanceof StaffAlert a ? alerts.serialize(null, a).length
                            : size(v);
                }
            }
            out.add(new BenchResult.StoreSize(name, entries, keyBytes, valueBytes));
        }
        return out;
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
