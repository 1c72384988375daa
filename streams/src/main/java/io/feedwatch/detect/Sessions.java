package io.feedwatch.detect;

import java.util.Arrays;

/**
 * Sessionizing: a participant's removal events sorted by start and grouped greedily (an event starting less than the
 * merge window after the start of the current session belongs to it); a session's time is the start of its first event.
 *
 * <p>Starts before the frozen point P that no later event can join (start + merge window <= P) are kept only as session
 * times ({@code frozen}); the rest stay raw ({@code open}), because a late event can still regroup them. Times are epoch
 * milliseconds, ascending.
 */
final class Sessions {
    private Sessions() {
    }

    /** All session times: the frozen ones, then the greedy grouping of the open starts. */
    static long[] of(long[] frozen, long[] open, long mergeMillis) {
        long[] out = Arrays.copyOf(frozen, frozen.length + open.length);
        int n = frozen.length;
        boolean any = false;
        long current = 0;
        for (long t : open) {
            if (!any || t - current >= mergeMillis) {
                current = t;
                any = true;
                out[n++] = t;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** An open start inserted in order. */
    static long[] insert(long[] open, long start) {
        int i = Arrays.binarySearch(open, start);
        int at = i < 0 ? -i - 1 : i;
        long[] next = new long[open.length + 1];
        System.arraycopy(open, 0, next, 0, at);
        next[at] = start;
        System.arraycopy(open, at, next, at + 1, open.length - at);
        return next;
    }

    /** The frozen and open starts after the frozen point moved to {@code point}. */
    record Split(long[] frozen, long[] open) {
    }

    /**
     * Sessions no later event can join become frozen session times; frozen times older than {@code keepAfter} are
     * dropped, except the last one (the gap rule's anchor).
     */
    static Split freeze(long[] frozen, long[] open, long pointMillis, long mergeMillis, long keepAfterMillis) {
        long[] all = Arrays.copyOf(frozen, frozen.length + open.length);
        int n = frozen.length;
        int consumed = 0;
        while (consumed < open.length) {
            long start = open[consumed];
            if (start + mergeMillis > pointMillis) {
                break;
            }
            all[n++] = start;
            consumed++;
            while (consumed < open.length && open[consumed] - start < mergeMillis) {
                consumed++;
            }
        }
        long[] kept = new long[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (all[i] > keepAfterMillis || i == n - 1) {
                kept[k++] = all[i];
            }
        }
        return new Split(Arrays.copyOf(kept, k), Arrays.copyOfRange(open, consumed, open.length));
    }
}
