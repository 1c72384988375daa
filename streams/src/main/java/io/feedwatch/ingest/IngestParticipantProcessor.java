package io.feedwatch.ingest;

import io.feedwatch.app.FeedwatchMetrics;
import io.feedwatch.app.FeedwatchTopology;
import io.feedwatch.schemas.Participant;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Stateless checks of an enrollment record. Valid enrollments (and tombstones, which end monitoring) go on to detection;
 * invalid ones are dead-lettered and never applied. The key must be the participantId, because the roster topic is
 * compacted by key.
 */
public final class IngestParticipantProcessor implements Processor<byte[], byte[], String, Object> {
    private final ParticipantParser parser = new ParticipantParser();
    private ProcessorContext<String, Object> context;
    private FeedwatchMetrics metrics;

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.metrics = new FeedwatchMetrics(context);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        if (record.value() == null && key != null) {
            context.forward(new Record<String, Object>(key, null, record.timestamp()), FeedwatchTopology.DETECT);
            return;
        }
        Parsed<Participant> parsed = parser.parse(record.value());
        Rejection rejection = parsed.rejection();
        if (rejection == null) {
            rejection = DeadLetters.keyMismatch(key, parsed.participantId());
        }
        if (rejection != null) {
            metrics.rejected(rejection.reason());
            DeadLetters.forward(context, rejection, record, key, parsed.participantId(), null);
            return;
        }
        context.forward(new Record<String, Object>(key, parsed.value(), record.timestamp()), FeedwatchTopology.DETECT);
    }
}
