package io.feedwatch.detect;

import static io.feedwatch.detect.RiskTimeline.NONE;

import io.feedwatch.app.FeedwatchMetrics;
import io.feedwatch.ingest.DeadLetters;
import io.feedwatch.ingest.IngestedEvent;
import io.feedwatch.ingest.Rejection;
import io.feedwatch.names.NodeNames;
import io.feedwatch.names.StoreNames;
import io.feedwatch.schemas.AlertStatus;
import io.feedwatch.schemas.DailyFeedingSummary;
import io.feedwatch.schemas.FeedingEvent;
import io.feedwatch.schemas.FeedingType;
import io.feedwatch.schemas.Participant;
import io.feedwatch.schemas.RejectionReason;
import io.feedwatch.schemas.StaffAlert;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The stateful heart of feedwatch: keeps the roster and each participant's recent sessions, applies the acceptance checks
 * that need state (UNKNOWN_PARTICIPANT, FUTURE_TIMESTAMP, duplicate, TOO_LATE), recomputes the participant's episodes,
 * and emits alerts as the detection clock passes their start and end.
 *
 * <p>Silence is detected through timers: every participant with something ahead of it (an episode to open or to resolve)
 * has one entry in the due-time index, keyed by due time first, so a punctuation reads only the entries that are due.
 */
public final class DetectionProcessor implements Processor<String, Object, String, Object> {
    private final DetectionSettings settings;
    private final long mergeMillis;
    private final long latenessMillis;
    private final long futureToleranceMillis;
    private final long idRetentionMillis;

    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, Participant> participants;
    private KeyValueStore<String, ParticipantState> states;
    private KeyValueStore<String, Long> eventIds;
    private KeyValueStore<Bytes, byte[]> eventIdsByTime;
    private KeyValueStore<Bytes, byte[]> due;
    private KeyValueStore<String, StaffAlert> openByClinic;
    private FeedwatchMetrics metrics;
    /** Latest accepted event start seen by this task: what the event-time clock follows. Rebuilt by new data after a restart. */
    private Instant latestAccepted;
    /**
     * Every timer at or before this has fired and been deleted. Scans start here, not at zero: the due index is a
     * queue, and RocksDB would otherwise step over the tombstones of every fired timer on each seek.
     */
    private long firedUpTo = 0;

    public DetectionProcessor(DetectionSettings settings) {
        this.settings = settings;
        this.mergeMillis = settings.sessionMerge().toMillis();
        this.latenessMillis = settings.allowedLateness().toMillis();
        this.futureToleranceMillis = settings.futureTolerance().toMillis();
        this.idRetentionMillis = settings.eventIdRetention().toMillis();
    }

    /** The serde of the participant-state store (a compact, versioned binary layout). */
    public static org.apache.kafka.common.serialization.Serde<?> stateSerde() {
        return ParticipantState.SERDE;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.participants = context.getStateStore(StoreNames.PARTICIPANTS);
        this.states = context.getStateStore(StoreNames.PARTICIPANT_STATE);
        this.eventIds = context.getStateStore(StoreNames.EVENT_IDS);
        this.eventIdsByTime = context.getStateStore(StoreNames.EVENT_IDS_BY_TIME);
        this.due = context.getStateStore(StoreNames.DUE_INDEX);
        this.openByClinic = context.getStateStore(StoreNames.OPEN_ALERTS_BY_CLINIC);
        this.metrics = new FeedwatchMetrics(context);
        context.schedule(settings.punctuationInterval(), PunctuationType.WALL_CLOCK_TIME, wall -> {
            long began = System.nanoTime();
            fireDue(clock());
            metrics.punctuation(Duration.ofNanos(System.nanoTime() - began));
        });
    }

    private long clock() {
        return settings.clock().now(Instant.ofEpochMilli(context.currentSystemTimeMs()), latestAccepted).toEpochMilli();
    }

    @Override
    public void process(Record<String, Object> record) {
        Object value = record.value();
        if (value instanceof IngestedEvent e) {
            onEvent(record.key(), e);
        } else if (value instanceof Participant p) {
            onEnrollment(p);
        } else if (value == null && record.key() != null) {
            onUnenrollment(record.key());
        }
    }

    private void onEnrollment(Participant p) {
        Participant before = participants.get(p.getParticipantId());
        if (before != null && !before.getClinicId().equals(p.getClinicId())) {
            moveOpenAlerts(before, p.getClinicId());
        }
        participants.put(p.getParticipantId(), p);
        ParticipantState state = states.get(p.getParticipantId());
        evaluate(Enrollment.of(p), state == null ? new ParticipantState() : state, clock(), null);
    }

    /** A tombstone on the compacted roster: monitoring ends now; open alerts resolve, then everything is forgotten. */
    private void onUnenrollment(String participantId) {
        Participant p = participants.get(participantId);
        if (p == null) {
            return;
        }
        ParticipantState state = states.get(participantId);
        long now = clock();
        if (state != null) {
            Enrollment ending = Enrollment.of(p);
            ending = new Enrollment(ending.participantId(), ending.clinicId(), ending.birthDate(), ending.zone(),
                    ending.monitoringStartMillis(), Math.max(ending.monitoringStartMillis() + 1, Math.min(now, ending.monitoringEndMillis())));
            evaluate(ending, state, now, null);
            unschedule(participantId, state);
            pruneEventIds(participantId, 0, Long.MAX_VALUE);
            states.delete(participantId);
        }
        participants.delete(participantId);
    }

    private void onEvent(String key, IngestedEvent in) {
        FeedingEvent e = in.event();
        String pid = e.getParticipantId();
        Participant p = participants.get(pid);
        if (p == null) {
            reject(in, RejectionReason.UNKNOWN_PARTICIPANT, "no enrollment for participant " + pid
                    + " when the event was processed; re-submit with `feedwatch redrive` once the participant is enrolled");
            return;
        }
        long start = e.getStartTime().toEpochMilli();
        if (e.getRecordedAt() != null && start - e.getRecordedAt().toEpochMilli() > futureToleranceMillis) {
            reject(in, RejectionReason.FUTURE_TIMESTAMP, "startTime " + e.getStartTime() + " is more than "
                    + settings.futureTolerance() + " after recordedAt " + e.getRecordedAt());
            return;
        }
        if (eventIds.get(e.getEventId()) != null) {
            return; // duplicate: the first copy won; idempotent by design, not an error
        }
        ParticipantState state = states.get(pid);
        if (state == null) {
            state = new ParticipantState();
        }
        if (state.latestStartMillis != NONE && start < state.latestStartMillis - latenessMillis) {
            reject(in, RejectionReason.TOO_LATE, "startTime " + e.getStartTime() + " is more than "
                    + settings.allowedLateness() + " before the latest accepted start " + Instant.ofEpochMilli(state.latestStartMillis));
            return;
        }
        state.latestStartMillis = Math.max(state.latestStartMillis, start);
        // Ids are remembered by the participant's progress when accepted (not by the event's own start): a copy is
        // recognised, whatever its content, until the participant's latest start has moved the id retention on.
        metrics.accepted();
        eventIds.put(e.getEventId(), state.latestStartMillis);
        eventIdsByTime.put(idIndexKey(pid, state.latestStartMillis, e.getEventId()), new byte[0]);
        if (latestAccepted == null || e.getStartTime().isAfter(latestAccepted)) {
            latestAccepted = e.getStartTime();
        }
        if (isRemoval(e.getType())) {
            state.addRemoval(start);
        }
        Enrollment who = Enrollment.of(p);
        int day = (int) LocalDate.ofInstant(e.getStartTime(), who.zone()).toEpochDay();
        state.day(day).add(e.getType(), e.getVolumeMl());
        pruneEventIds(pid, state.latestStartMillis - idRetentionMillis, state);
        long now = clock();
        evaluate(who, state, now, day);
        if (settings.clock().movesWithEvents()) {
            fireDue(now);
        }
    }

    static boolean isRemoval(FeedingType t) {
        return t == FeedingType.BREASTFEED || t == FeedingType.PUMP || t == FeedingType.HAND_EXPRESSION;
    }

    /**
     * Recomputes the participant's episodes, emits what changed for staff, moves the frozen point, emits changed daily
     * summaries (from {@code eventDay} on, when an event was accepted) and reschedules the participant's timer.
     */
    private void evaluate(Enrollment who, ParticipantState state, long now, Integer eventDay) {
        RiskTimeline timeline = new RiskTimeline(who, settings.policy(), state.sessions(mergeMillis));
        long from = state.frozenPointMillis != NONE ? state.frozenPointMillis : who.monitoringStartMillis();
        List<Episode> episodes = timeline.episodes(from, state.carrySince);
        reconcile(who, timeline, state, episodes, now);
        if (eventDay != null) {
            emitSummaries(who, state, timeline.sessions(), eventDay, now);
        }
        if (state.latestStartMillis != NONE) {
            long point = Math.min(state.latestStartMillis - latenessMillis, now);
            if (state.frozenPointMillis == NONE || point > state.frozenPointMillis) {
                for (RiskType type : RiskType.values()) {
                    long carry = NONE;
                    for (Episode ep : episodes) {
                        if (ep.type() == type && ep.sinceMillis() < point && (ep.open() || ep.endMillis() >= point)) {
                            carry = ep.sinceMillis();
                        }
                    }
                    state.carrySince[type.ordinal()] = carry;
                }
                state.freezeUpTo(point, mergeMillis);
                int keepFrom = (int) LocalDate.ofInstant(Instant.ofEpochMilli(point), who.zone()).toEpochDay() - 1;
                state.days.removeIf(d -> d.epochDay < keepFrom);
            }
        }
        schedule(who.participantId(), state, nextDue(episodes, state, now));
        states.put(who.participantId(), state);
    }

    /** Brings what staff were told in line with the episodes: withdrawals first, then opens and resolutions in time order. */
    private void reconcile(Enrollment who, RiskTimeline timeline, ParticipantState state, List<Episode> episodes, long now) {
        List<StaffAlert> withdrawals = new ArrayList<>();
        List<StaffAlert> updates = new ArrayList<>();
        Map<Long, Episode> byKey = new LinkedHashMap<>();
        for (Episode ep : episodes) {
            if (ep.sinceMillis() < now) {
                byKey.put(key(ep.type(), ep.sinceMillis()), ep);
            }
        }
        for (var it = state.emitted.iterator(); it.hasNext(); ) {
            ParticipantState.Emitted em = it.next();
            if (!byKey.containsKey(key(em.type, em.sinceMillis))) {
                StaffAlert last = Alerts.build(timeline, who, em.type, em.resolved ? AlertStatus.RESOLVED : AlertStatus.OPEN,
                        em.sinceMillis, em.endMillis, now);
                last.setObservedCount(em.observedCount < 0 ? null : em.observedCount);
                last.setLastSessionAt(em.lastSessionMillis == NONE ? null : Instant.ofEpochMilli(em.lastSessionMillis));
                last.setWindowStart(Instant.ofEpochMilli(em.windowStartMillis));
                withdrawals.add(Alerts.withdrawn(last, who, now));
                it.remove();
            }
        }
        for (Episode ep : byKey.values()) {
            boolean resolved = !ep.open() && ep.endMillis() <= now;
            ParticipantState.Emitted em = null;
            for (ParticipantState.Emitted x : state.emitted) {
                if (x.type == ep.type() && x.sinceMillis == ep.sinceMillis()) {
                    em = x;
                }
            }
            if (em == null) {
                em = new ParticipantState.Emitted(ep.type(), ep.sinceMillis(), NONE, false);
                state.emitted.add(em);
                updates.add(remember(em, Alerts.build(timeline, who, ep.type(), AlertStatus.OPEN, ep.sinceMillis(), NONE, now)));
            } else if (em.resolved && !resolved) {
                em.resolved = false;
                em.endMillis = NONE;
                updates.add(remember(em, Alerts.build(timeline, who, ep.type(), AlertStatus.OPEN, ep.sinceMillis(), NONE, now)));
            }
            if (resolved && (!em.resolved || em.endMillis != ep.endMillis())) {
                em.resolved = true;
                em.endMillis = ep.endMillis();
                updates.add(remember(em, Alerts.build(timeline, who, ep.type(), AlertStatus.RESOLVED, ep.sinceMillis(), ep.endMillis(), now)));
            }
        }
        updates.sort(Comparator.comparing(StaffAlert::getWindowEnd).thenComparing(a -> a.getType().ordinal()));
        withdrawals.forEach(a -> forwardAlert(a, now));
        updates.forEach(a -> forwardAlert(a, now));
    }

    private static StaffAlert remember(ParticipantState.Emitted em, StaffAlert alert) {
        em.observedCount = alert.getObservedCount() == null ? -1 : alert.getObservedCount();
        em.lastSessionMillis = alert.getLastSessionAt() == null ? NONE : alert.getLastSessionAt().toEpochMilli();
        em.windowStartMillis = alert.getWindowStart().toEpochMilli();
        return alert;
    }

    private static long key(RiskType type, long sinceMillis) {
        // a type and a start identify an episode; two types never share a millisecond key thanks to the low bit
        return sinceMillis * 2 + type.ordinal();
    }

    /** Output records carry the wall-clock time: a simulated or replayed clock may run far from the broker's. */
    private void forwardAlert(StaffAlert alert, long now) {
        metrics.alert(alert.getStatus());
        String clinicKey = openAlertKey(alert.getClinicId(), alert.getAlertId());
        if (alert.getStatus() == AlertStatus.OPEN) {
            openByClinic.put(clinicKey, alert);
        } else {
            openByClinic.delete(clinicKey);
        }
        context.forward(new Record<>(alert.getParticipantId(), (Object) alert, context.currentSystemTimeMs()), NodeNames.ALERTS_SINK);
    }

    /** The next instant at which an episode must be reported (clock past its start) or resolved (clock at its end). */
    private static long nextDue(List<Episode> episodes, ParticipantState state, long now) {
        long next = NONE;
        for (Episode ep : episodes) {
            long at = NONE;
            if (ep.sinceMillis() >= now) {
                at = ep.sinceMillis() + 1;
            } else if (!ep.open() && ep.endMillis() > now) {
                at = ep.endMillis();
            }
            if (at != NONE && (next == NONE || at < next)) {
                next = at;
            }
        }
        return next;
    }

    private void schedule(String pid, ParticipantState state, long dueMillis) {
        if (dueMillis == state.dueMillis) {
            return;
        }
        unschedule(pid, state);
        if (dueMillis != NONE) {
            due.put(dueKey(dueMillis, pid), new byte[0]);
        }
        state.dueMillis = dueMillis;
    }

    private void unschedule(String pid, ParticipantState state) {
        if (state.dueMillis != NONE) {
            due.delete(dueKey(state.dueMillis, pid));
            state.dueMillis = NONE;
        }
    }

    /** Evaluates every participant whose timer is due at {@code now}; reads only the due part of the index. */
    private void fireDue(long now) {
        List<Bytes> ready = new ArrayList<>();
        if (now < firedUpTo) {
            return;
        }
        try (KeyValueIterator<Bytes, byte[]> it = due.range(dueKey(firedUpTo, ""), dueKey(now + 1, ""))) {
            while (it.hasNext()) {
                Bytes k = it.next().key;
                if (ByteBuffer.wrap(k.get()).getLong() <= now) {
                    ready.add(k);
                }
            }
        }
        for (Bytes k : ready) {
            due.delete(k);
            byte[] raw = k.get();
            String pid = new String(raw, Long.BYTES, raw.length - Long.BYTES, StandardCharsets.UTF_8);
            Participant p = participants.get(pid);
            ParticipantState state = states.get(pid);
            if (p == null || state == null) {
                continue;
            }
            state.dueMillis = NONE;
            evaluate(Enrollment.of(p), state, now, null);
        }
        // new timers are always due after the clock that set them, so nothing can appear at or before now again
        firedUpTo = now + 1;
    }

    private void emitSummaries(Enrollment who, ParticipantState state, long[] sessions, int eventDay, long now) {
        ZoneId zone = who.zone();
        // sessions per local day from eventDay on, walking day boundaries instead of converting every session's date
        Map<Integer, int[]> perDay = new LinkedHashMap<>(); // epochDay -> {sessions, longest gap in minutes or -1}
        int walkDay = eventDay;
        long dayEnd = LocalDate.ofEpochDay(walkDay + 1L).atStartOfDay(zone).toInstant().toEpochMilli();
        long dayStart = LocalDate.ofEpochDay(walkDay).atStartOfDay(zone).toInstant().toEpochMilli();
        long previous = NONE;
        for (long s : sessions) {
            if (s < dayStart) {
                continue;
            }
            while (s >= dayEnd) {
                walkDay++;
                dayEnd = LocalDate.ofEpochDay(walkDay + 1L).atStartOfDay(zone).toInstant().toEpochMilli();
                previous = NONE;
            }
            int[] stats = perDay.computeIfAbsent(walkDay, x -> new int[] {0, -1});
            stats[0]++;
            if (previous != NONE) {
                stats[1] = Math.max(stats[1], (int) Duration.ofMillis(s - previous).toMinutes());
            }
            previous = s;
        }
        for (DayTotals day : state.days) {
            if (day.epochDay < eventDay) {
                continue;
            }
            int[] stats = perDay.getOrDefault(day.epochDay, new int[] {0, -1});
            if (day.epochDay != eventDay && stats[0] == day.emittedSessions && stats[1] == day.emittedGapMinutes) {
                continue;
            }
            day.emittedSessions = stats[0];
            day.emittedGapMinutes = stats[1];
            LocalDate date = LocalDate.ofEpochDay(day.epochDay);
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (int i = 0; i < DayTotals.TYPES.length; i++) {
                counts.put(DayTotals.TYPES[i].name(), day.counts[i]);
            }
            DailyFeedingSummary summary = DailyFeedingSummary.newBuilder()
                    .setParticipantId(who.participantId())
                    .setClinicId(who.clinicId())
                    .setDate(date)
                    .setTimeZone(zone.getId())
                    .setRemovalSessions(stats[0])
                    .setEventCounts(counts)
                    .setExpressedMl(day.expressedMl)
                    .setBottleBreastmilkMl(day.bottleBreastmilkMl)
                    .setFormulaMl(day.formulaMl)
                    .setLongestGapMinutes(stats[1] < 0 ? null : stats[1])
                    .build();
            context.forward(new Record<>(who.participantId() + "/" + date, (Object) summary, context.currentSystemTimeMs()), NodeNames.SUMMARIES_SINK);
        }
    }

    private void reject(IngestedEvent in, RejectionReason reason, String message) {
        metrics.rejected(reason);
        FeedingEvent e = in.event();
        long now = clock();
        var source = context.recordMetadata();
        var dead = DeadLetters.of(new Rejection(reason, message), source.map(m -> m.topic()).orElse(null),
                source.map(m -> m.partition()).orElse(null), source.map(m -> m.offset()).orElse(null), in.originalKey(),
                in.originalValue(), e.getParticipantId(), e.getEventId(), Instant.ofEpochMilli(now));
        String key = in.originalKey() == null ? null : new String(in.originalKey(), StandardCharsets.UTF_8);
        context.forward(new Record<>(key, (Object) dead, context.currentSystemTimeMs()), NodeNames.REJECTED_SINK);
    }

    private void pruneEventIds(String pid, long beforeMillis, ParticipantState state) {
        if (state.nextIdPruneMillis != NONE && beforeMillis < state.nextIdPruneMillis) {
            return;
        }
        long previousCutoff = state.nextIdPruneMillis == NONE ? 0 : state.nextIdPruneMillis - Duration.ofHours(1).toMillis();
        pruneEventIds(pid, previousCutoff, beforeMillis);
        // prune at most once per hour of the participant's event time: cheap, and the bound stays retention + 1 h
        state.nextIdPruneMillis = beforeMillis + Duration.ofHours(1).toMillis();
    }

    /**
     * Forgets the ids the participant's index holds in [fromMillis, beforeMillis); starting at the previous cutoff keeps
     * the seek clear of the tombstones earlier prunes left.
     */
    private void pruneEventIds(String pid, long fromMillis, long beforeMillis) {
        if (beforeMillis <= 0) {
            return; // big-endian keys order only non-negative times
        }
        List<Bytes> old = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = eventIdsByTime.range(idIndexKey(pid, Math.max(0, fromMillis), ""), idIndexKey(pid, beforeMillis, ""))) {
            while (it.hasNext()) {
                Bytes k = it.next().key;
                ByteBuffer b = ByteBuffer.wrap(k.get());
                int prefix = pid.getBytes(StandardCharsets.UTF_8).length + 1;
                if (b.getLong(prefix) < beforeMillis) {
                    old.add(k);
                }
            }
        }
        int prefix = pid.getBytes(StandardCharsets.UTF_8).length + 1 + Long.BYTES;
        for (Bytes k : old) {
            byte[] raw = k.get();
            eventIds.delete(new String(raw, prefix, raw.length - prefix, StandardCharsets.UTF_8));
            eventIdsByTime.delete(k);
        }
    }

    /** Key of the clinic index of open alerts: clinic id, a 0 separator (so one clinic's range never includes another's), alert id. */
    public static String openAlertKey(String clinicId, String alertId) {
        return clinicId + '\u0000' + alertId;
    }

    /** A participant moved clinic: her open alerts now belong to the new clinic's list. */
    private void moveOpenAlerts(Participant before, String newClinic) {
        ParticipantState state = states.get(before.getParticipantId());
        if (state == null) {
            return;
        }
        for (ParticipantState.Emitted em : state.emitted) {
            String oldKey = openAlertKey(before.getClinicId(), Alerts.alertId(before.getParticipantId(), em.type, em.sinceMillis));
            StaffAlert open = openByClinic.get(oldKey);
            if (open != null) {
                openByClinic.delete(oldKey);
                open.setClinicId(newClinic);
                openByClinic.put(openAlertKey(newClinic, open.getAlertId()), open);
            }
        }
    }

    static Bytes dueKey(long dueMillis, String pid) {
        byte[] id = pid.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(Long.BYTES + id.length).putLong(dueMillis).put(id).array());
    }

    static Bytes idIndexKey(String pid, long startMillis, String eventId) {
        byte[] p = pid.getBytes(StandardCharsets.UTF_8);
        byte[] e = eventId.getBytes(StandardCharsets.UTF_8);
        // pid, a 0 separator (so "p-1" never prefixes "p-10"'s range), start time big-endian, event id
        return Bytes.wrap(ByteBuffer.allocate(p.length + 1 + Long.BYTES + e.length).put(p).put((byte) 0).putLong(startMillis).put(e).array());
    }
}
