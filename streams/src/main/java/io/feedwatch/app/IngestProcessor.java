package io.feedwatch.app;

import io.feedwatch.ingest.DeadLetters;
import io.feedwatch.ingest.EventParser;
import io.feedwatch.ingest.IngestedAction;
import io.feedwatch.ingest.IngestedEvent;
import io.feedwatch.ingest.Parsed;
import io.feedwatch.ingest.ParticipantParser;
import io.feedwatch.ingest.Rejection;
import io.feedwatch.ingest.StaffActionParser;
import io.feedwatch.names.NodeNames;
import io.feedwatch.schemas.FeedingEvent;
import io.feedwatch.schemas.Participant;
import io.feedwatch.schemas.RejectedEvent;
import io.feedwatch.schemas.StaffAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Stateless checks of one raw input record (a feeding event, an enrollment or a staff action): decodes and validates it with the
 * topic's parser; valid records go on to detection, everything else to the dead-letter topic with the reason. A record
 * whose key is not its participantId is INVALID_VALUE: feedwatch relies on the key to keep one participant's data, and
 * state, in one partition (and the roster topic is compacted by key).
 *
 * @param <T> the parsed record type
 */
final class IngestProcessor<T> implements Processor<byte[], byte[], String, Object> {
    private final Function<byte[], Parsed<T>> parser;
    /** What a valid record becomes on its way to detection, from the raw record and its parsed value. */
    private final BiFunction<Record<byte[], byte[]>, T, Object> downstream;
    /** On the compacted roster a tombstone (key, no value) ends monitoring; elsewhere it is a malformed record. */
    private final boolean tombstones;
    private ProcessorContext<String, Object> context;
    private FeedwatchMetrics metrics;

    private IngestProcessor(Function<byte[], Parsed<T>> parser, BiFunction<Record<byte[], byte[]>, T, Object> downstream,
                            boolean tombstones) {
        this.parser = parser;
        this.downstream = downstream;
        this.tombstones = tombstones;
    }

    /** Feeding events keep their original bytes, for a dead letter that only detection can decide on. */
    static IngestProcessor<FeedingEvent> events() {
        return new IngestProcessor<>(new EventParser()::parse, (raw, e) -> new IngestedEvent(e, raw.key(), raw.value()), false);
    }

    /** Staff actions keep their original bytes, for a dead letter that only the work queue can decide on. */
    static IngestProcessor<StaffAction> actions() {
        return new IngestProcessor<>(new StaffActionParser()::parse, (raw, a) -> new IngestedAction(a, raw.key(), raw.value()), false);
    }

    static IngestProcessor<Participant> participants() {
        return new IngestProcessor<>(new ParticipantParser()::parse, (raw, p) -> p, true);
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.metrics = new FeedwatchMetrics(context);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        if (tombstones && record.value() == null && key != null) {
            context.forward(new Record<String, Object>(key, null, record.timestamp()), NodeNames.DETECT);
            return;
        }
        Parsed<T> parsed = parser.apply(record.value());
        Rejection rejection = parsed.rejection();
        if (rejection == null) {
            rejection = DeadLetters.keyMismatch(key, parsed.participantId());
        }
        if (rejection != null) {
            metrics.rejected(rejection.reason());
            Record<String, Object> dead = new Record<>(DeadLetters.recordKey(key), deadLetter(rejection, record, parsed), record.timestamp());
            context.forward(dead, NodeNames.REJECTED_SINK);
            // detection learns that the task has read this record (its backlog check counts offsets)
            context.forward(dead, NodeNames.DETECT);
            return;
        }
        context.forward(new Record<>(key, downstream.apply(record, parsed.value()), record.timestamp()), NodeNames.DETECT);
    }

    private RejectedEvent deadLetter(Rejection rejection, Record<byte[], byte[]> record, Parsed<T> parsed) {
        var source = context.recordMetadata();
        return DeadLetters.of(rejection, source.map(RecordMetadata::topic).orElse(null), source.map(RecordMetadata::partition).orElse(null),
                source.map(RecordMetadata::offset).orElse(null), record.key(), record.value(), parsed.participantId(), parsed.eventId(),
                Instant.ofEpochMilli(context.currentSystemTimeMs()));
    }
}
