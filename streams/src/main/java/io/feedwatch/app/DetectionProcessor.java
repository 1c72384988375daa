package io.feedwatch.app;

import io.feedwatch.alerts.AlertReconciler;
import io.feedwatch.detect.Detection;
import io.feedwatch.detect.Enrollment;
import io.feedwatch.ingest.DeadLetters;
import io.feedwatch.ingest.IngestedAction;
import io.feedwatch.ingest.IngestedEvent;
import io.feedwatch.ingest.Rejection;
import io.feedwatch.names.NodeNames;
import io.feedwatch.names.StoreNames;
import io.feedwatch.schemas.FeedingEvent;
import io.feedwatch.schemas.Participant;
import io.feedwatch.schemas.RejectedEvent;
import io.feedwatch.schemas.StaffAlert;
import io.feedwatch.schemas.state.ParticipantState;
import io.feedwatch.schemas.state.SentAlert;
import io.feedwatch.summaries.DailySummaries;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The detection node: a thin adapter between Kafka Streams (stores, timers, forwarding, metrics) and the classes that
 * decide: {@link Detection} (acceptance, episodes, the frozen point), {@link AlertReconciler} (alert records) and
 * {@link DailySummaries}. One participant's state is one value of {@code participant-state-v2}, read and written once
 * per record.
 *
 * <p>Silence is detected through timers: every participant with something ahead of her has one entry in the
 * {@link DueIndex}; a punctuation reads only what is due. With a clock of its own (wall, accelerated) the task reports
 * alerts only from that punctuation and only once it has read its input ({@link InputBacklog}); with a clock that follows
 * the data it reports at once, as replay does.
 */
final class DetectionProcessor implements Processor<String, Object, String, Object> {
    private final Detection detection;
    private final InputBacklog backlog;
    /** Per input topic, the offset after the last record this task processed: how far it has read. */
    private final Map<String, Long> next = new HashMap<>();

    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, ParticipantState> states;
    private ClinicIndex clinics;
    private KeyValueStore<String, byte[]> roster;
    private DueIndex due;
    /** The work queue's timers: a due one is also a reason to ask whether the task may report. */
    private KeyValueStore<Bytes, byte[]> caseTimers;
    private TaskClock clock;
    private FeedwatchMetrics metrics;

    DetectionProcessor(Detection detection, InputBacklog backlog) {
        this.detection = detection;
        this.backlog = backlog;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.states = context.getStateStore(StoreNames.PARTICIPANT_STATE);
        this.clinics = new ClinicIndex(context.getStateStore(StoreNames.OPEN_ALERTS_BY_CLINIC));
        this.roster = context.getStateStore(StoreNames.PARTICIPANTS_BY_CLINIC);
        this.due = new DueIndex(context.<KeyValueStore<Bytes, byte[]>>getStateStore(StoreNames.DUE_INDEX));
        this.caseTimers = context.getStateStore(StoreNames.CASE_DUE_INDEX);
        this.clock = new TaskClock(detection.settings().clock(), context.getStateStore(StoreNames.TASK_CLOCK));
        this.metrics = new FeedwatchMetrics(context);
        context.schedule(detection.settings().punctuationInterval(), PunctuationType.WALL_CLOCK_TIME, wall -> punctuate());
    }

    @Override
    public void process(Record<String, Object> record) {
        context.recordMetadata().ifPresent(m -> next.put(m.topic(), m.offset() + 1));
        Object value = record.value();
        if (value instanceof IngestedEvent e) {
            onEvent(e);
        } else if (value instanceof Participant p) {
            onEnrollment(p);
        } else if (value instanceof IngestedAction a) {
            toCases(a.action().getParticipantId(), new ToCases(now(), a, false));
        } else if (value == null && record.key() != null) {
            onUnenrollment(record.key());
        }
        // a RejectedEvent: ingest dead-lettered the record; it only tells how far the task has read
        if (followsData()) {
            toCases(record.key(), ToCases.tick(now()));
        }
    }

    private Instant now() {
        return clock.now(Instant.ofEpochMilli(context.currentSystemTimeMs()));
    }

    private boolean followsData() {
        return clock.kind().followsData();
    }

    private void punctuate() {
        long began = System.nanoTime();
        Instant now = now();
        if ((due.anyDue(now) || DueIndex.anyDue(caseTimers, now)) && (followsData() || backlog.caughtUp(context.taskId().partition(), next))) {
            fireDue(now);
            toCases(null, ToCases.tick(now));
        }
        metrics.punctuation(Duration.ofNanos(System.nanoTime() - began));
    }

    private void onEvent(IngestedEvent in) {
        FeedingEvent e = in.event();
        String pid = e.getParticipantId();
        ParticipantState state = states.get(pid);
        Detection.Verdict verdict = detection.admit(pid, state, e, now());
        if (verdict instanceof Detection.Rejected r) {
            reject(in, r);
            return;
        }
        if (verdict instanceof Detection.Duplicate) {
            metrics.duplicate();
            return;
        }
        metrics.accepted();
        detection.accept(state, e, (Detection.Accepted) verdict);
        Enrollment who = Enrollment.of(pid, state.getEnrollment());
        LocalDate day = DailySummaries.add(state.getDays(), e, who.zone());
        clock.accepted(e.getStartTime());
        Instant now = now();
        evaluate(state, detection.assess(who, state), now, day, followsData());
        if (followsData()) {
            fireDue(now);
        }
    }

    private void onEnrollment(Participant p) {
        String pid = p.getParticipantId();
        ParticipantState state = states.get(pid);
        if (state == null) {
            state = ParticipantState.newBuilder().setEnrollment(Enrollment.toState(p)).build();
            roster.put(ClinicIndex.key(p.getClinicId(), pid), new byte[0]);
        } else {
            String from = state.getEnrollment().getClinicId();
            if (!from.equals(p.getClinicId())) {
                for (SentAlert s : state.getSent()) {
                    clinics.move(AlertReconciler.alertId(pid, s), from, p.getClinicId());
                }
                roster.delete(ClinicIndex.key(from, pid));
                roster.put(ClinicIndex.key(p.getClinicId(), pid), new byte[0]);
            }
            state.setEnrollment(Enrollment.toState(p));
        }
        Instant now = now();
        evaluate(state, detection.assess(pid, state), now, null, followsData());
        toCases(pid, new ToCases(now, p, false));
    }

    /** A tombstone on the compacted roster: monitoring ends now; open alerts resolve at once, then everything is forgotten. */
    private void onUnenrollment(String pid) {
        ParticipantState state = states.get(pid);
        if (state == null) {
            return;
        }
        Instant now = now();
        Enrollment ending = Enrollment.of(pid, state.getEnrollment()).endingAt(now);
        // reported now whatever the backlog: no later input can change what the deleted state said
        AlertReconciler.reconcile(detection.assess(ending, state), state.getSent(), now).forEach(a -> forwardAlert(a, now));
        due.move(pid, state.getDue(), null);
        states.delete(pid);
        roster.delete(ClinicIndex.key(state.getEnrollment().getClinicId(), pid));
        toCases(pid, new ToCases(now, null, true));
    }

    /** Evaluates every participant whose timer is due at {@code now}. */
    private void fireDue(Instant now) {
        for (String pid : due.takeDue(now)) {
            ParticipantState state = states.get(pid);
            if (state != null) {
                state.setDue(null);
                evaluate(state, detection.assess(pid, state), now, null, true);
            }
        }
    }

    /**
     * Reports what changed for staff (or, when the task may not report yet, leaves it for the next timer), emits the
     * daily summaries changed by an event of {@code eventDay}, moves the frozen point, reschedules and stores the state.
     */
    private void evaluate(ParticipantState state, Detection.Assessment a, Instant now, LocalDate eventDay, boolean report) {
        String pid = a.who().participantId();
        boolean deferred = !report && AlertReconciler.pending(a, state.getSent(), now);
        if (report) {
            AlertReconciler.reconcile(a, state.getSent(), now).forEach(alert -> forwardAlert(alert, now));
        }
        if (eventDay != null) {
            for (var summary : DailySummaries.changed(a.who(), state.getDays(), a.timeline().sessionMillis(), eventDay)) {
                context.forward(new Record<>(DailySummaries.key(pid, summary.getDate()), summary, context.currentSystemTimeMs()),
                        NodeNames.SUMMARIES_SINK);
            }
        }
        Instant nextDue = deferred ? now.plusMillis(1) : Detection.nextDue(a.episodes(), now);
        if (!deferred) {
            // what was reported is final before the new frozen point: the state may forget it
            Instant point = detection.freeze(state, a, now);
            if (point != null) {
                AlertReconciler.forgetResolvedBefore(state.getSent(), point);
                DailySummaries.forgetBefore(state.getDays(), LocalDate.ofInstant(point, a.who().zone()).minusDays(1));
            }
        }
        due.move(pid, state.getDue(), nextDue);
        state.setDue(nextDue);
        states.put(pid, state);
    }

    private void forwardAlert(StaffAlert alert, Instant now) {
        metrics.alert(alert.getStatus());
        clinics.update(alert);
        // output records carry the wall-clock time: a simulated or replayed clock may run far from the broker's
        context.forward(new Record<>(alert.getParticipantId(), alert, context.currentSystemTimeMs()), NodeNames.ALERTS_SINK);
        toCases(alert.getParticipantId(), new ToCases(now, alert, false));
    }

    private void toCases(String key, ToCases what) {
        context.forward(new Record<>(key, what, context.currentSystemTimeMs()), NodeNames.CASES);
    }

    private void reject(IngestedEvent in, Detection.Rejected r) {
        metrics.rejected(r.reason());
        FeedingEvent e = in.event();
        var source = context.recordMetadata();
        RejectedEvent dead = DeadLetters.of(new Rejection(r.reason(), r.message()), source.map(RecordMetadata::topic).orElse(null),
                source.map(RecordMetadata::partition).orElse(null), source.map(RecordMetadata::offset).orElse(null),
                in.originalKey(), in.originalValue(), e.getParticipantId(), e.getEventId(), now());
        String key = in.originalKey() == null ? null : DeadLetters.recordKey(new String(in.originalKey(), StandardCharsets.UTF_8));
        context.forward(new Record<>(key, dead, context.currentSystemTimeMs()), NodeNames.REJECTED_SINK);
    }
}
