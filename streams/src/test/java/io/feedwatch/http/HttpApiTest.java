package io.feedwatch.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.feedwatch.config.FeedwatchConfig;
import io.feedwatch.app.TopicSetup;
import io.feedwatch.names.Topics;
import io.feedwatch.schemas.FeedingEvent;
import io.feedwatch.schemas.Participant;
import io.feedwatch.schemas.serde.AvroSingleObjectSerde;
import io.feedwatch.testing.SharedBroker;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every endpoint of one feedwatch instance on the shared embedded broker, with bearer tokens configured and a small body
 * limit. The detection clock is accelerated from a fixed origin at speed 1, so detection times are fixed instants.
 */
@ExtendWith(SharedBroker.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpApiTest {
    static final Instant ORIGIN = Instant.parse("2026-03-02T00:00:00Z");
    private static final String TOKEN = "t-" + UUID.randomUUID();
    private static final int MAX_BODY = 4096;

    private FeedwatchServer server;
    private ApiClient api;
    private String bootstrap;

    @BeforeAll
    void start(SharedBroker.Kafka kafka, @TempDir Path stateDir) {
        bootstrap = kafka.bootstrapServers();
        TopicSetup.ensureTopics(kafka.clientProperties(), 3, (short) 1, Duration.ofSeconds(60));
        server = FeedwatchServer.start(config(bootstrap, stateDir, "feedwatch-http-it-" + UUID.randomUUID()).with(Map.of(
                "feedwatch.http.tokens", "other-token, " + TOKEN,
                "feedwatch.http.max-body-bytes", Integer.toString(MAX_BODY))), false, null);
        api = new ApiClient("http://127.0.0.1:" + server.port(), TOKEN);
        await().atMost(Duration.ofSeconds(60)).until(() -> api.get("/ready").status() == 200);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    /** The test configuration: accelerated clock from {@link #ORIGIN} at speed 1, fast timers, a free HTTP port. */
    static FeedwatchConfig config(String bootstrap, Path stateDir, String applicationId) {
        return FeedwatchConfig.defaults().with(Map.of(
                "bootstrap.servers", bootstrap,
                "application.id", applicationId,
                "state.dir", stateDir.toString(),
                "feedwatch.topics.create", "false",
                "feedwatch.clock", "accelerated",
                "feedwatch.clock.origin", ORIGIN.toString(),
                "feedwatch.clock.speed", "1",
                "feedwatch.detection.punctuation.interval", "PT0.2S",
                "commit.interval.ms", "100",
                "feedwatch.http.port", "0"));
    }

    /** A newborn (5 days old at the origin) in UTC, monitored since 27 Feb: quiet, she is overdue from the start. */
    static String enrollment(String pid, String clinic) {
        return """
                {"participantId":"%s","clinicId":"%s","infantBirthDate":"2026-02-25","timeZone":"UTC",
                 "monitoringStart":"2026-02-27T00:00:00Z"}""".formatted(pid, clinic);
    }

    static String event(String eventId, String pid, String start) {
        return """
                {"eventId":"%s","participantId":"%s","type":"BREASTFEED","startTime":"%s"}""".formatted(eventId, pid, start);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    // --- ingest ---------------------------------------------------------------------------------------------------

    @Test
    void oneEventIsAcceptedStampedWithTheDetectionClockAndWrittenKeyedByParticipant() {
        String pid = unique("p");
        ApiClient.Response r = api.post("/api/v1/events", event("e-1", pid, "2026-03-01T08:00:00Z"));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("accepted").asInt()).isEqualTo(1);
        assertThat(r.json().get("results").get(0).toString()).isEqualTo("{\"index\":0,\"eventId\":\"e-1\",\"status\":\"accepted\"}");
        FeedingEvent written = writtenEvents(pid, 1).get(0);
        assertThat(written.getEventId()).isEqualTo("e-1");
        assertThat(written.getStartTime()).isEqualTo(Instant.parse("2026-03-01T08:00:00Z"));
        // the accelerated clock started at ORIGIN when the app started, at speed 1
        assertThat(written.getRecordedAt()).isBetween(ORIGIN, ORIGIN.plus(Duration.ofHours(1)));
    }

    @Test
    void eachEventOfAnArrayGetsItsOwnAnswerAndOnlyTheValidOnesAreWritten() {
        String pid = unique("p");
        String body = "[" + String.join(",",
                """
                {"eventId":"ok-1","participantId":"%s","type":"PUMP","startTime":"2026-03-01T08:00:00Z","volumeMl":60,
                 "note":"unknown fields are ignored","app":{"version":3}}""".formatted(pid),
                """
                {"participantId":"%s","type":"BREASTFEED","startTime":"2026-03-01T09:00:00Z"}""".formatted(pid),
                """
                {"eventId":"bad-type","participantId":"%s","type":"BREASTFEED","startTime":"2026-03-01T09:00:00Z","durationMinutes":"15"}""".formatted(pid),
                """
                {"eventId":"bad-enum","participantId":"%s","type":"SNACK","startTime":"2026-03-01T09:00:00Z"}""".formatted(pid),
                "42",
                """
                {"eventId":"no-offset","participantId":"%s","type":"BREASTFEED","startTime":"2026-03-01T09:00:00"}""".formatted(pid),
                """
                {"eventId":"future","participantId":"%s","type":"BREASTFEED","startTime":"2026-03-02T02:00:00Z","recordedAt":"2026-03-01T10:00:00Z"}""".formatted(pid),
                """
                {"eventId":"ok-2","participantId":"%s","type":"BREASTFEED","startTime":"2026-03-01T11:00:00Z","recordedAt":"2026-03-01T10:00:00Z"}""".formatted(pid))
                + "]";

        ApiClient.Response r = api.post("/api/v1/events", body);

        assertThat(r.status()).isEqualTo(200);
        JsonNode json = r.json();
        assertThat(json.get("accepted").asInt()).isEqualTo(2);
        assertThat(json.get("rejected").asInt()).isEqualTo(6);
        assertThat(json.get("failed").asInt()).isZero();
        List<String> outcomes = StreamSupport.stream(json.get("results").spliterator(), false)
                .map(n -> n.get("index").asInt() + ":" + n.get("status").asText() + ":" + n.path("reason").asText(""))
                .toList();
        assertThat(outcomes).containsExactly("0:accepted:", "1:rejected:MISSING_FIELD", "2:rejected:INVALID_VALUE",
                "3:rejected:INVALID_VALUE", "4:rejected:MALFORMED", "5:rejected:INVALID_VALUE", "6:rejected:FUTURE_TIMESTAMP",
                "7:accepted:");
        assertThat(json.get("results").get(2).get("message").asText()).contains("durationMinutes");
        assertThat(json.get("results").get(3).get("eventId").asText()).isEqualTo("bad-enum");

        List<FeedingEvent> written = writtenEvents(pid, 2);
        assertThat(written).extracting(FeedingEvent::getEventId).containsExactly("ok-1", "ok-2");
        assertThat(written.get(0).getVolumeMl()).isEqualTo(60.0);
        assertThat(written.get(1).getRecordedAt()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
    }

    @Test
    void malformedBodiesAreRefusedWith400() {
        for (String body : List.of("{not json", "", "   ", "42", "\"text\"", "{} {}", "[", "null")) {
            ApiClient.Response r = api.post("/api/v1/events", body);
            assertThat(r.status()).as("body %s", body).isEqualTo(400);
            assertThat(r.json().get("error").asText()).as("body %s", body).isEqualTo("MALFORMED");
            assertThat(r.json().get("message").asText()).isNotBlank();
        }
        assertThat(api.post("/api/v1/events", "[]").json().get("results")).isEmpty();
    }

    @Test
    void bodiesOverTheLimitAreRefusedWith413AndOneAtTheLimitIsRead() {
        String pid = unique("p");
        String event = event("e-1", pid, "2026-03-01T08:00:00Z");
        String atLimit = event + " ".repeat(MAX_BODY - event.length());
        assertThat(atLimit.getBytes(StandardCharsets.UTF_8)).hasSize(MAX_BODY);
        assertThat(api.post("/api/v1/events", atLimit).status()).isEqualTo(200);

        ApiClient.Response declared = api.post("/api/v1/events", atLimit + " ");
        assertThat(declared.status()).isEqualTo(413);
        assertThat(declared.json().get("error").asText()).isEqualTo("TOO_LARGE");

        // chunked, so the size is only known while reading
        byte[] huge = ("[" + (event + ",").repeat(200) + event + "]").getBytes(StandardCharsets.UTF_8);
        ApiClient.Response chunked = api.send(api.request("/api/v1/events").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge))));
        assertThat(chunked.status()).isEqualTo(413);

        assertThat(api.put("/api/v1/participants/" + pid, enrollment(pid, "c") + " ".repeat(MAX_BODY)).status()).isEqualTo(413);
    }

    @Test
    void postAndPutWithoutAJsonContentTypeAreRefusedWith415AndNothingIsWritten() {
        String pid = unique("p");
        String sneaky = event("sneaky", pid, "2026-03-01T08:00:00Z");
        // what a web page can send without a CORS preflight, a near miss, and nothing at all
        for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=b", "application/jsonx")) {
            ApiClient.Response post = api.send(api.request("/api/v1/events").header("Content-Type", type)
                    .POST(HttpRequest.BodyPublishers.ofString(sneaky)));
            assertThat(post.status()).as(type).isEqualTo(415);
            assertThat(post.json().get("error").asText()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
            assertThat(post.json().get("message").asText()).contains("application/json");
            ApiClient.Response put = api.send(api.request("/api/v1/participants/" + pid).header("Content-Type", type)
                    .PUT(HttpRequest.BodyPublishers.ofString(enrollment(pid, "c"))));
            assertThat(put.status()).as(type).isEqualTo(415);
        }
        assertThat(api.send(api.request("/api/v1/events").POST(HttpRequest.BodyPublishers.ofString(sneaky))).status()).isEqualTo(415);

        // case and parameters do not matter
        ApiClient.Response ok = api.send(api.request("/api/v1/events").header("Content-Type", "Application/JSON; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(event("marker", pid, "2026-03-01T09:00:00Z"))));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(writtenEvents(pid, 1)).extracting(FeedingEvent::getEventId).containsExactly("marker");
        try (TopicReader reader = new TopicReader(bootstrap, Topics.PARTICIPANTS, pid)) {
            assertThat(reader.poll()).isEmpty();
        }
    }

    @Test
    void anExtremeInstantInABatchIsInvalidAndEveryOtherEventGetsItsTrueAnswer() {
        String pid = unique("p");
        String body = "[" + String.join(",", event("ok-1", pid, "2026-03-01T08:00:00Z"), event("far", pid, "+999999999-12-31T23:59:59Z"),
                event("early", pid, "1899-12-31T23:59:59Z"), event("ok-2", pid, "2026-03-01T09:00:00Z")) + "]";

        ApiClient.Response r = api.post("/api/v1/events", body);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("results")).extracting(n -> n.get("status").asText() + ":" + n.path("reason").asText(""))
                .containsExactly("accepted:", "rejected:INVALID_VALUE", "rejected:INVALID_VALUE", "accepted:");
        assertThat(writtenEvents(pid, 2)).extracting(FeedingEvent::getEventId).containsExactly("ok-1", "ok-2");
    }

    @Test
    void idsOverTheLimitOrNotValidUnicodeAreRefusedAsInvalid() {
        String pid = unique("p");
        String longId = "i".repeat(129);
        String body = "[" + String.join(",", event(longId, pid, "2026-03-01T08:00:00Z"),
                event("e-surrogate", pid, "2026-03-01T08:00:00Z").replace("e-surrogate", "e-\\ud800"),
                event("e-source", pid, "2026-03-01T08:00:00Z").replace("}", ",\"sourceId\":\"" + longId + "\"}"),
                event("ok", pid, "2026-03-01T09:00:00Z")) + "]";

        ApiClient.Response r = api.post("/api/v1/events", body);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("results")).extracting(n -> n.get("status").asText() + ":" + n.path("reason").asText(""))
                .containsExactly("rejected:INVALID_VALUE", "rejected:INVALID_VALUE", "rejected:INVALID_VALUE", "accepted:");
        assertThat(r.json().get("results").get(0).get("message").asText()).isEqualTo("eventId must be at most 128 characters, got 129");
        assertThat(writtenEvents(pid, 1)).extracting(FeedingEvent::getEventId).containsExactly("ok");

        ApiClient.Response put = api.put("/api/v1/participants/" + pid, enrollment(pid, longId));
        assertThat(put.status()).isEqualTo(400);
        assertThat(put.json().get("error").asText()).isEqualTo("INVALID_VALUE");
        assertThat(put.json().get("message").asText()).startsWith("clinicId must be at most 128 characters");
    }

    @Test
    void anEventStartingMoreThanTheToleranceAfterTheServersClockIsFutureWhateverItsRecordedAtSays() {
        String pid = unique("p");
        // the detection clock started at ORIGIN (speed 1): three days later is beyond it, however the sender's clock reads
        String body = "[" + String.join(",",
                event("ahead", pid, "2026-03-05T00:00:00Z").replace("}", ",\"recordedAt\":\"2026-03-05T00:00:00Z\"}"),
                event("ok", pid, "2026-03-01T23:00:00Z").replace("}", ",\"recordedAt\":\"2026-03-01T23:00:00Z\"}")) + "]";

        ApiClient.Response r = api.post("/api/v1/events", body);

        assertThat(r.json().get("results")).extracting(n -> n.get("status").asText() + ":" + n.path("reason").asText(""))
                .containsExactly("rejected:FUTURE_TIMESTAMP", "accepted:");
        assertThat(r.json().get("results").get(0).get("message").asText()).contains("after the server's clock");
    }

    @Test
    void withoutAValidBearerTokenNothingIsProducedAndTheAnswerIs401() {
        String pid = unique("p");
        String first = event("sneaky", pid, "2026-03-01T08:00:00Z");
        List<ApiClient> strangers = List.of(api.withToken(null), api.withToken("wrong"), api.withToken(TOKEN + "x"));
        for (ApiClient stranger : strangers) {
            ApiClient.Response r = stranger.post("/api/v1/events", first);
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.json().get("error").asText()).isEqualTo("UNAUTHORIZED");
            assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            assertThat(stranger.put("/api/v1/participants/" + pid, enrollment(pid, "c")).status()).isEqualTo(401);
            assertThat(stranger.get("/api/v1/participants/" + pid + "/status").status()).isEqualTo(401);
            assertThat(stranger.get("/api/v1/clinics/c/alerts").status()).isEqualTo(401);
        }
        ApiClient.Response basic = api.send(api.withToken(null).request("/api/v1/clinics").header("Authorization", "Basic " + TOKEN).GET());
        assertThat(basic.status()).isEqualTo(401);
        assertThat(api.withToken(null).send(api.withToken(null).request("/api/v1/clinics/c/alerts/stream?access_token=wrong")
                .header("Accept", "text/event-stream").GET()).status()).isEqualTo(401);
        // the token as a query parameter opens the event stream (EventSource cannot send headers), and nothing else
        assertThat(api.withToken(null).get("/api/v1/clinics?access_token=" + TOKEN).status()).isEqualTo(401);
        HttpRequest viaQuery = api.withToken(null).request("/api/v1/clinics/c/alerts/stream?access_token=" + TOKEN)
                .header("Accept", "text/event-stream").GET().build();
        try (SseListener sse = new SseListener(api.client(), viaQuery)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !sse.named("ready").isEmpty());
        }

        // a marker written with the token afterwards arrives alone: the refused events were never produced
        assertThat(api.post("/api/v1/events", event("marker", pid, "2026-03-01T09:00:00Z")).status()).isEqualTo(200);
        assertThat(writtenEvents(pid, 1)).extracting(FeedingEvent::getEventId).containsExactly("marker");

        // the other configured token works too; operations endpoints and the page need none
        assertThat(api.withToken("other-token").get("/api/v1/clinics").status()).isEqualTo(200);
        ApiClient anonymous = api.withToken(null);
        assertThat(anonymous.get("/health").status()).isEqualTo(200);
        assertThat(anonymous.get("/ready").status()).isEqualTo(200);
        assertThat(anonymous.get("/metrics").status()).isEqualTo(200);
        assertThat(anonymous.get("/").status()).isEqualTo(200);
    }

    @Test
    void participantsAreEnrolledWithPutAndBadEnrollmentsAreRefusedWithTheReason() {
        String pid = unique("p");
        ApiClient.Response ok = api.put("/api/v1/participants/" + pid, """
                {"participantId":"%s","clinicId":"c-put","infantBirthDate":"2026-02-25","timeZone":"America/Chicago",
                 "monitoringStart":"2026-03-01T00:00:00Z","monitoringEnd":null,"programme":"WIC"}""".formatted(pid));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().get("status").asText()).isEqualTo("accepted");

        try (TopicReader reader = new TopicReader(bootstrap, Topics.PARTICIPANTS, pid)) {
            var decoder = new AvroSingleObjectSerde<>(Participant.class).deserializer();
            await().atMost(Duration.ofSeconds(30)).until(() -> !reader.poll().isEmpty());
            Participant p = decoder.deserialize(Topics.PARTICIPANTS, reader.poll().get(0));
            assertThat(p.getClinicId()).isEqualTo("c-put");
            assertThat(p.getInfantBirthDate()).isEqualTo(LocalDate.parse("2026-02-25"));
            assertThat(p.getTimeZone()).isEqualTo("America/Chicago");
        }

        Map<String, String> refused = Map.of(
                enrollment("someone-else", "c"), "INVALID_VALUE",
                """
                {"participantId":"%s","infantBirthDate":"2026-02-25","timeZone":"UTC","monitoringStart":"2026-03-01T00:00:00Z"}""".formatted(pid), "MISSING_FIELD",
                """
                {"participantId":"%s","clinicId":7,"infantBirthDate":"2026-02-25","timeZone":"UTC","monitoringStart":"2026-03-01T00:00:00Z"}""".formatted(pid), "INVALID_VALUE",
                """
                {"participantId":"%s","clinicId":"c","infantBirthDate":"2026-02-25","timeZone":"Mars/Olympus","monitoringStart":"2026-03-01T00:00:00Z"}""".formatted(pid), "INVALID_VALUE",
                "{oops", "MALFORMED",
                "[]", "MALFORMED");
        refused.forEach((body, reason) -> {
            ApiClient.Response r = api.put("/api/v1/participants/" + pid, body);
            assertThat(r.status()).as(body).isEqualTo(400);
            assertThat(r.json().get("error").asText()).as(body).isEqualTo(reason);
        });
    }

    // --- interactive queries --------------------------------------------------------------------------------------

    @Test
    void statusAndSessionsComeFromTheStores() {
        String pid = unique("p");
        String clinic = unique("c");
        assertThat(api.put("/api/v1/participants/" + pid, enrollment(pid, clinic)).status()).isEqualTo(200);
        assertThat(api.post("/api/v1/events", "[" + String.join(",",
                event(pid + "-1", pid, "2026-03-01T20:00:00Z"),
                event(pid + "-2", pid, "2026-03-01T22:00:00Z"),
                event(pid + "-3", pid, "2026-03-01T23:00:00Z"),
                event(pid + "-4", pid, "2026-03-02T00:00:00Z")) + "]").json().get("accepted").asInt()).isEqualTo(4);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            ApiClient.Response r = api.get("/api/v1/participants/" + pid + "/status");
            assertThat(r.status()).isEqualTo(200);
            JsonNode s = r.json();
            assertThat(s.get("sessionsLast24h").asInt()).isEqualTo(4);
            assertThat(s.get("expectedMin").asInt()).isEqualTo(8);
            assertThat(s.get("lastSessionAt").asText()).isEqualTo("2026-03-02T00:00:00Z");
            assertThat(s.get("infantAgeDays").asInt()).isEqualTo(5);
            assertThat(s.get("clinicId").asText()).isEqualTo(clinic);
            assertThat(s.get("today").get("date").asText()).isEqualTo("2026-03-02");
            assertThat(s.get("today").get("counts").get("BREASTFEED").asInt()).isEqualTo(1);
            assertThat(s.get("today").get("counts").get("PUMP").asInt()).isZero();
            assertThat(s.get("openAlerts")).anySatisfy(a -> {
                assertThat(a.get("type").asText()).isEqualTo("UNDER_FREQUENCY");
                assertThat(a.get("riskSince").asText()).isEqualTo("2026-02-28T00:00:00Z");
                assertThat(a.get("participantId").asText()).isEqualTo(pid);
            });
        });

        JsonNode all = api.get("/api/v1/participants/" + pid + "/sessions?hours=48").json();
        assertThat(all.get("sessions")).extracting(JsonNode::asText)
                .containsExactly("2026-03-01T20:00:00Z", "2026-03-01T22:00:00Z", "2026-03-01T23:00:00Z", "2026-03-02T00:00:00Z");
        assertThat(Duration.between(Instant.parse(all.get("from").asText()), Instant.parse(all.get("to").asText()))).isEqualTo(Duration.ofHours(48));
        assertThat(api.get("/api/v1/participants/" + pid + "/sessions").json().get("sessions")).hasSize(4);
        assertThat(api.get("/api/v1/participants/" + pid + "/sessions?hours=2").json().get("sessions")).extracting(JsonNode::asText)
                .containsExactly("2026-03-01T23:00:00Z", "2026-03-02T00:00:00Z");

        for (String bad : List.of("0", "49", "two", "-1")) {
            ApiClient.Response r = api.get("/api/v1/participants/" + pid + "/sessions?hours=" + bad);
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.json().get("error").asText()).isEqualTo("INVALID_VALUE");
        }
        ApiClient.Response unknown = api.get("/api/v1/participants/" + unique("nobody") + "/status");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("error").asText()).isEqualTo("NOT_FOUND");
        assertThat(api.get("/api/v1/participants/" + unique("nobody") + "/sessions").status()).isEqualTo(404);
    }

    @Test
    void devicesThatNumberTheirOwnSessionsDoNotDropAnotherMothersEvent() {
        String clinic = unique("c");
        List<String> mothers = List.of(unique("p"), unique("p"));
        for (String pid : mothers) {
            assertThat(api.put("/api/v1/participants/" + pid, enrollment(pid, clinic)).status()).isEqualTo(200);
            // both pumps call their first session "pump-1"; the second post of it is her own duplicate
            assertThat(api.post("/api/v1/events", "[" + String.join(",",
                    event("pump-1", pid, "2026-03-01T20:00:00Z"),
                    event("pump-2", pid, "2026-03-01T22:00:00Z"),
                    event("pump-1", pid, "2026-03-01T20:00:00Z")) + "]").json().get("accepted").asInt()).isEqualTo(3);
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (String pid : mothers) {
                assertThat(api.get("/api/v1/participants/" + pid + "/sessions?hours=48").json().get("sessions"))
                        .extracting(JsonNode::asText).as(pid).containsExactly("2026-03-01T20:00:00Z", "2026-03-01T22:00:00Z");
            }
        });
    }

    @Test
    void aClinicsOpenAlertsAreListedNewestFirst() {
        String clinic = unique("c");
        String quiet = unique("q");
        assertThat(api.put("/api/v1/participants/" + quiet, enrollment(quiet, clinic)).status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode r = api.get("/api/v1/clinics/" + clinic + "/alerts?status=OPEN").json();
            assertThat(r.get("clinicId").asText()).isEqualTo(clinic);
            assertThat(r.get("alerts")).extracting(a -> a.get("type").asText() + "@" + a.get("riskSince").asText())
                    .containsExactly("UNDER_FREQUENCY@2026-02-28T00:00:00Z", "LONG_GAP@2026-02-27T04:00:00Z");
        });
        JsonNode alert = api.get("/api/v1/clinics/" + clinic + "/alerts").json().get("alerts").get(0);
        assertThat(alert.get("participantId").asText()).isEqualTo(quiet);
        assertThat(alert.get("status").asText()).isEqualTo("OPEN");
        assertThat(alert.get("observedCount").asInt()).isZero();
        assertThat(alert.get("message").asText()).contains("0 milk-removal sessions");

        assertThat(api.get("/api/v1/clinics").json().get("clinics"))
                .anySatisfy(c -> {
                    assertThat(c.get("clinicId").asText()).isEqualTo(clinic);
                    assertThat(c.get("openAlerts").asInt()).isEqualTo(2);
                });
        assertThat(api.get("/api/v1/clinics/" + unique("empty") + "/alerts").json().get("alerts")).isEmpty();
        ApiClient.Response resolved = api.get("/api/v1/clinics/" + clinic + "/alerts?status=RESOLVED");
        assertThat(resolved.status()).isEqualTo(400);
        assertThat(resolved.json().get("error").asText()).isEqualTo("INVALID_VALUE");
    }

    @Test
    void theAlertStreamPushesOneClinicsAlertsAsTheyOpenAndResolve() {
        String clinic = unique("c");
        String other = unique("c");
        String pid = unique("q");
        HttpRequest request = api.request("/api/v1/clinics/" + clinic + "/alerts/stream").header("Accept", "text/event-stream").GET().build();
        ApiClient.Response notAStreamClient = api.get("/api/v1/clinics/" + clinic + "/alerts/stream");
        assertThat(notAStreamClient.status()).isEqualTo(406);
        assertThat(notAStreamClient.json().get("error").asText()).isEqualTo("NOT_ACCEPTABLE");
        try (SseListener sse = new SseListener(api.client(), request)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !sse.named("ready").isEmpty());
            assertThat(sse.status()).isEqualTo(200);

            String neighbour = unique("q");
            api.put("/api/v1/participants/" + neighbour, enrollment(neighbour, other));
            api.put("/api/v1/participants/" + pid, enrollment(pid, clinic));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(sse.named("alert"))
                    .anySatisfy(a -> assertThat(a.get("type").asText() + ":" + a.get("status").asText()).isEqualTo("UNDER_FREQUENCY:OPEN")));

            // sessions resume: eight, two hours apart, on 1 March; the low-frequency alert resolves at the eighth
            List<String> events = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                events.add(event(pid + "-" + i, pid, Instant.parse("2026-03-01T01:00:00Z").plus(Duration.ofHours(2L * i)).toString()));
            }
            assertThat(api.post("/api/v1/events", "[" + String.join(",", events) + "]").status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(sse.named("alert")).anySatisfy(a -> {
                assertThat(a.get("type").asText()).isEqualTo("UNDER_FREQUENCY");
                assertThat(a.get("status").asText()).isEqualTo("RESOLVED");
                assertThat(a.get("resolvedAt").asText()).isEqualTo("2026-03-01T15:00:00Z");
            }));
            assertThat(sse.named("alert")).allSatisfy(a -> {
                assertThat(a.get("clinicId").asText()).isEqualTo(clinic);
                assertThat(a.get("participantId").asText()).isEqualTo(pid);
            });
        }
    }

    // --- operations and the page ----------------------------------------------------------------------------------

    @Test
    void healthReadinessAndPrometheusMetrics() {
        assertThat(api.get("/health").json().get("status").asText()).isEqualTo("UP");
        assertThat(api.get("/ready").json().get("state").asText()).isEqualTo("RUNNING");

        // an enrolled participant's event is accepted by the stream and, overdue, she is alerted; {} is refused over HTTP
        String pid = unique("p");
        api.put("/api/v1/participants/" + pid, enrollment(pid, unique("c")));
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/v1/participants/" + pid + "/status").status() == 200);
        api.post("/api/v1/events", "[" + event("m-1", pid, "2026-03-01T08:00:00Z") + ",{}]");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            ApiClient.Response metrics = api.get("/metrics");
            assertThat(metrics.status()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
            assertThat(metrics.body())
                    .contains("feedwatch_http_events_total{outcome=\"accepted\",reason=\"\"}")
                    .contains("feedwatch_http_events_total{outcome=\"rejected\",reason=\"MISSING_FIELD\"}")
                    .contains("kafka_stream_thread_process_total")
                    .contains("kafka_stream_feedwatch_events_accepted_total")
                    .contains("kafka_stream_feedwatch_alerts_open_total")
                    .contains("kafka_stream_feedwatch_punctuation_latency_avg")
                    .contains("jvm_memory_used_bytes");
        });
    }

    @Test
    void theDashboardIsServedAtTheRoot() {
        ApiClient.Response page = api.get("/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).contains("<label for=\"clinic\">Clinic</label>").contains("aria-live");
        assertThat(api.get("/dashboard.js").status()).isEqualTo(200);
        assertThat(api.get("/dashboard.css").status()).isEqualTo(200);
    }

    private List<FeedingEvent> writtenEvents(String pid, int expected) {
        var decoder = new AvroSingleObjectSerde<>(FeedingEvent.class).deserializer();
        try (TopicReader reader = new TopicReader(bootstrap, Topics.FEEDING_EVENTS, pid)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> reader.poll().size() >= expected);
            return reader.poll().stream().map(b -> decoder.deserialize(Topics.FEEDING_EVENTS, b)).toList();
        }
    }
}
