package io.feedwatch.app;

import io.feedwatch.ingest.DeadLetters;
import io.feedwatch.names.Topics;
import io.feedwatch.ingest.Rejection;
import io.feedwatch.schemas.RejectedEvent;
import io.feedwatch.schemas.RejectionReason;
import io.feedwatch.schemas.serde.SerdeFactory;
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

    private DeadLetterHandlers() {
    }

    /** The Streams settings that install both handlers. */
    public static Map<String, Object> settings() {
        return Map.of(
                org.apache.kafka.streams.StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, Processing.class,
                "processing.exception.handler.global.enabled", true,
                org.apache.kafka.streams.StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, Deserialization.class);
    }

    /**
     * The serializer the topology's dead-letter sink uses: the configured serde factory's, handed over by {@link Wiring}
     * (or, where the handlers were configured without it, loaded from {@code feedwatch.serde.factory}).
     */
    static Serializer<RejectedEvent> serializer(Map<String, ?> configs) {
        Object instance = configs.get(Wiring.SERDES_INSTANCE);
        SerdeFactory serdes;
        if (instance instanceof SerdeFactory configured) {
            serdes = configured;
        } else {
            Object name = configs.get(SerdeFactory.CONFIG_KEY);
            serdes = SerdeFactory.load(name == null ? null : name.toString());
            serdes.configure(configs);
        }
        return serdes.serde(RejectedEvent.class).serializer();
    }

    static List<ProducerRecord<byte[], byte[]>> deadLetter(ErrorHandlerContext ctx, RejectionReason reason, Exception e,
                                                           Serializer<RejectedEvent> serializer) {
        String message = e.getClass().getSimpleName() + " in " + ctx.processorNodeId() + ": " + e.getMessage();
        LOG.error("dead-lettering record {}-{}@{}: {}", ctx.topic(), ctx.partition(), ctx.offset(), message, e);
        RejectedEvent dead = DeadLetters.of(new Rejection(reason, message), ctx.topic(), ctx.partition(), ctx.offset(),
                ctx.sourceRawKey(), ctx.sourceRawValue(), null, null, Instant.ofEpochMilli(ctx.timestamp()));
        return List.of(new ProducerRecord<>(Topics.REJECTED_EVENTS, null, ctx.sourceRawKey(),
                serializer.serialize(Topics.REJECTED_EVENTS, dead)));
    }

    /** Exceptions thrown inside a processor. */
    public static final class Processing implements ProcessingExceptionHandler {
        private Serializer<RejectedEvent> serializer;

        @Override
        public Response handleError(ErrorHandlerContext ctx, Record<?, ?> record, Exception e) {
            return Response.resume(deadLetter(ctx, RejectionReason.PROCESSING_ERROR, e, serializer));
        }

        @Override
        public void configure(Map<String, ?> configs) {
            serializer = serializer(configs);
        }
    }

    /** Keys or values the source deserializers cannot read (feedwatch reads bytes, so this is a safety net). */
    public static final class Deserialization implements DeserializationExceptionHandler {
        private Serializer<RejectedEvent> serializer;

        @Override
        public Response handleError(ErrorHandlerContext ctx, ConsumerRecord<byte[], byte[]> record, Exception e) {
            return Response.resume(deadLetter(ctx, RejectionReason.MALFORMED, e, serializer));
        }

        @Override
        public void configure(Map<String, ?> configs) {
            serializer = serializer(configs);
        }
    }
}
