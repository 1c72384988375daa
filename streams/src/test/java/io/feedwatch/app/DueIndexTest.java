package io.feedwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

class DueIndexTest {
    static <K, V> KeyValueStore<K, V> inMemory(String name, org.apache.kafka.common.serialization.Serde<K> keys,
                                               org.apache.kafka.common.serialization.Serde<V> values) {
        KeyValueStore<K, V> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), keys, values).withLoggingDisabled().build();
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
        return store;
    }

    private final DueIndex index = new DueIndex(inMemory("due-index", Serdes.Bytes(), Serdes.ByteArray()));

    @Test
    void takesWhatIsDueEarliestFirstAndOnlyOnce() {
        Instant t = Instant.parse("2026-03-01T00:00:00Z");
        index.move("p-late", null, t.plusSeconds(60));
        index.move("p-1", null, t);
        index.move("p-10", null, t);
        index.move("p-early", null, t.minusSeconds(60));

        assertThat(index.anyDue(t.minusSeconds(61))).isFalse();
        assertThat(index.takeDue(t)).containsExactly("p-early", "p-1", "p-10");
        assertThat(index.anyDue(t)).isFalse();
        assertThat(index.takeDue(t.plusSeconds(60))).containsExactly("p-late");
    }

    @Test
    void movingATimerReplacesIt() {
        Instant t = Instant.parse("2026-03-01T00:00:00Z");
        index.move("p-1", null, t);
        index.move("p-1", t, t.plusSeconds(10));

        assertThat(index.takeDue(t)).isEmpty();
        assertThat(index.takeDue(t.plusSeconds(10))).containsExactly("p-1");
        index.move("p-1", null, t.plusSeconds(20));
        index.move("p-1", t.plusSeconds(20), null);
        assertThat(index.anyDue(t.plusSeconds(30))).isFalse();
    }

    @Test
    void byteOrderIsTimeOrderBefore1970Too() {
        Instant before = Instant.parse("1900-01-01T00:00:00Z");
        Instant after = Instant.parse("2100-01-01T00:00:00Z");

        assertThat(Bytes.BYTES_LEXICO_COMPARATOR.compare(DueIndex.key(before, "p").get(), DueIndex.key(Instant.EPOCH, "p").get())).isNegative();
        assertThat(Bytes.BYTES_LEXICO_COMPARATOR.compare(DueIndex.key(Instant.EPOCH, "p").get(), DueIndex.key(after, "p").get())).isNegative();
        index.move("p-old", null, before);
        assertThat(index.takeDue(Instant.EPOCH)).containsExactly("p-old");
    }
}
