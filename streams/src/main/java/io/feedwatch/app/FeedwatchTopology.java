package io.feedwatch.app;

import io.feedwatch.detect.DetectionProcessor;
import io.feedwatch.detect.DetectionSettings;
import io.feedwatch.ingest.IngestEventProcessor;
import io.feedwatch.ingest.IngestParticipantProcessor;
import io.feedwatch.schemas.DailyFeedingSummary;
import io.feedwatch.schemas.Participant;
import io.feedwatch.schemas.RejectedEvent;
import io.feedwatch.schemas.StaffAlert;
import io.feedwatch.schemas.serde.SerdeFactory;
import java.nio.charset.StandardCharsets;
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
 * feeding-events-source -> ingest-feeding-events --+--> detect-supply-risk --> staff-alerts-sink
 * participants-source   -> ingest-participants   --+          |          \--> daily-summaries-sink
 *                                  \------------------------- +-----------> rejected-events-sink
 * </pre>
 */
public final class FeedwatchTopology {
    public static final String EVENTS_SOURCE = "feeding-events-source";
    public static final String PARTICIPANTS_SOURCE = "participants-source";
    public static final String INGEST_EVENTS = "ingest-feeding-events";
    public static final String INGEST_PARTICIPANTS = "ingest-participants";
    public static final String DETECT = "detect-supply-risk";
    public static final String ALERTS_SINK = "staff-alerts-sink";
    public static final String SUMMARIES_SINK = "daily-summaries-sink";
    public static final String REJECTED_SINK = "rejected-events-sink";

    /** The roster: latest enrollment per participant. */
    public static final String PARTICIPANTS_STORE = "participants";
    /** Per-participant detection state (recent sessions, emitted alerts, day totals, timer). */
    public static final String STATE_STORE = "participant-state";
    /** Accepted event ids, for idempotence; forgotten once the participant's latest start has moved the id retention past their acceptance. */
    public static final String EVENT_IDS_STORE = "event-ids";
    /** The same ids ordered by participant and start time, so pruning reads only what is old. */
    public static final String EVENT_IDS_BY_TIME_STORE = "event-ids-by-time";
    /** Open alerts by clinic (clinic id, 0, alert id): what a clinic's staff must follow up, queried without a scan of all participants. */
    public static final String OPEN_ALERTS_BY_CLINIC_STORE = "open-alerts-by-clinic";
    /** Timers: due time, then participant id; a punctuation reads only the due prefix. */
    public static final String DUE_INDEX_STORE = "due-index";

    private FeedwatchTopology() {
    }

    public static Topology build(DetectionSettings settings, SerdeFactory serdes) {
        ByteArrayDeserializer bytes = new ByteArrayDeserializer();
        StringSerializer keys = new StringSerializer();
        Topology t = new Topology();
        // Values arrive as bytes so that nothing can fail before ingest decides, with a reason, what to dead-letter.
        t.addSource(EVENTS_SOURCE, bytes, bytes, Topics.FEEDING_EVENTS);
        t.addSource(PARTICIPANTS_SOURCE, bytes, bytes, Topics.PARTICIPANTS);
        t.addProcessor(INGEST_EVENTS, IngestEventProcessor::new, EVENTS_SOURCE);
        t.addProcessor(INGEST_PARTICIPANTS, IngestParticipantProcessor::new, PARTICIPANTS_SOURCE);
        t.addProcessor(DETECT, () -> new DetectionProcessor(settings), INGEST_EVENTS, INGEST_PARTICIPANTS);

        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PARTICIPANTS_STORE), Serdes.String(),
                serdes.serde(Participant.class)), DETECT);
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STATE_STORE), Serdes.String(),
                DetectionProcessor.stateSerde()), DETECT);
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(EVENT_IDS_STORE), Serdes.String(),
                Serdes.Long()), DETECT);
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(EVENT_IDS_BY_TIME_STORE), Serdes.Bytes(),
                Serdes.ByteArray()), DETECT);
        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DUE_INDEX_STORE), Serdes.Bytes(),
                Serdes.ByteArray()), DETECT);

        t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(OPEN_ALERTS_BY_CLINIC_STORE), Serdes.String(),
                serdes.serde(StaffAlert.class)), DETECT);

        t.addSink(ALERTS_SINK, Topics.STAFF_ALERTS, keys, typed(StaffAlert.class, serdes), DETECT);
        t.addSink(SUMMARIES_SINK, Topics.DAILY_SUMMARIES, keys, typed(DailyFeedingSummary.class, serdes),
                new ByParticipant(), DETECT);
        t.addSink(REJECTED_SINK, Topics.REJECTED_EVENTS, keys, typed(RejectedEvent.class, serdes),
                INGEST_EVENTS, INGEST_PARTICIPANTS, DETECT);
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
