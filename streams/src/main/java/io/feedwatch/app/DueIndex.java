package io.feedwatch.app;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Timers: one entry per participant with something ahead of her, keyed by due time first, so that finding what is due
 * reads only the due prefix of the store. Keys: the due time in epoch milliseconds with the sign bit flipped (so that
 * byte order is time order, before 1970 too), then the participant id in UTF-8. Values are empty.
 *
 * <p>The index is a queue: entries are deleted as they fire. Reads start where the previous one ended, because RocksDB
 * would otherwise step over the tombstone of every fired timer on each seek; and the earliest due time is kept in
 * memory, so asking "is anything due?" after every event costs nothing until something is.
 */
final class DueIndex {
    private static final Instant END = Instant.ofEpochMilli(Long.MAX_VALUE);

    private final KeyValueStore<Bytes, byte[]> store;
    /** Every entry before this has fired; reset when the task (re)starts. */
    private Instant firedBefore = Instant.ofEpochMilli(Long.MIN_VALUE);
    /** The earliest entry's due time (null: none), valid while {@link #earliestKnown}. */
    private Instant earliest;
    private boolean earliestKnown;

    DueIndex(KeyValueStore<Bytes, byte[]> store) {
        this.store = store;
    }

    /** Moves a participant's timer from {@code before} to {@code after} (either may be null: none). */
    void move(String participantId, Instant before, Instant after) {
        if (before != null && before.equals(after)) {
            return;
        }
        if (before != null) {
            store.delete(key(before, participantId));
            if (before.equals(earliest)) {
                earliestKnown = false;
            }
        }
        if (after != null) {
            store.put(key(after, participantId), new byte[0]);
            if (after.isBefore(firedBefore)) {
                // the work queue may schedule what is due already (it fires on the next tick): read from there next time
                firedBefore = after;
            }
            if (earliestKnown && (earliest == null || after.isBefore(earliest))) {
                earliest = after;
            }
        }
    }

    /** True when some timer is due at {@code now}. */
    boolean anyDue(Instant now) {
        if (!earliestKnown) {
            try (KeyValueIterator<Bytes, byte[]> it = store.range(key(firedBefore, ""), key(END, ""))) {
                earliest = it.hasNext() ? dueOf(it.next().key) : null;
            }
            earliestKnown = true;
        }
        return earliest != null && !earliest.isAfter(now);
    }

    /** Removes and returns the participants whose timers are due at {@code now}, earliest first. */
    List<String> takeDue(Instant now) {
        if (!anyDue(now)) {
            return List.of();
        }
        List<Bytes> due = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = store.range(key(firedBefore, ""), key(now.plusMillis(1), ""))) {
            it.forEachRemaining(kv -> due.add(kv.key));
        }
        List<String> out = new ArrayList<>(due.size());
        for (Bytes k : due) {
            store.delete(k);
            byte[] raw = k.get();
            out.add(new String(raw, Long.BYTES, raw.length - Long.BYTES, StandardCharsets.UTF_8));
        }
        // everything up to now has fired; an entry scheduled at or before now later moves this back (see move)
        firedBefore = now.plusMillis(1);
        earliestKnown = false;
        return out;
    }

    /** Whether another processor's index has a timer due at {@code now}: one seek, for a look once per punctuation. */
    static boolean anyDue(KeyValueStore<Bytes, byte[]> store, Instant now) {
        try (KeyValueIterator<Bytes, byte[]> it = store.range(key(Instant.ofEpochMilli(Long.MIN_VALUE), ""), key(now.plusMillis(1), ""))) {
            return it.hasNext();
        }
    }

    static Bytes key(Instant due, String participantId) {
        byte[] id = participantId.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(Long.BYTES + id.length).putLong(due.toEpochMilli() ^ Long.MIN_VALUE).put(id).array());
    }

    private static Instant dueOf(Bytes key) {
        return Instant.ofEpochMilli(ByteBuffer.wrap(key.get()).getLong() ^ Long.MIN_VALUE);
    }
}
