package io.feedwatch.clinicweek;

import io.feedwatch.demo.DemoPipeline;
import io.feedwatch.names.Topics;
import io.feedwatch.schemas.Case;
import io.feedwatch.schemas.CaseStatus;
import io.feedwatch.schemas.StaffAction;
import io.feedwatch.schemas.StaffActionType;
import io.feedwatch.schemas.serde.AvroSingleObjectSerde;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Staff who acknowledge every notification: reads the cases as staff see them (committed only) and, {@code after} a
 * notification on the detection clock, sends an ACKNOWLEDGE of that case to {@link Topics#STAFF_ACTIONS} (key
 * participantId, Avro StaffAction, no requestedAt: the app stamps its clock when it takes the action in), the way the
 * HTTP API would. A case closed by then is left alone; nothing is sent for an acknowledgement due after the week's end.
 * The acknowledgement goes out at most one poll (a fraction of a wall second) late.
 */
final class Acknowledger {
    static final String STAFF_ID = "clinic-week-staff";
    private static final Duration POLL = Duration.ofMillis(100);

    private record Due(Instant at, String caseId, String participantId, int version) {
    }

    private final DemoPipeline pipeline;
    private final Duration after;
    private final Instant until;
    private final Serializer<StaffAction> serializer = new AvroSingleObjectSerde<>(StaffAction.class).serializer();
    private final PriorityQueue<Due> due = new PriorityQueue<>(Comparator.comparing(Due::at));
    private final Map<String, CaseStatus> latestStatus = new HashMap<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private Thread thread;

    private Acknowledger(DemoPipeline pipeline, Duration after, Instant until) {
        this.pipeline = pipeline;
        this.after = after;
        this.until = until;
    }

    static Acknowledger start(DemoPipeline pipeline, Duration after, Instant until) {
        Acknowledger a = new Acknowledger(pipeline, after, until);
        a.thread = new Thread(a::run, "feedwatch-clinic-week-staff");
        a.thread.start();
        return a;
    }

    /** ACKNOWLEDGE actions sent so far. */
    long sent() {
        return sent.get();
    }

    /** Stops and waits for the thread; throws what made it fail, if anything did. */
    void stop() throws InterruptedException {
        stop.set(true);
        thread.join();
        if (failure.get() != null) {
            throw new IllegalStateException("acknowledging failed: " + failure.get().getMessage(), failure.get());
        }
        pipeline.producer().flush();
    }

    private void run() {
        var cases = pipeline.server().wiring().serdes().serde(Case.class).deserializer();
        try (KafkaConsumer<String, byte[]> consumer = pipeline.committedReader("clinic-week-staff")) {
            consumer.subscribe(List.of(Topics.CASES));
            while (!stop.get()) {
                for (var r : consumer.poll(POLL)) {
                    Case c = cases.deserialize(r.topic(), r.value());
                    latestStatus.put(c.getCaseId(), c.getStatus());
                    Instant at = c.getNotification() == null ? null : c.getLastNotifiedAt().plus(after);
                    if (at != null && !at.isAfter(until)) {
                        due.add(new Due(at, c.getCaseId(), c.getParticipantId(), c.getVersion()));
                    }
                }
                Instant now = pipeline.clock().instant();
                while (!due.isEmpty() && !due.peek().at().isAfter(now)) {
                    acknowledge(due.poll());
                }
            }
        } catch (RuntimeException e) {
            failure.set(e);
        }
    }

    private void acknowledge(Due d) {
        if (latestStatus.get(d.caseId()) == CaseStatus.CLOSED) {
            return;
        }
        StaffAction action = StaffAction.newBuilder()
                // one acknowledgement per notifying record of the case: its version names it
                .setActionId("ack-" + d.caseId() + "-v" + d.version())
                .setCaseId(d.caseId())
                .setParticipantId(d.participantId())
                .setType(StaffActionType.ACKNOWLEDGE)
                .setStaffId(STAFF_ID)
                .build();
        pipeline.producer().send(new ProducerRecord<>(Topics.STAFF_ACTIONS, d.participantId(),
                serializer.serialize(Topics.STAFF_ACTIONS, action)), (m, e) -> {
            if (e != null) {
                failure.compareAndSet(null, new IllegalStateException("sending an acknowledgement failed: " + e.getMessage(), e));
            }
        });
        sent.incrementAndGet();
    }
}
