package io.feedwatch.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.feedwatch.names.Topics;
import io.feedwatch.schemas.FeedingEvent;
import io.feedwatch.schemas.Participant;
import io.feedwatch.schemas.serde.AvroSingleObjectSerde;
import io.feedwatch.simulate.SimulationRunner.Progress;
import io.feedwatch.simulate.SimulationRunner.State;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class SimulationRunnerTest {
    private static final Instant WALL = Instant.parse("2030-01-01T00:00:00Z");
    private static final Instant ORIGIN = Instant.parse("2026-03-01T08:00:00Z");
    private static final Instant END = ORIGIN.plus(Duration.ofHours(6));

    private final Simulator simulator = new Simulator(SimulationSettings.of(5, 6, 0.5, ORIGIN).withFaultRate(0.1));
    private final MutableClock wall = new MutableClock(WALL);
    private final AcceleratedClock clock = new AcceleratedClock(wall, ORIGIN, 600);
    private final RecordingProducer producer = new RecordingProducer(true);
    private final List<Instant> waits = new ArrayList<>();
    private final List<Progress> reports = new ArrayList<>();
    /** Jumps the wall clock to the instant the runner waits for, as a real sleep would, and remembers the target. */
    private final SimulationRunner.Pacer jump = (c, target, stop) -> {
        waits.add(target);
        wall.set(c.wallInstantAt(target));
    };

    /** Remembers the simulated time of every send. */
    private final class RecordingProducer extends MockProducer<String, byte[]> {
        final List<Instant> sentAt = new ArrayList<>();

        RecordingProducer(boolean autoComplete) {
            super(autoComplete, null, new StringSerializer(), new ByteArraySerializer());
        }

        @Override
        public synchronized Future<RecordMetadata> send(ProducerRecord<String, byte[]> record, Callback callback) {
            sentAt.add(clock.instant());
            return super.send(record, callback);
        }
    }

    @Test
    void sendsEnrollmentsFirstThenEveryEventWhenTheSimulatedClockReachesIt() throws Exception {
        Progress result = new SimulationRunner(simulator, clock, producer, END, jump, reports::add).run();

        List<ProducerRecord<String, byte[]>> sent = producer.history();
        List<Participant> participants = List.copyOf(simulator.participants());
        List<TimedEvent> expected = simulator.stream(simulator.historyStart(), END).toList();
        assertThat(expected).extracting(TimedEvent::kind).contains(TimedEvent.Kind.DUPLICATE, TimedEvent.Kind.DEAD_LETTER);
        assertThat(sent).hasSize(participants.size() + expected.size());

        var participantSerde = new AvroSingleObjectSerde<>(Participant.class);
        for (int i = 0; i < participants.size(); i++) {
            ProducerRecord<String, byte[]> r = sent.get(i);
            assertThat(r.topic()).isEqualTo(Topics.PARTICIPANTS);
            assertThat(r.key()).isEqualTo(participants.get(i).getParticipantId());
            assertThat(participantSerde.deserializer().deserialize(r.topic(), r.value())).isEqualTo(participants.get(i));
            assertThat(producer.sentAt.get(i)).isEqualTo(ORIGIN);
        }

        Serializer<FeedingEvent> eventSerializer = new AvroSingleObjectSerde<>(FeedingEvent.class).serializer();
        for (int j = 0; j < expected.size(); j++) {
            TimedEvent e = expected.get(j);
            ProducerRecord<String, byte[]> r = sent.get(participants.size() + j);
            Instant sentAt = producer.sentAt.get(participants.size() + j);
            assertThat(r.topic()).isEqualTo(Topics.FEEDING_EVENTS);
            assertThat(r.key()).isEqualTo(e.key());
            assertThat(r.value()).isEqualTo(e.event() != null ? eventSerializer.serialize(r.topic(), e.event()) : e.rawValue());
            // Wall-clock record timestamps: simulated ones would run ahead of the broker's clock and be rejected.
            assertThat(r.timestamp()).isNull();
            assertThat(sentAt).as("record %d sent at %s, due %s", j, sentAt, e.sendAt()).isAfterOrEqualTo(e.sendAt());
            if (e.sendAt().isAfter(ORIGIN)) {
                // Sent as soon as it was due, not later.
                assertThat(Duration.between(e.sendAt(), sentAt)).isLessThan(Duration.ofMillis(1));
            } else {
                // History goes out at once, before the simulated clock moves.
                assertThat(sentAt).isEqualTo(ORIGIN);
            }
        }

        assertThat(waits).isSorted().doesNotHaveDuplicates().allSatisfy(w -> assertThat(w).isAfter(ORIGIN).isBeforeOrEqualTo(END));
        assertThat(waits.get(waits.size() - 1)).isEqualTo(END);
        assertThat(clock.instant()).isAfterOrEqualTo(END);

        long events = expected.stream().filter(e -> e.kind() == TimedEvent.Kind.EVENT).count();
        long duplicates = expected.stream().filter(e -> e.kind() == TimedEvent.Kind.DUPLICATE).count();
        long deadLetters = expected.stream().filter(e -> e.kind() == TimedEvent.Kind.DEAD_LETTER).count();
        assertThat(result).isEqualTo(new Progress(participants.size(), events, duplicates, deadLetters, clock.instant(), State.FINISHED));
        assertThat(producer.flushed()).isTrue();
    }

    @Test
    void reportsProgressAfterEnrollmentsWhenCaughtUpAndAtTheEnd() throws Exception {
        Progress result = new SimulationRunner(simulator, clock, producer, END, jump, reports::add).run();

        assertThat(reports.get(0)).isEqualTo(new Progress(6, 0, 0, 0, ORIGIN, State.RUNNING));
        assertThat(reports.get(reports.size() - 1)).isEqualTo(result);
        assertThat(reports.subList(0, reports.size() - 1)).extracting(Progress::state).containsOnly(State.RUNNING);
        // One report per catch-up: with records due at many different times there are many, and counts only grow.
        assertThat(reports).hasSizeGreaterThan(20);
        for (int i = 1; i < reports.size(); i++) {
            assertThat(reports.get(i).feedingRecords()).isGreaterThanOrEqualTo(reports.get(i - 1).feedingRecords());
            assertThat(reports.get(i).simulatedTime()).isAfterOrEqualTo(reports.get(i - 1).simulatedTime());
        }
        // The first catch-up report comes once the history is out, at the origin.
        long history = simulator.stream(simulator.historyStart(), ORIGIN.plusNanos(1)).count();
        assertThat(reports.get(1).feedingRecords()).isEqualTo(history);
        assertThat(reports.get(1).simulatedTime()).isEqualTo(ORIGIN);
    }

    @Test
    void stopEndsTheRunEarlyAndFlushes() throws Exception {
        SimulationRunner[] runner = new SimulationRunner[1];
        SimulationRunner.Pacer stopOnThirdWait = (c, target, stop) -> {
            jump.await(c, target, stop);
            if (waits.size() == 3) {
                runner[0].stop();
            }
        };
        runner[0] = new SimulationRunner(simulator, clock, producer, END, stopOnThirdWait, reports::add);
        Progress result = runner[0].run();

        assertThat(result.state()).isEqualTo(State.STOPPED);
        assertThat(waits).hasSize(3);
        long dueByThirdWait = simulator.stream(simulator.historyStart(), waits.get(1).plusNanos(1)).count();
        assertThat(result.feedingRecords()).isEqualTo(dueByThirdWait);
        assertThat(producer.history()).hasSize((int) (6 + dueByThirdWait));
        assertThat(producer.flushed()).isTrue();
        assertThatThrownBy(runner[0]::run).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aFailedSendStopsTheRunWithTheCause() {
        RecordingProducer failing = new RecordingProducer(false);
        SimulationRunner.Pacer failWhileWaiting = (c, target, stop) -> {
            failing.errorNext(new KafkaException("broker went away"));
            jump.await(c, target, stop);
        };
        SimulationRunner runner = new SimulationRunner(simulator, clock, failing, END, failWhileWaiting, reports::add);

        assertThatThrownBy(runner::run).isInstanceOf(KafkaException.class).hasMessageContaining("broker went away");
        assertThat(waits).hasSize(1);
    }

    @Test
    void anEndBeforeTheOriginSendsOnlyHistoryAndDoesNotWait() throws Exception {
        Instant end = ORIGIN.minus(Duration.ofHours(1));
        Progress result = new SimulationRunner(simulator, clock, producer, end, jump, reports::add).run();

        assertThat(waits).isEmpty();
        assertThat(result.feedingRecords()).isEqualTo(simulator.stream(simulator.historyStart(), end).count()).isPositive();
        assertThat(result.state()).isEqualTo(State.FINISHED);
        assertThat(producer.sentAt).containsOnly(ORIGIN);
    }
}
