package io.feedwatch.clinicweek;

import io.feedwatch.config.FeedwatchConfig;
import io.feedwatch.demo.DemoPipeline;
import io.feedwatch.names.Topics;
import io.feedwatch.replay.JsonOutput;
import io.feedwatch.schemas.Case;
import io.feedwatch.schemas.StaffAlert;
import io.feedwatch.schemas.serde.SerdeFactory;
import io.feedwatch.simulate.AcceleratedClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * A clinic's week as staff would live it: exactly what {@code feedwatch demo} runs ({@link DemoPipeline}: embedded broker,
 * the app on the accelerated detection clock, the simulated mothers playing in on that clock, so alerts open before late
 * uploads arrive and are then resolved or withdrawn), stopped after {@code days} simulated days. The outputs are read as
 * staff would see them (committed transactions only), up to the end of the week.
 *
 * @param speed            simulated seconds per wall-clock second
 * @param acknowledgeAfter when set, staff acknowledge each notified case this long (simulated) after the notification
 *                         ({@link Acknowledger}); null: nobody acknowledges
 */
public record LiveClinicWeek(ClinicWeek week, double speed, Duration acknowledgeAfter) {
    /**
     * Wall time the detection clock runs past the end before the outputs are read: four punctuations (0.5 s) and ten
     * commits (200 ms), so whatever was due up to the end has been emitted and committed.
     */
    private static final Duration SETTLE_WALL = Duration.ofSeconds(2);
    /** How long, past the end, the app may take to catch up before the run counts as failed (wall). */
    private static final Duration CATCH_UP_WALL = Duration.ofMinutes(2);
    private static final Duration POLL = Duration.ofMillis(250);

    public LiveClinicWeek {
        Objects.requireNonNull(week, "week");
    }

    /**
     * Runs the week and measures it.
     *
     * @param config   the app's configuration, before the demo's own settings (broker, clock) are laid over it
     * @param progress one line now and then for people waiting on the run
     */
    public MeasuredWeek run(FeedwatchConfig config, Consumer<String> progress) throws Exception {
        Duration length = Duration.ofDays(week.days());
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        DemoPipeline.Settings settings = new DemoPipeline.Settings(week.participants(), week.atRiskShare(), week.seed(), speed, length,
                0, false);
        // the week needs no dashboard, and must not take the port of a demo that may be running
        try (DemoPipeline pipeline = DemoPipeline.start(settings, config.with("feedwatch.http.port", "0"), p -> { }, failure::set)) {
            AcceleratedClock clock = pipeline.clock();
            Instant until = clock.origin().plus(length);
            progress.accept(String.format("live run from %s to %s, 1 s = %s simulated: about %d s", clock.origin(), until,
                    clock.simulatedDuration(Duration.ofSeconds(1)), clock.wallTimeUntil(until).toSeconds()));
            Acknowledger staff = acknowledgeAfter == null ? null : Acknowledger.start(pipeline, acknowledgeAfter, until);
            try {
                pipeline.awaitSimulation(clock.wallTimeUntil(until).plus(CATCH_UP_WALL));
                if (failure.get() != null) {
                    throw new IllegalStateException("the simulation failed: " + failure.get().getMessage(), failure.get());
                }
                awaitCaughtUp(pipeline, until.plus(clock.simulatedDuration(SETTLE_WALL)));
            } finally {
                if (staff != null) {
                    staff.stop();
                }
            }
            Outputs outputs = readOutputs(pipeline, until);
            progress.accept(String.format("read %d alert and %d case records up to %s (%d later ones left out)",
                    outputs.alerts().size(), outputs.cases().size(), until, outputs.afterEnd()));
            ClinicWeekReport.Method method = ClinicWeekReport.Method.live(clock.origin(), speed, acknowledgeAfter,
                    staff == null ? 0 : staff.sent(), outputs.afterEnd());
            return MeasuredWeek.of(week, method, until, config.getDuration("feedwatch.cases.notify-delay"), outputs.alerts(),
                    outputs.cases());
        }
    }

    /**
     * Waits until the detection clock is past {@code settled} and the app has consumed every input record (its committed
     * offsets at the end of the input topics): from then on nothing of the week is still to come.
     */
    private static void awaitCaughtUp(DemoPipeline pipeline, Instant settled) throws InterruptedException, ExecutionException {
        String group = pipeline.server().wiring().config().get("application.id");
        long deadline = System.nanoTime() + pipeline.clock().wallTimeUntil(settled).plus(CATCH_UP_WALL).toNanos();
        try (Admin admin = Admin.create(pipeline.server().wiring().adminProperties("clinic-week-lag"))) {
            long lag = Long.MAX_VALUE;
            while (System.nanoTime() < deadline) {
                if (!pipeline.clock().instant().isBefore(settled)) {
                    lag = inputLag(admin, group);
                    if (lag == 0) {
                        return;
                    }
                }
                Thread.sleep(POLL.toMillis());
            }
            throw new IllegalStateException("the app did not catch up with its input within " + CATCH_UP_WALL + " (lag " + lag + ")");
        }
    }

    /** Input records the app has not committed yet, over every partition of the input topics. */
    private static long inputLag(Admin admin, String group) throws InterruptedException, ExecutionException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
        admin.describeTopics(Topics.INPUTS).allTopicNames().get().values().forEach(t -> t.partitions()
                .forEach(p -> ends.put(new TopicPartition(t.name(), p.partition()), OffsetSpec.latest())));
        long lag = 0;
        for (var e : admin.listOffsets(ends).all().get().entrySet()) {
            OffsetAndMetadata c = committed.get(e.getKey());
            lag += Math.max(0, e.getValue().offset() - (c == null ? 0 : c.offset()));
        }
        return lag;
    }

    /** What was read: JSON lines, and how many records were dated after the end. */
    private record Outputs(List<String> alerts, List<String> cases, long afterEnd) {
    }

    /**
     * Every alert and case record, in partition order (which keeps each participant's records in emission order), with
     * a detection-clock time up to {@code until} (an alert's detectedAt, a case's updatedAt): after the end the
     * simulation has stopped and every mother looks silent.
     */
    private static Outputs readOutputs(DemoPipeline pipeline, Instant until) {
        SerdeFactory serdes = pipeline.server().wiring().serdes();
        var alertReader = serdes.serde(StaffAlert.class).deserializer();
        var caseReader = serdes.serde(Case.class).deserializer();
        List<String> alerts = new ArrayList<>();
        List<String> cases = new ArrayList<>();
        long afterEnd = 0;
        try (KafkaConsumer<String, byte[]> consumer = pipeline.committedReader("clinic-week-report")) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(Topics.STAFF_ALERTS, Topics.CASES)) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // with read_committed these are the last stable offsets: everything of a committed transaction lies before
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Map<TopicPartition, List<String>> byPartition = partitions.stream().collect(Collectors.toMap(p -> p, p -> new ArrayList<>()));
            Set<TopicPartition> pending = partitions.stream().filter(p -> ends.get(p) > 0).collect(Collectors.toSet());
            long deadline = System.nanoTime() + CATCH_UP_WALL.toNanos();
            while (!pending.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read the outputs to their end within " + CATCH_UP_WALL);
                }
                for (var r : consumer.poll(POLL)) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (r.offset() >= ends.get(tp)) {
                        continue;
                    }
                    if (r.topic().equals(Topics.STAFF_ALERTS)) {
                        StaffAlert a = alertReader.deserialize(r.topic(), r.value());
                        if (a.getDetectedAt().isAfter(until)) {
                            afterEnd++;
                        } else {
                            byPartition.get(tp).add(JsonOutput.alert(a));
                        }
                    } else {
                        Case c = caseReader.deserialize(r.topic(), r.value());
                        if (c.getUpdatedAt().isAfter(until)) {
                            afterEnd++;
                        } else {
                            byPartition.get(tp).add(JsonOutput.caseRecord(c));
                        }
                    }
                }
                pending.removeIf(p -> consumer.position(p) >= ends.get(p));
            }
            for (TopicPartition p : partitions) {
                (p.topic().equals(Topics.STAFF_ALERTS) ? alerts : cases).addAll(byPartition.get(p));
            }
        }
        return new Outputs(alerts, cases, afterEnd);
    }
}
