package io.feedwatch.app;

import io.feedwatch.ingest.DeadLetters;
import io.feedwatch.ingest.Rejection;
import io.feedwatch.schemas.RejectedEvent;
import io.feedwatch.schemas.RejectionReason;
import io.feedwatch.schemas.serde.AvroSingleObjectSerde;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams' last line of defence: whatever escapes the processors (a bug, a corrupt store value) or the source
 * deserializers is written to the dead-letter topic as PROCESSING_ERROR / MALFORMED with the original bytes, and
 * processing continues. Nothing is lost and the application does not crash on one bad record.
 */
public final class DeadLetterHandlers {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterHandlers.class);
    private static final Serializer<RejectedEvent> SERIALIZER = new AvroSingleObjectSerde<>(RejectedEvent.class).serializer();

    private DeadLetterHandlers() {
    }

    /** The Streams settings that install both handlers. */
    public static Map<String, Object> settings() {
        return Map.of(
                org.apache.kafka.streams.StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, Processing.class,
                "processing.exception.handler.global.enabled", true,
                org.apache.kafka.streams.StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, Deserialization.class);
    }

    static List<ProducerRecord<byte[], byte[]>> deadLetter(ErrorHandlerContext ctx, RejectionReason reason, Exception e) {
        String message = e.getClass().getSimpleName() + " in " + ctx.processorNodeId() + ": " + e.getMessage();
        LOG.error("dead-lettering record {}-{}@{}: {}", ctx.topic(), ctx.partition(), ctx.offset(), message, e);
        RejectedEvent dead = DeadLetters.of(new Rejection(reason, message), ctx.topic(), ctx.partition(), ctx.offset(),
                ctx.sourceRawKey(), ctx.sourceRawValue(), null, null, Instant.ofEpochMilli(ctx.timestamp()));
        return List.of(new ProducerRecord<>(Topics.REJECTED_EVENTS, null, ctx.sourceRawKey(),
                SERIALIZER.serialize(Topics.REJECTED_EVENTS, dead)));
    }

    /** Exceptions thrown inside a processor. */
    public static final class Processing implements ProcessingExceptionHandler {
        @Override
        public Response handleError(ErrorHandlerContext ctx, Record<?, ?> record, Exception e) {
            return Response.resume(deadLetter(ctx, RejectionReason.PROCESSING_ERROR, e));
        }

        @Override
        public void configure(Map<String, ?> configs) {
        }
    }

    /** Keys or values the source deserializers cannot read (feedwatch reads bytes, so this is a safety net). */
    public static final class Deserialization implements DeserializationExceptionHandler {
        @Override
        public Response handleError(ErrorHandlerContext ctx, ConsumerRecord<byte[], byte[]> record, Exception e) {
            return Response.resume(deadLetter(ctx, RejectionReason.MALFORMED, e));
        }

        @Override
        public void configure(Map<String, ?> configs) {
        }
    }
}
