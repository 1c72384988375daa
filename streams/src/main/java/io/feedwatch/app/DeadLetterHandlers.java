package io.feedwatch.app;

import io.feedwatch.ingest.DeadLetters;
import io.feedwatch.ingest.Limits;
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
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DefaultProductionExceptionHandler;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Streams' last line of defence, and where failures to write are told apart from bad records.
 *
 * <p>Whatever a processor throws because of the record it is processing (a bug, a value it cannot handle) is written
 * to the dead-letter topic as PROCESSING_ERROR with the original bytes, and processing continues; so is a record the
 * source deserializers cannot read (MALFORMED). Anything else fails the task, so that the thread is replaced and
 * resumes from the last commit rather than skip data: Kafka Streams 4.3 reports an asynchronous send failure (a record
 * too large for the broker, say) by throwing it from the <em>next</em> send, inside whichever processor sends next, and
 * a processing handler that resumed there would dead-letter that innocent record with the first one's error and lose
 * both. Kafka's own exceptions (send, commit, fencing, task migration, store I/O) and failures during a punctuation
 * (which has no record) are therefore never dead-lettered. The production exception handler is Kafka's default, set
 * explicitly so that a configuration cannot replace it: FAIL for a record the broker refuses, RETRY (the task restarts
 * from its last commit) for a retriable error.
 */
public final class DeadLetterHandlers {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterHandlers.class);
    /** How far down a chain of causes to look for Kafka's exceptions. */
    private static final int MAX_CAUSES = 32;

    private DeadLetterHandlers() {
    }

    /** The Streams settings that install the handlers. */
    public static Map<String, Object> settings() {
        return Map.of(
                StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, Processing.class,
                "processing.exception.handler.global.enabled", true,
                StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, Deserialization.class,
                StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DefaultProductionExceptionHandler.class);
    }

    /**
     * True when {@code e} is a failure of the record being processed; false for a punctuation (no record) and for any
     * exception Kafka raised, or that Kafka's exceptions caused, which say nothing about this record.
     */
    static boolean failureOfTheRecord(ErrorHandlerContext ctx, Exception e) {
        if (ctx.topic() == null) {
            return false;
        }
        Throwable t = e;
        for (int i = 0; t != null && i < MAX_CAUSES; i++, t = t.getCause()) {
            if (t instanceof StreamsException || t instanceof KafkaException) {
                return false;
            }
        }
        return true;
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
        byte[] key = ctx.sourceRawKey();
        // like every dead letter's key: the original, unless it is longer than a dead letter keeps
        byte[] deadLetterKey = key == null || key.length > Limits.DEAD_LETTER_KEY_BYTES ? null : key;
        return List.of(new ProducerRecord<>(Topics.REJECTED_EVENTS, null, deadLetterKey, serializer.serialize(Topics.REJECTED_EVENTS, dead)));
    }

    /** Exceptions thrown inside a processor: dead-lettered when they are the record's, else the task fails. */
    public static final class Processing implements ProcessingExceptionHandler {
        private Serializer<RejectedEvent> serializer;

        @Override
        public Response handleError(ErrorHandlerContext ctx, Record<?, ?> record, Exception e) {
            if (!failureOfTheRecord(ctx, e)) {
                LOG.error("failing the task: {} in {} at {}-{}@{} is not a failure of that record; the thread restarts from the"
                        + " last commit", e.getClass().getSimpleName(), ctx.processorNodeId(), ctx.topic(), ctx.partition(), ctx.offset(), e);
                return Response.fail();
            }
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
