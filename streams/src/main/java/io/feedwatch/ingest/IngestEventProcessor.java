package io.feedwatch.ingest;

import io.feedwatch.app.FeedwatchMetrics;
import io.feedwatch.app.FeedwatchTopology;
import io.feedwatch.schemas.FeedingEvent;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Stateless checks of a raw feeding-event record: decodes it (Avro or JSON) and validates it; valid events go on to
 * detection, everything else to the dead-letter topic with the reason. A record whose key is not its participantId is
 * INVALID_VALUE: feedwatch relies on the key to keep one participant's data, and state, in one partition.
 */
public final class IngestEventProcessor implements Processor<byte[], byte[], String, Object> {
    private final EventParser parser = new EventParser();
    private ProcessorContext<String, Object> context;
    private FeedwatchMetrics metrics;

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.metrics = new FeedwatchMetrics(context);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        Parsed<FeedingEvent> parsed = parser.parse(record.value());
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        Rejection rejection = parsed.rejection();
        if (rejection == null) {
            rejection = DeadLetters.keyMismatch(key, parsed.participantId());
        }
        if (rejection != null) {
            metrics.rejected(rejection.reason());
            DeadLetters.forward(context, rejection, record, key, parsed.participantId(), parsed.eventId());
            return;
        }
        context.forward(new Record<String, Object>(key, new IngestedEvent(parsed.value(), record.key(), record.value()),
                record.timestamp()), FeedwatchTopology.DETECT);
    }
}
