package io.feedwatch.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.feedwatch.names.Topics;
import io.feedwatch.ingest.Parsed;
import io.feedwatch.schemas.FeedingEvent;
import io.feedwatch.schemas.Participant;
import io.feedwatch.schemas.RejectionReason;
import io.feedwatch.schemas.StaffAction;
import io.feedwatch.schemas.StaffActionType;
import io.feedwatch.schemas.serde.AvroSingleObjectSerde;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Ingest without a broker: what is written, when the answer is given, and what a failed write answers. */
class EventIngestTest {
    private static final Instant NOW = Instant.parse("2026-03-02T12:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MockProducer<String, byte[]> producer = new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
    private final EventIngest ingest = new EventIngest(producer, () -> NOW, true, Duration.ofHours(1), Duration.ofSeconds(30));

    private static List<JsonNode> body(String... events) throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String e : events) {
            nodes.add(JSON.readTree(e));
        }
        return nodes;
    }

    @Test
    void validEventsAreWrittenAsAvroKeyedByParticipantWithRecordedAtStampedWhenAbsent() throws Exception {
        List<JsonNode> events = body(
                "{\"eventId\":\"e-1\",\"participantId\":\"p-1\",\"type\":\"BREASTFEED\",\"startTime\":\"2026-03-02T11:00:00Z\"}",
                "{\"eventId\":\"e-2\",\"participantId\":\"p-2\",\"type\":\"PUMP\",\"startTime\":\"2026-03-02T11:30:00Z\",\"recordedAt\":null}",
                "{\"eventId\":\"e-3\",\"participantId\":\"p-1\",\"type\":\"PUMP\",\"startTime\":\"2026-03-02T06:00:00Z\",\"recordedAt\":\"2026-03-02T07:00:00Z\"}");
        CompletableFuture<List<EventIngest.Result>> answer = CompletableFuture.supplyAsync(() -> ingest.ingest(events));

        await().atMost(Duration.ofSeconds(10)).until(() -> producer.history().size() == 3);
        // every record is in flight, and the answer still waits for the broker
        assertThat(answer).isNotDone();
        while (producer.completeNext()) {
            // acknowledge them all
        }
        assertThat(answer.get()).extracting(EventIngest.Result::status).containsOnly("accepted");

        var decoder = new AvroSingleObjectSerde<>(FeedingEvent.class).deserializer();
        assertThat(producer.history()).extracting(r -> r.topic() + "/" + r.key())
                .containsExactly(Topics.FEEDING_EVENTS + "/p-1", Topics.FEEDING_EVENTS + "/p-2", Topics.FEEDING_EVENTS + "/p-1");
        List<FeedingEvent> written = producer.history().stream().map(r -> decoder.deserialize(r.topic(), r.value())).toList();
        assertThat(written).extracting(FeedingEvent::getRecordedAt)
                .containsExactly(NOW, NOW, Instant.parse("2026-03-02T07:00:00Z"));
    }

    @Test
    void aFailedWriteIsAnsweredFailedWhileTheOthersAreAccepted() throws Exception {
        List<JsonNode> events = body(
                "{\"eventId\":\"e-1\",\"participantId\":\"p-1\",\"type\":\"BREASTFEED\",\"startTime\":\"2026-03-02T11:00:00Z\"}",
                "{\"eventId\":\"e-2\",\"participantId\":\"p-1\",\"type\":\"BREASTFEED\",\"startTime\":\"2026-03-02T11:40:00Z\"}");
        CompletableFuture<List<EventIngest.Result>> answer = CompletableFuture.supplyAsync(() -> ingest.ingest(events));
        await().atMost(Duration.ofSeconds(10)).until(() -> producer.history().size() == 2);
        producer.errorNext(new KafkaException("broker gone"));
        producer.completeNext();

        List<EventIngest.Result> results = answer.get();
        assertThat(results.get(0).failed()).isTrue();
        assertThat(results.get(0).eventId()).isEqualTo("e-1");
        assertThat(results.get(0).message()).contains("broker gone").contains("retry");
        assertThat(results.get(1).status()).isEqualTo("accepted");
    }

    @Test
    void startTimesMoreThanTheToleranceAfterRecordedAtAreRejectedAndNeverWritten() throws Exception {
        MockProducer<String, byte[]> acking = new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
        EventIngest autoAck = new EventIngest(acking, () -> NOW, true, Duration.ofHours(1), Duration.ofSeconds(30));
        List<EventIngest.Result> results = autoAck.ingest(body(
                "{\"eventId\":\"edge\",\"participantId\":\"p-1\",\"type\":\"PUMP\",\"startTime\":\"2026-03-02T13:00:00Z\"}",
                "{\"eventId\":\"late\",\"participantId\":\"p-1\",\"type\":\"PUMP\",\"startTime\":\"2026-03-02T13:00:00.001Z\"}",
                "[1]"));

        assertThat(results).extracting(EventIngest.Result::status).containsExactly("accepted", "rejected", "rejected");
        assertThat(results.get(1).reason()).isEqualTo(RejectionReason.FUTURE_TIMESTAMP.name());
        assertThat(results.get(2).reason()).isEqualTo(RejectionReason.MALFORMED.name());
        assertThat(acking.history()).hasSize(1);
    }

    @Test
    void theWholeBatchIsCheckedBeforeAnyOfItIsWrittenAndEachAnswerIsTrue() throws Exception {
        MockProducer<String, byte[]> acking = new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
        EventIngest autoAck = new EventIngest(acking, () -> NOW, true, Duration.ofHours(1), Duration.ofSeconds(30));
        List<EventIngest.Result> results = autoAck.ingest(body(
                "{\"eventId\":\"ok-1\",\"participantId\":\"p-1\",\"type\":\"PUMP\",\"startTime\":\"2026-03-02T06:00:00Z\"}",
                "{\"eventId\":\"far\",\"participantId\":\"p-1\",\"type\":\"PUMP\",\"startTime\":\"+999999999-12-31T23:59:59Z\"}",
                "{\"eventId\":\"ok-2\",\"participantId\":\"p-1\",\"type\":\"PUMP\",\"startTime\":\"2026-03-02T07:00:00Z\"}",
                "{\"eventId\":\"old\",\"participantId\":\"p-1\",\"type\":\"PUMP\",\"startTime\":\"2026-03-02T07:00:00Z\",\"recordedAt\":\"-999999999-01-01T00:00:00Z\"}"));

        assertThat(results).extracting(r -> r.status() + ":" + r.reason())
                .containsExactly("accepted:null", "rejected:INVALID_VALUE", "accepted:null", "rejected:INVALID_VALUE");
        assertThat(results.get(1).message()).startsWith("startTime must be from 1900-01-01T00:00:00Z to 2200-01-01T00:00:00Z");
        assertThat(acking.history()).extracting(r -> r.key()).containsExactly("p-1", "p-1");
    }

    @Test
    void aMillionCharacterParticipantIdIsAFinalRejectionAndNothingIsSent() throws Exception {
        List<EventIngest.Result> results = ingest.ingest(body("{\"eventId\":\"e-1\",\"participantId\":\"" + "p".repeat(1_000_000)
                + "\",\"type\":\"PUMP\",\"startTime\":\"2026-03-02T06:00:00Z\"}"));

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo("rejected");
            assertThat(r.reason()).isEqualTo("INVALID_VALUE");
            assertThat(r.message()).isEqualTo("participantId must be at most 128 characters, got 1000000");
        });
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void aStartMoreThanTheToleranceAfterTheServersClockIsFutureWhateverRecordedAtSays() throws Exception {
        MockProducer<String, byte[]> acking = new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
        String atEdge = "{\"eventId\":\"edge\",\"participantId\":\"p-1\",\"type\":\"PUMP\",\"startTime\":\"2026-03-02T13:00:00Z\","
                + "\"recordedAt\":\"2026-03-02T13:00:00Z\"}";
        String beyond = "{\"eventId\":\"beyond\",\"participantId\":\"p-1\",\"type\":\"PUMP\",\"startTime\":\"2026-03-02T13:00:00.001Z\","
                + "\"recordedAt\":\"2026-03-02T13:00:00.001Z\"}";

        List<EventIngest.Result> wall = new EventIngest(acking, () -> NOW, true, Duration.ofHours(1), Duration.ofSeconds(30))
                .ingest(body(atEdge, beyond));
        assertThat(wall).extracting(r -> r.status() + ":" + r.reason()).containsExactly("accepted:null", "rejected:FUTURE_TIMESTAMP");
        assertThat(wall.get(1).message()).contains("after the server's clock, 2026-03-02T12:00:00Z");

        // with the event-time clock (replay-like), the data is the reference: recordedAt decides, as in the stream
        List<EventIngest.Result> eventTime = new EventIngest(acking, () -> NOW, false, Duration.ofHours(1), Duration.ofSeconds(30))
                .ingest(body(atEdge, beyond));
        assertThat(eventTime).extracting(EventIngest.Result::status).containsExactly("accepted", "accepted");
    }

    @Test
    void aRecordTheBrokerRefusesIsAFinalRejectionWhileTransientFailuresAreRetried() throws Exception {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            events.add("{\"eventId\":\"e-" + i + "\",\"participantId\":\"p-1\",\"type\":\"PUMP\",\"startTime\":\"2026-03-02T0" + i + ":00:00Z\"}");
        }
        List<JsonNode> batch = body(events.toArray(String[]::new));
        CompletableFuture<List<EventIngest.Result>> answer = CompletableFuture.supplyAsync(() -> ingest.ingest(batch));
        await().atMost(Duration.ofSeconds(10)).until(() -> producer.history().size() == 5);
        producer.errorNext(new RecordTooLargeException("The request included a message larger than the max message size the server will accept."));
        producer.errorNext(new InvalidRecordException("This record has failed the validation on broker"));
        producer.errorNext(new NotEnoughReplicasException("Messages are rejected since there are fewer in-sync replicas than required."));
        producer.errorNext(new org.apache.kafka.common.errors.TimeoutException("Expiring 1 record(s): 30001 ms has passed since batch creation"));
        producer.errorNext(new NetworkException("The server disconnected before a response was received."));

        assertThat(answer.get()).extracting(r -> r.status() + ":" + r.reason()).containsExactly(
                "rejected:TOO_LARGE", "rejected:INVALID_VALUE", "failed:null", "failed:null", "failed:null");
    }

    @Test
    void anEnrollmentTheBrokerRefusesIsPermanentATimeoutIsNot() throws Exception {
        Participant p = ingest.parseParticipant("p-1", """
                {"participantId":"p-1","clinicId":"c-1","infantBirthDate":"2026-02-25","timeZone":"UTC","monitoringStart":"2026-03-01T00:00:00Z"}"""
                .getBytes(StandardCharsets.UTF_8)).value();
        CompletableFuture<EventIngest.WriteFailure> tooLarge = CompletableFuture.supplyAsync(() -> ingest.enroll(p));
        await().atMost(Duration.ofSeconds(10)).until(() -> producer.history().size() == 1);
        producer.errorNext(new RecordTooLargeException("too large"));
        assertThat(tooLarge.get().code()).isEqualTo("TOO_LARGE");

        CompletableFuture<EventIngest.WriteFailure> slow = CompletableFuture.supplyAsync(() -> ingest.enroll(p));
        await().atMost(Duration.ofSeconds(10)).until(() -> producer.history().size() == 2);
        producer.errorNext(new NotEnoughReplicasException("replicas"));
        assertThat(slow.get().permanent()).isFalse();
        assertThat(slow.get().message()).contains("replicas");
    }

    @Test
    void aStaffActionIsAnsweredOnlyOnceAcknowledgedKeyedByItsParticipantAndATimeoutIsWorthARetry() throws Exception {
        StaffAction a = StaffAction.newBuilder().setActionId("a-1").setCaseId("case-1").setParticipantId("p-1")
                .setType(StaffActionType.ACKNOWLEDGE).setStaffId("ana").setRequestedAt(NOW).build();
        CompletableFuture<EventIngest.WriteFailure> written = CompletableFuture.supplyAsync(() -> ingest.act(a));
        await().atMost(Duration.ofSeconds(10)).until(() -> producer.history().size() == 1);
        assertThat(written).isNotDone();
        producer.completeNext();
        assertThat(written.get()).isNull();
        assertThat(producer.history().get(0).topic()).isEqualTo(Topics.STAFF_ACTIONS);
        assertThat(producer.history().get(0).key()).isEqualTo("p-1");
        assertThat(new AvroSingleObjectSerde<>(StaffAction.class).deserializer().deserialize(Topics.STAFF_ACTIONS,
                producer.history().get(0).value())).isEqualTo(a);

        CompletableFuture<EventIngest.WriteFailure> slow = CompletableFuture.supplyAsync(() -> ingest.act(a));
        await().atMost(Duration.ofSeconds(10)).until(() -> producer.history().size() == 2);
        producer.errorNext(new NetworkException("connection lost"));
        assertThat(slow.get().permanent()).isFalse();
    }

    @Test
    void anEnrollmentMustNameTheParticipantOfThePath() {
        byte[] body = """
                {"participantId":"p-1","clinicId":"c-1","infantBirthDate":"2026-02-25","timeZone":"UTC","monitoringStart":"2026-03-01T00:00:00Z"}"""
                .getBytes(StandardCharsets.UTF_8);
        assertThat(ingest.parseParticipant("p-1", body).accepted()).isTrue();
        Parsed<Participant> other = ingest.parseParticipant("p-2", body);
        assertThat(other.rejection().reason()).isEqualTo(RejectionReason.INVALID_VALUE);
        assertThat(other.rejection().message()).contains("p-1").contains("p-2");
    }
}
