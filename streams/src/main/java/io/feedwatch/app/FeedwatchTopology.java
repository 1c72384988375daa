package io.feedwatch.app;

import io.feedwatch.cases.CaseDesk;
import io.feedwatch.cases.CaseSettings;
import io.feedwatch.detect.Detection;
import io.feedwatch.detect.DetectionSettings;
import io.feedwatch.names.NodeNames;
import io.feedwatch.names.StoreNames;
import io.feedwatch.names.Topics;
import io.feedwatch.schemas.Case;
import io.feedwatch.schemas.DailyFeedingSummary;
import io.feedwatch.schemas.RejectedEvent;
import io.feedwatch.schemas.StaffAlert;
import io.feedwatch.schemas.serde.AvroSingleObjectSerde;
import io.feedwatch.schemas.serde.SerdeFactory;
import io.feedwatch.schemas.state.CaseState;
import io.feedwatch.schemas.state.HistoryEntry;
import io.feedwatch.schemas.state.ParticipantState;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds the feedwatch topology: a pure function of its settings. Every processor, store and changelog has an explicit
 * name here, and TopologyDescriptionTest pins them: renaming a store would orphan its state, so it must fail the build.
 *
 * <pre>
 * feeding-events-source -> ingest-feeding-events --+
 * participants-source   -> ingest-participants   --+--> detect-supply-risk --> staff-alerts-sink, daily-summaries-sink
 * staff-actions-source  -> ingest-staff-actions  --+          |
 *                                                             +--> work-queue --> cases-sink
 *                        (every node) ---------------------------------------> rejected-events-sink
 * </pre>
 */
public final class FeedwatchTopology {
    /** How long a participant's history is kept: the 30 days the history query shows, and a day to spare. */
    static final Duration HISTORY_RETENTION = Duration.ofDays(31);

    private FeedwatchTopology() {
    }

    /**
     * @param backlog tells a task whose clock is its own whether it has read its input (see {@link InputBacklog}); replay
     *                and tests pass {@link InputBacklog#none()}
     */
    public static Topology build(DetectionSettings settings, CaseSettings cases, SerdeFactory serdes, InputBacklog backlog) {
        ByteArrayDeserializer bytes = new ByteArrayDeserializer();
        StringSerializer keys = new StringSerializer();
        Topology t = new Topology();
        // Values arrive as bytes so that nothing can fail before ingest decides, with a reason, what to dead-letter.
        t.addSource(NodeNames.EVENTS_SOURCE, bytes, bytes, Topics.FEEDING_EVENTS);
        t.addSource(NodeNames.PARTICIPANTS_SOURCE, bytes, bytes, Topics.PARTICIPANTS);
        t.addSource(NodeNames.ACTIONS_SOURCE, bytes, bytes, Topics.STAFF_ACTIONS);
        t.addProcessor(NodeNames.INGEST_EVENTS, IngestProcessor::events, NodeNames.EVENTS_SOURCE);
        t.addProcessor(NodeNames.INGEST_PARTICIPANTS, IngestProcessor::participants, NodeNames.PARTICIPANTS_SOURCE);
        t.addProcessor(NodeNames.INGEST_ACTIONS, IngestProcessor::actions, NodeNames.ACTIONS_SOURCE);
        // every input passes detection, which keeps the task's clock and knows how far the task has read
        t.addProcessor(NodeNames.DETECT, () -> new DetectionProcessor(new Detection(settings), backlog),
                NodeNames.INGEST_EVENTS, NodeNames.INGEST_PARTICIPANTS, NodeNames.INGEST_ACTIONS);
        t.addProcessor(NodeNames.CASES, () -> new CasesProcessor(new CaseDesk(cases)), NodeNames.DETECT);

        // Stores are internal: always Avro single-object encoded, so restoring never depends on a schema registry.
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.PARTICIPANT_STATE), Serdes.String(),
                new AvroSingleObjectSerde<>(ParticipantState.class)), NodeNames.DETECT);
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.DUE_INDEX), Serdes.Bytes(),
                Serdes.ByteArray()), NodeNames.DETECT);
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.OPEN_ALERTS_BY_CLINIC), Serdes.String(),
                new AvroSingleObjectSerde<>(StaffAlert.class)), NodeNames.DETECT);
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.PARTICIPANTS_BY_CLINIC), Serdes.String(),
                Serdes.ByteArray()), NodeNames.DETECT);
        // written on almost every event, read only when a task starts: the cache turns that into one changelog record per commit
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.TASK_CLOCK), Serdes.String(),
                Serdes.Long()).withCachingEnabled(), NodeNames.DETECT);

        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.CASES), Serdes.String(),
                new AvroSingleObjectSerde<>(CaseState.class)), NodeNames.CASES);
        // the work queue's timers: detection looks at them too, to know whether its punctuation has work to hand over
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.CASE_DUE_INDEX), Serdes.Bytes(),
                Serdes.ByteArray()), NodeNames.CASES, NodeNames.DETECT);
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(StoreNames.OPEN_CASES_BY_CLINIC), Serdes.String(),
                new AvroSingleObjectSerde<>(Case.class)), NodeNames.CASES);
        t.addStateStore(Stores.windowStoreBuilder(Stores.persistentWindowStore(StoreNames.PARTICIPANT_HISTORY, HISTORY_RETENTION,
                Duration.ofMillis(1), true), Serdes.String(), new AvroSingleObjectSerde<>(HistoryEntry.class)), NodeNames.CASES);

        t.addSink(NodeNames.ALERTS_SINK, Topics.STAFF_ALERTS, keys, typed(StaffAlert.class, serdes), NodeNames.DETECT);
        t.addSink(NodeNames.CASES_SINK, Topics.CASES, keys, typed(Case.class, serdes), NodeNames.CASES);
        t.addSink(NodeNames.SUMMARIES_SINK, Topics.DAILY_SUMMARIES, keys, typed(DailyFeedingSummary.class, serdes),
                new ByParticipant(), NodeNames.DETECT);
        t.addSink(NodeNames.REJECTED_SINK, Topics.REJECTED_EVENTS, keys, typed(RejectedEvent.class, serdes),
                NodeNames.INGEST_EVENTS, NodeNames.INGEST_PARTICIPANTS, NodeNames.INGEST_ACTIONS, NodeNames.DETECT, NodeNames.CASES);
        return t;
    }

    /** A sink serializer for one record class; anything else reaching it is a programming error, reported as such. */
    private static <T extends org.apache.avro.specific.SpecificRecord> Serializer<Object> typed(Class<T> type, SerdeFactory serdes) {
        Serializer<T> inner = serdes.serde(type).serializer();
        return (topic, value) -> inner.serialize(topic, type.cast(value));
    }

    /**
     * Summaries are keyed participant/date (latest per key wins), but partitioned by participant like every other topic,
     * so one participant's data stays in one partition.
     */
    static final class ByParticipant implements StreamPartitioner<String, Object> {
        @Override
        public Optional<Set<Integer>> partitions(String topic, String key, Object value, int numPartitions) {
            int slash = key.indexOf('/');
            String participant = slash < 0 ? key : key.substring(0, slash);
            byte[] b = participant.getBytes(StandardCharsets.UTF_8);
            return Optional.of(Set.of(Utils.toPositive(Utils.murmur2(b)) % numPartitions));
        }
    }
}
