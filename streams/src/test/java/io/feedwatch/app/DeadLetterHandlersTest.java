package io.feedwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedwatch.config.FeedwatchConfig;
import io.feedwatch.names.Topics;
import io.feedwatch.schemas.RejectedEvent;
import io.feedwatch.schemas.RejectionReason;
import io.feedwatch.schemas.serde.AvroSingleObjectSerde;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DefaultProductionExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProcessorStateException;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.TaskMigratedException;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

/**
 * The processing exception handler tells a record's own failure (dead letter, resume) from a failure to write and any
 * other Kafka error (fail the task), with the exceptions exactly as Kafka Streams 4.3.1 hands them over.
 */
class DeadLetterHandlersTest {
    private static final byte[] KEY = "p-1".getBytes(StandardCharsets.UTF_8);
    private static final byte[] VALUE = "{\"eventId\":\"e-2\",\"participantId\":\"p-1\"}".getBytes(StandardCharsets.UTF_8);

    private final DeadLetterHandlers.Processing handler = configured();

    private static DeadLetterHandlers.Processing configured() {
        Properties props = Wiring.from(FeedwatchConfig.defaults(), Instant.EPOCH).streamsProperties();
        @SuppressWarnings("unchecked")
        Map<String, Object> configs = (Map<String, Object>) (Map<?, ?>) props;
        DeadLetterHandlers.Processing h = new DeadLetterHandlers.Processing();
        h.configure(configs);
        return h;
    }

    /**
     * What RecordCollectorImpl.checkForException throws at the next send after the broker refused an earlier record:
     * the exception its send callback stored (see recordSendError), carrying the refused record's error.
     */
    private static StreamsException earlierSendFailed(Exception cause) {
        return new StreamsException("Error encountered sending record to topic " + Topics.REJECTED_EVENTS + " for task 0_1 due to:\n"
                + cause + "\nException handler choose to FAIL the processing, no more records would be sent.", cause);
    }

    @Test
    void anEarlierRecordsSendFailureSurfacingAtThisRecordFailsTheTaskAndBlamesNoOne() {
        ProcessingExceptionHandler.Response r = handler.handleError(context(Topics.FEEDING_EVENTS, KEY, VALUE), record(),
                earlierSendFailed(new RecordTooLargeException("The message is 1400123 bytes when serialized which is larger than 1048576")));

        assertThat(r.result()).isEqualTo(ProcessingExceptionHandler.Result.FAIL);
        assertThat(r.deadLetterQueueRecords()).isEmpty();
    }

    @Test
    void kafkasOwnErrorsFailTheTask() {
        for (Exception e : new Exception[] {
            new TaskMigratedException("fenced", new ProducerFencedException("epoch")),
            // thrown synchronously by the record collector when partition metadata does not arrive (task.timeout.ms)
            new TimeoutException("Topic feedwatch.staff-alerts.v1 not present in metadata after 60000 ms."),
            new ProcessorStateException("Error while putting key into store participant-state"),
            earlierSendFailed(new NotEnoughReplicasException("not enough in-sync replicas")),
            new StreamsException("Unable to serialize record. ProducerRecord(topic=[feedwatch.staff-alerts.v1]", new SerializationException("x")),
            new IllegalStateException("wrapped", new SerializationException("a store value could not be read"))}) {
            ProcessingExceptionHandler.Response r = handler.handleError(context(Topics.FEEDING_EVENTS, KEY, VALUE), record(), e);
            assertThat(r.result()).as(e.toString()).isEqualTo(ProcessingExceptionHandler.Result.FAIL);
            assertThat(r.deadLetterQueueRecords()).as(e.toString()).isEmpty();
        }
    }

    @Test
    void aRecordsOwnFailureIsDeadLetteredAndProcessingResumes() {
        ProcessingExceptionHandler.Response r = handler.handleError(context(Topics.FEEDING_EVENTS, KEY, VALUE), record(),
                new IllegalArgumentException("not a feeding type: NAP"));

        assertThat(r.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
        ProducerRecord<byte[], byte[]> dead = r.deadLetterQueueRecords().get(0);
        assertThat(dead.topic()).isEqualTo(Topics.REJECTED_EVENTS);
        assertThat(dead.key()).isEqualTo(KEY);
        RejectedEvent letter = new AvroSingleObjectSerde<>(RejectedEvent.class).deserializer().deserialize(dead.topic(), dead.value());
        assertThat(letter.getReason()).isEqualTo(RejectionReason.PROCESSING_ERROR);
        assertThat(letter.getMessage()).contains("not a feeding type: NAP");
        assertThat(letter.getSourceOffset()).isEqualTo(7L);
    }

    @Test
    void aFailureDuringAPunctuationHasNoRecordToDeadLetterAndFailsTheTask() {
        ProcessingExceptionHandler.Response r = handler.handleError(context(null, null, null), null, new IllegalStateException("bug"));

        assertThat(r.result()).isEqualTo(ProcessingExceptionHandler.Result.FAIL);
        assertThat(r.deadLetterQueueRecords()).isEmpty();
    }

    @Test
    void theDeadLetterOfAHugeRecordIsSmallAndHasNoKeyWhenTheKeyWasCut() {
        byte[] hugeKey = "k".repeat(2_000_000).getBytes(StandardCharsets.UTF_8);
        byte[] hugeValue = "v".repeat(2_000_000).getBytes(StandardCharsets.UTF_8);
        ProcessingExceptionHandler.Response r = handler.handleError(context(Topics.FEEDING_EVENTS, hugeKey, hugeValue), record(),
                new IllegalStateException("m".repeat(2_000_000)));

        ProducerRecord<byte[], byte[]> dead = r.deadLetterQueueRecords().get(0);
        assertThat(dead.key()).isNull();
        assertThat(dead.value().length).isLessThan(72_000);
    }

    @Test
    void theProductionHandlerIsKafkasDefaultWhateverTheConfigurationSays() {
        Properties props = Wiring.from(FeedwatchConfig.defaults().with(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG,
                "org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler"), Instant.EPOCH).streamsProperties();
        assertThat(props.get(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG)).isEqualTo(DefaultProductionExceptionHandler.class);

        DefaultProductionExceptionHandler production = new DefaultProductionExceptionHandler();
        production.configure(Map.of());
        ProducerRecord<byte[], byte[]> tooLarge = new ProducerRecord<>(Topics.REJECTED_EVENTS, KEY, VALUE);
        assertThat(production.handleError(context(Topics.FEEDING_EVENTS, KEY, VALUE), tooLarge,
                new RecordTooLargeException("too large")).result()).isEqualTo(ProductionExceptionHandler.Result.FAIL);
        assertThat(production.handleError(context(Topics.FEEDING_EVENTS, KEY, VALUE), tooLarge,
                new NotEnoughReplicasException("replicas")).result()).isEqualTo(ProductionExceptionHandler.Result.RETRY);
    }

    private static Record<byte[], byte[]> record() {
        return new Record<>(KEY, VALUE, 0L);
    }

    private static ErrorHandlerContext context(String topic, byte[] key, byte[] value) {
        return new ErrorHandlerContext() {
            @Override
            public String topic() {
                return topic;
            }

            @Override
            public int partition() {
                return topic == null ? -1 : 0;
            }

            @Override
            public long offset() {
                return topic == null ? -1 : 7;
            }

            @Override
            public Headers headers() {
                return new RecordHeaders();
            }

            @Override
            public String processorNodeId() {
                return "ingest-feeding-events";
            }

            @Override
            public TaskId taskId() {
                return new TaskId(0, 1);
            }

            @Override
            public long timestamp() {
                return 0;
            }

            @Override
            public byte[] sourceRawKey() {
                return key;
            }

            @Override
            public byte[] sourceRawValue() {
                return value;
            }
        };
    }
}
