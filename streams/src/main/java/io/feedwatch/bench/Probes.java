package io.feedwatch.bench;

import io.feedwatch.schemas.EventSource;
import io.feedwatch.schemas.FeedingEvent;
import io.feedwatch.schemas.FeedingType;
import io.feedwatch.schemas.Participant;
import io.feedwatch.schemas.Side;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Latency-probe participants: newborns (so the 4 h gap rule applies) who send nothing during the workload, so each has an
 * open LONG_GAP episode. A probe event starting at the newest simulated instant sent so far is at or after the event-time
 * clock of its partition, so it ends that episode at its own start, and feedwatch emits the RESOLVED alert while
 * processing that very event: produce-to-alert latency with no timer in between. The same probe can be used again once
 * simulated time has moved on by the gap limit, when a new gap episode has opened.
 */
final class Probes {
    static final String PREFIX = "probe-";
    /** The policy's gap limit for infants of 0 to 13 days, plus a margin. */
    static final Duration REUSE_AFTER = Duration.ofHours(4).plusMinutes(1);

    private Probes() {
    }

    /** Enrollments: born two days before the origin (in the 0-13 band for the whole run), monitored from the workload start. */
    static List<Participant> enrollments(BenchPlan plan) {
        LocalDate birth = LocalDate.ofInstant(plan.origin(), ZoneOffset.UTC).minusDays(2);
        List<Participant> out = new ArrayList<>(plan.probes());
        for (int i = 1; i <= plan.probes(); i++) {
            out.add(new Participant(id(i), "c-bench", birth, "UTC", plan.from(), null));
        }
        return out;
    }

    static String id(int i) {
        return String.format("%s%04d", PREFIX, i);
    }

    /** A removal session of probe {@code participantId} starting (and recorded) at {@code start}. */
    static FeedingEvent event(String participantId, Instant start, long sequence) {
        return new FeedingEvent(participantId + "-" + sequence, participantId, FeedingType.BREASTFEED, start, 10, Side.LEFT, null,
                EventSource.APP, "bench-probe", start);
    }

    /** The key under which a probe's alert is matched: participant and the resolution instant (the probe's start). */
    static String matchKey(String participantId, Instant resolvedAt) {
        return participantId + "@" + resolvedAt.toEpochMilli();
    }
}
