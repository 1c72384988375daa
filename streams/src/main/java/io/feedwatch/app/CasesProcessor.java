package io.feedwatch.app;

import io.feedwatch.cases.CaseDesk;
import io.feedwatch.ingest.DeadLetters;
import io.feedwatch.ingest.IngestedAction;
import io.feedwatch.ingest.Rejection;
import io.feedwatch.names.NodeNames;
import io.feedwatch.names.StoreNames;
import io.feedwatch.schemas.Case;
import io.feedwatch.schemas.Participant;
import io.feedwatch.schemas.RejectedEvent;
import io.feedwatch.schemas.StaffAction;
import io.feedwatch.schemas.StaffAlert;
import io.feedwatch.schemas.state.CaseState;
import io.feedwatch.schemas.state.HistoryEntry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The work-queue node: a thin adapter between Kafka Streams and {@link CaseDesk}. It hears from detection (alert
 * records, enrollments, tombstones, staff actions, and the clock: {@link ToCases}), keeps one {@link CaseState} per
 * mother, fires case timers when detection says the task may report, emits every case record to
 * {@code feedwatch.cases.v1}, keeps the clinics' open cases and each mother's 30-day history for queries, and
 * dead-letters actions on cases that do not exist or are closed.
 */
final class CasesProcessor implements Processor<String, Object, String, Object> {
    private final CaseDesk desk;

    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, CaseState> states;
    private DueIndex due;
    private OpenCases openCases;
    private WindowStore<String, HistoryEntry> history;
    private FeedwatchMetrics metrics;

    CasesProcessor(CaseDesk desk) {
        this.desk = desk;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.states = context.getStateStore(StoreNames.CASES);
        this.due = new DueIndex(context.<KeyValueStore<Bytes, byte[]>>getStateStore(StoreNames.CASE_DUE_INDEX));
        this.openCases = new OpenCases(context.getStateStore(StoreNames.OPEN_CASES_BY_CLINIC));
        this.history = context.getStateStore(StoreNames.PARTICIPANT_HISTORY);
        this.metrics = new FeedwatchMetrics(context);
    }

    @Override
    public void process(Record<String, Object> record) {
        ToCases in = (ToCases) record.value();
        Instant now = in.now();
        if (in.tombstone()) {
            onTombstone(record.key(), now);
        } else if (in.payload() instanceof StaffAlert a) {
            onAlert(a, now);
        } else if (in.payload() instanceof Participant p) {
            onEnrollment(p, now);
        } else if (in.payload() instanceof IngestedAction a) {
            onAction(a, now);
        } else {
            fireDue(now);
        }
    }

    private void onAlert(StaffAlert a, Instant now) {
        String pid = a.getParticipantId();
        remember(pid, now, HistoryEntry.newBuilder().setAt(now).setAlert(a).build());
        CaseState s = states.get(pid);
        if (s == null) {
            s = CaseState.newBuilder().setClinicId(a.getClinicId()).build();
        }
        String before = listedClinic(s);
        emit(desk.onAlert(pid, s, a, now), before);
        save(pid, s);
    }

    private void onEnrollment(Participant p, Instant now) {
        CaseState s = states.get(p.getParticipantId());
        if (s != null) {
            String before = listedClinic(s);
            emit(desk.onClinic(p.getParticipantId(), s, p.getClinicId(), now), before);
            save(p.getParticipantId(), s);
        }
    }

    private void onTombstone(String pid, Instant now) {
        CaseState s = states.get(pid);
        if (s != null) {
            emit(desk.onMonitoringEnded(pid, s, now), listedClinic(s));
            due.move(pid, s.getDue(), null);
            states.delete(pid);
        }
    }

    private void onAction(IngestedAction in, Instant now) {
        StaffAction a = in.action();
        if (a.getRequestedAt() == null) {
            a.setRequestedAt(now);
        }
        String pid = a.getParticipantId();
        CaseState s = states.get(pid);
        if (s == null) {
            s = CaseState.newBuilder().build();
        }
        String before = listedClinic(s);
        CaseDesk.ActionOutcome outcome = desk.onAction(pid, s, a, now);
        if (outcome instanceof CaseDesk.Applied) {
            remember(pid, now, HistoryEntry.newBuilder().setAt(now).setAction(a).build());
        }
        emit(outcome.records(), before);
        save(pid, s);
        if (outcome instanceof CaseDesk.Refused r) {
            metrics.rejected(r.reason());
            var source = context.recordMetadata();
            RejectedEvent dead = DeadLetters.of(new Rejection(r.reason(), r.message()), source.map(RecordMetadata::topic).orElse(null),
                    source.map(RecordMetadata::partition).orElse(null), source.map(RecordMetadata::offset).orElse(null),
                    in.originalKey(), in.originalValue(), pid, a.getActionId(), now);
            String key = in.originalKey() == null ? null : DeadLetters.recordKey(new String(in.originalKey(), StandardCharsets.UTF_8));
            context.forward(new Record<>(key, dead, context.currentSystemTimeMs()), NodeNames.REJECTED_SINK);
        }
        // an Ignored action (its actionId was applied before) changes nothing: idempotent, like a duplicate event
    }

    private void fireDue(Instant now) {
        for (String pid : due.takeDue(now)) {
            CaseState s = states.get(pid);
            if (s != null) {
                s.setDue(null);
                String before = listedClinic(s);
                emit(desk.onTimer(pid, s, now), before);
                save(pid, s);
            }
        }
    }

    /** Stores the state with its next timer; a mother with nothing left to follow is forgotten. */
    private void save(String pid, CaseState s) {
        Instant next = desk.nextDue(s);
        due.move(pid, s.getDue(), next);
        s.setDue(next);
        if (s.getOpen() == null && s.getClosed() == null && s.getAlerts().isEmpty()) {
            states.delete(pid);
        } else {
            states.put(pid, s);
        }
    }

    private void emit(List<Case> records, String listedBefore) {
        String previous = listedBefore;
        for (Case c : records) {
            metrics.caseRecord(c);
            openCases.update(c, previous);
            previous = c.getClinicId();
            remember(c.getParticipantId(), c.getUpdatedAt(), HistoryEntry.newBuilder().setAt(c.getUpdatedAt()).setCaseRecord(c).build());
            context.forward(new Record<>(c.getParticipantId(), c, context.currentSystemTimeMs()), NodeNames.CASES_SINK);
        }
    }

    private void remember(String pid, Instant at, HistoryEntry entry) {
        history.put(pid, entry, at.toEpochMilli());
    }

    /** The clinic whose list shows her open case now. */
    private static String listedClinic(CaseState s) {
        return s.getOpen() == null ? null : s.getOpen().getClinicId();
    }
}
