package io.feedwatch.detect;

import io.feedwatch.schemas.state.EventIdBucket;
import io.feedwatch.schemas.state.EventIdHash;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The duplicate window of one participant: 64-bit hashes of (participantId, eventId) of the events she had accepted,
 * grouped by the hour of her latest accepted start at acceptance, and forgotten once that latest start has moved the
 * retention past the hour (so an id is remembered for at least the retention and at most an hour longer).
 *
 * <p>A hash stands for the id: two ids of one participant with the same 64-bit hash would make the second a duplicate.
 * With n ids in the window that happens to a new id with probability about n / 2^64 (see the README).
 *
 * <p>Not thread-safe (one digest per instance): one per stream task.
 */
public final class DuplicateWindow {
    private final Duration retention;
    private final MessageDigest sha256;

    public DuplicateWindow(Duration retention) {
        this.retention = retention;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The first 8 bytes of SHA-256(UTF-8 participantId, 0x00, UTF-8 eventId). */
    public EventIdHash hash(String participantId, String eventId) {
        sha256.reset();
        sha256.update(participantId.getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) 0);
        sha256.update(eventId.getBytes(StandardCharsets.UTF_8));
        return new EventIdHash(Arrays.copyOf(sha256.digest(), 8));
    }

    public static boolean contains(List<EventIdBucket> window, EventIdHash hash) {
        byte[] h = hash.bytes();
        for (EventIdBucket bucket : window) {
            for (EventIdHash known : bucket.getHashes()) {
                if (Arrays.equals(known.bytes(), h)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Remembers an accepted id, then forgets what the retention no longer covers.
     *
     * @param latestStart the participant's latest accepted start, this event included
     */
    public void remember(List<EventIdBucket> window, EventIdHash hash, Instant latestStart) {
        Instant acceptedBefore = latestStart.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
        EventIdBucket last = window.isEmpty() ? null : window.get(window.size() - 1);
        if (last != null && last.getAcceptedBefore().equals(acceptedBefore)) {
            last.getHashes().add(hash);
        } else {
            List<EventIdHash> hashes = new ArrayList<>(1);
            hashes.add(hash);
            window.add(new EventIdBucket(acceptedBefore, hashes));
        }
        Instant forgetUpTo = latestStart.minus(retention);
        while (!window.isEmpty() && !window.get(0).getAcceptedBefore().isAfter(forgetUpTo)) {
            window.remove(0);
        }
    }
}
