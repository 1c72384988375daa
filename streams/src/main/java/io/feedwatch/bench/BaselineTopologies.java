package io.feedwatch.bench;

import io.feedwatch.names.Topics;
import io.feedwatch.schemas.FeedingEvent;
import io.feedwatch.schemas.FeedingType;
import io.feedwatch.schemas.serde.SerdeFactory;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.SlidingWindows;
import org.apache.kafka.streams.kstream.Suppressed;
import org.apache.kafka.streams.processor.TimestampExtractor;
import org.apache.kafka.streams.state.WindowStore;

/** The Kafka Streams stages that are not feedwatch: the pass-through ceiling (3) and the windowed count a user would write (4). */
final class BaselineTopologies {
    static final String PASS_THROUGH_TOPIC = "bench.pass-through.v1";
    static final String NAIVE_ALERTS_TOPIC = "bench.naive-alerts.v1";
    /** The naive rule: fewer than this many removal events in a 24 h window. */
    static final int NAIVE_MINIMUM = 8;
    /** How late an event may arrive for the naive windows: the simulated apps upload within minutes, pumps within 10 min. */
    static final Duration NAIVE_GRACE = Duration.ofHours(1);

    private BaselineTopologies() {
    }

    /** Stage 3: read, decode, write (re-encode) every feeding event, nothing else. */
    static Topology passThrough() {
        Serde<FeedingEvent> events = SerdeFactory.load(null).serde(FeedingEvent.class);
        StreamsBuilder b = new StreamsBuilder();
        b.stream(Topics.FEEDING_EVENTS, Consumed.with(Serdes.String(), events).withName("pass-through-source"))
                .to(PASS_THROUGH_TOPIC, Produced.with(Serdes.String(), events).withName("pass-through-sink"));
        return b.build();
    }

    /**
     * Stage 4: what a user would write without feedwatch. Removal events counted per participant in 24 h sliding windows on
     * event time; each window's final count, once the window closes, becomes an alert when under {@link #NAIVE_MINIMUM}.
     * It counts events, not sessions, knows no age bands, and, above all, never alerts on silence: a window only exists
     * where an event is.
     */
    static Topology naiveSlidingWindow() {
        Serde<FeedingEvent> events = SerdeFactory.load(null).serde(FeedingEvent.class);
        StreamsBuilder b = new StreamsBuilder();
        b.stream(Topics.FEEDING_EVENTS, Consumed.with(Serdes.String(), events)
                        .withTimestampExtractor(new EventStart())
                        .withName("naive-source"))
                .filter((pid, e) -> e != null && isRemoval(e.getType()), Named.as("naive-removals-only"))
                .groupByKey(Grouped.<String, FeedingEvent>as("naive-by-participant").withKeySerde(Serdes.String()).withValueSerde(events))
                .windowedBy(SlidingWindows.ofTimeDifferenceAndGrace(Duration.ofHours(24), NAIVE_GRACE))
                .count(Named.as("naive-24h-count"), Materialized.<String, Long, WindowStore<Bytes, byte[]>>as("naive-24h-counts")
                        .withKeySerde(Serdes.String())
                        .withValueSerde(Serdes.Long()))
                .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded()).withName("naive-until-window-closes"))
                .toStream(Named.as("naive-closed-windows"))
                .filter((w, count) -> count != null && count < NAIVE_MINIMUM, Named.as("naive-under-minimum"))
                .map((w, count) -> KeyValue.pair(w.key(), count + " removal events in [" + w.window().startTime() + ", "
                        + w.window().endTime() + "]"), Named.as("naive-alert"))
                .to(NAIVE_ALERTS_TOPIC, Produced.with(Serdes.String(), Serdes.String()).withName("naive-alerts-sink"));
        return b.build();
    }

    private static boolean isRemoval(FeedingType t) {
        return t == FeedingType.BREASTFEED || t == FeedingType.PUMP || t == FeedingType.HAND_EXPRESSION;
    }

    /** Event time is the session's start, as in feedwatch; the record timestamp is only when the app uploaded it. */
    static final class EventStart implements TimestampExtractor {
        @Override
        public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
            return record.value() instanceof FeedingEvent e ? e.getStartTime().toEpochMilli() : partitionTime;
        }
    }
}
