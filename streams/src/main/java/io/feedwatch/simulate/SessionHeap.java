package io.feedwatch.simulate;

/**
 * A binary min-heap of (whole-second instant, participant index) pairs. With a million participants the simulator keeps one
 * entry per participant and this heap is its hottest structure, so each entry is packed into a single long (seconds since
 * {@code baseMs} in the high bits, the index in the low 31): half the memory traffic of two arrays, a single comparison, and
 * ties broken by participant index so that the order never depends on insertion order.
 */
final class SessionHeap {
    private static final int INDEX_BITS = 31;
    private static final long INDEX_MASK = (1L << INDEX_BITS) - 1;
    private static final long MAX_SECONDS = (1L << 32) - 1;

    private final long baseMs;
    private final long[] entries;
    private int size;

    /** @param baseMs no instant pushed may be earlier than this */
    SessionHeap(int capacity, long baseMs) {
        this.baseMs = baseMs;
        this.entries = new long[capacity];
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The smallest instant, in epoch millis. */
    long minKey() {
        return baseMs + (entries[0] >>> INDEX_BITS) * 1000L;
    }

    int minId() {
        return (int) (entries[0] & INDEX_MASK);
    }

    /** @param keyMs a whole second, at or after the base */
    void push(long keyMs, int id) {
        long seconds = (keyMs - baseMs) / 1000L;
        if (keyMs < baseMs || seconds > MAX_SECONDS || (keyMs - baseMs) % 1000L != 0 || id < 0) {
            throw new IllegalArgumentException("cannot hold " + keyMs + " for participant " + id + " (base " + baseMs + ")");
        }
        long entry = seconds << INDEX_BITS | id;
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (entries[parent] <= entry) {
                break;
            }
            entries[i] = entries[parent];
            i = parent;
        }
        entries[i] = entry;
    }

    /** Removes the minimum. */
    void pop() {
        long entry = entries[--size];
        int i = 0;
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < size && entries[right] < entries[child]) {
                child = right;
            }
            if (entries[child] >= entry) {
                break;
            }
            entries[i] = entries[child];
            i = child;
        }
        entries[i] = entry;
    }
}
