package io.feedwatch.http;

import static io.feedwatch.http.HttpApiTest.enrollment;
import static io.feedwatch.http.HttpApiTest.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.feedwatch.app.TopicSetup;
import io.feedwatch.names.Topics;
import io.feedwatch.schemas.StaffAction;
import io.feedwatch.schemas.serde.AvroSingleObjectSerde;
import io.feedwatch.testing.SharedBroker;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The work queue's endpoints (README "Work queue", "HTTP API and dashboard", "Accounts") on the shared embedded broker:
 * a clinic's cases in order, staff actions with every refusal, a mother's history, and what each account may see. Ana's
 * account sees clinic A only, Ben's clinic B only; the plain token sees every clinic.
 */
@ExtendWith(SharedBroker.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkQueueApiTest {
    private static final String TOKEN = "t-" + UUID.randomUUID();
    private final String clinicA = unique("ca");
    private final String clinicB = unique("cb");

    private FeedwatchServer server;
    private ApiClient admin;
    private ApiClient ana;
    private ApiClient ben;
    private String bootstrap;

    @BeforeAll
    void start(SharedBroker.Kafka kafka, @TempDir Path dir) {
        bootstrap = kafka.bootstrapServers();
        TopicSetup.ensureTopics(kafka.clientProperties(), 3, (short) 1, Duration.ofSeconds(60));
        Path users = dir.resolve("users.jsonl");
        String anaToken = AccountsFile.add(users, "ana", Set.of(clinicA));
        String benToken = AccountsFile.add(users, "ben", Set.of(clinicB));
        server = FeedwatchServer.start(HttpApiTest.config(bootstrap, dir.resolve("state"), "feedwatch-queue-it-" + UUID.randomUUID())
                .with(Map.of("feedwatch.http.tokens", TOKEN, "feedwatch.http.users", users.toString())), false, null);
        String base = "http://127.0.0.1:" + server.port();
        admin = new ApiClient(base, TOKEN);
        ana = new ApiClient(base, anaToken);
        ben = new ApiClient(base, benToken);
        await().atMost(Duration.ofSeconds(60)).until(() -> admin.get("/ready").status() == 200);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Enrolls a newborn overdue from the start (HttpApiTest's), optionally with sessions, and waits for her open case. */
    private String caseOf(String pid, String clinic, String... sessions) {
        assertThat(admin.put("/api/v1/participants/" + pid, enrollment(pid, clinic)).status()).isEqualTo(200);
        for (int i = 0; i < sessions.length; i++) {
            assertThat(admin.post("/api/v1/events", event(pid + "-" + i, pid, sessions[i])).status()).isEqualTo(200);
        }
        return await().atMost(Duration.ofSeconds(60)).until(() -> item(clinic, pid), n -> n != null).get("case").get("caseId").asText();
    }

    private JsonNode item(String clinic, String pid) {
        ApiClient.Response r = admin.get("/api/v1/clinics/" + clinic + "/cases");
        if (r.status() != 200) {
            return null;
        }
        return StreamSupport.stream(r.json().get("cases").spliterator(), false)
                .filter(c -> c.get("participantId").asText().equals(pid)).findFirst().orElse(null);
    }

    private static String action(String actionId, String type, String extra) {
        return "{\"actionId\":\"" + actionId + "\",\"type\":\"" + type + "\"" + extra + "}";
    }

    /** Her staff actions on the topic, read until {@code lastId} (one partition per mother: all before it are there). */
    private List<StaffAction> writtenUpTo(String pid, String lastId) {
        var decoder = new AvroSingleObjectSerde<>(StaffAction.class).deserializer();
        try (TopicReader reader = new TopicReader(bootstrap, Topics.STAFF_ACTIONS, pid)) {
            return await().atMost(Duration.ofSeconds(30)).until(
                    () -> reader.poll().stream().map(b -> decoder.deserialize(Topics.STAFF_ACTIONS, b)).toList(),
                    list -> list.stream().anyMatch(a -> a.getActionId().equals(lastId)));
        }
    }

    @Test
    void aClinicsCasesComeOnePerMotherUnacknowledgedAndLongestSilentFirstWithHerCurrentNumbers() {
        String silent = unique("p");
        String recent = unique("p");
        String recentCase = caseOf(recent, clinicA, "2026-03-01T20:00:00Z");
        String silentCase = caseOf(silent, clinicA);

        JsonNode queue = admin.get("/api/v1/clinics/" + clinicA + "/cases").json();
        assertThat(queue.get("clinicId").asText()).isEqualTo(clinicA);
        List<String> order = StreamSupport.stream(queue.get("cases").spliterator(), false).map(c -> c.get("participantId").asText()).toList();
        assertThat(order).containsSubsequence(silent, recent).doesNotHaveDuplicates();
        // the clinic list counts open cases too, so the picker offers a clinic whose alerts are over but cases are not
        assertThat(admin.get("/api/v1/clinics").json().get("clinics"))
                .anySatisfy(cl -> {
                    assertThat(cl.get("clinicId").asText()).isEqualTo(clinicA);
                    assertThat(cl.get("openCases").asInt()).isGreaterThanOrEqualTo(2);
                });
        JsonNode line = item(clinicA, recent);
        assertThat(line.get("sessionsLast24h").asInt()).isEqualTo(1);
        assertThat(line.get("expectedMin").asInt()).isEqualTo(8);
        assertThat(line.get("lastSessionAt").asText()).isEqualTo("2026-03-01T20:00:00Z");
        assertThat(line.get("hoursSinceLastSession").asDouble()).isBetween(4.0, 6.0);
        assertThat(line.get("infantAgeDays").asInt()).isEqualTo(5);
        assertThat(line.get("timeZone").asText()).isEqualTo("UTC");
        // opened on LONG_GAP, then notified again when UNDER_FREQUENCY joined (or when it stayed unacknowledged)
        assertThat(line.get("notificationReason").asText()).isIn("CASE_OPENED", "NEW_ALERT_TYPE", "UNACKNOWLEDGED");
        JsonNode c = line.get("case");
        assertThat(c.get("caseId").asText()).isEqualTo(recentCase);
        assertThat(c.get("status").asText()).isEqualTo("OPEN");
        assertThat(c.get("acknowledged").asBoolean()).isFalse();
        assertThat(line.get("alerts")).isNotEmpty().allSatisfy(a -> {
            assertThat(a.get("alertId").asText()).isNotBlank();
            assertThat(a.get("message").asText()).isNotBlank();
        });
        assertThat(line.get("alerts")).extracting(a -> a.get("type").asText()).contains("UNDER_FREQUENCY");
        assertThat(item(clinicA, silent).get("lastSessionAt").isNull()).isTrue();

        // acknowledged, the silent mother sorts below the one not yet acknowledged
        assertThat(ana.post("/api/v1/cases/" + silentCase + "/actions", action(unique("a"), "ACKNOWLEDGE", "")).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<String> now = StreamSupport.stream(admin.get("/api/v1/clinics/" + clinicA + "/cases").json().get("cases").spliterator(), false)
                    .map(x -> x.get("participantId").asText()).toList();
            assertThat(now).containsSubsequence(recent, silent);
            assertThat(item(clinicA, silent).get("case").get("acknowledgedBy").asText()).isEqualTo("ana");
        });
    }

    @Test
    void anUnknownClinicIsNotFoundAndAKnownOneWithoutCasesIsAnEmptyList() {
        String calm = unique("p");
        String calmClinic = unique("calm");
        // monitored from the clock's origin: nothing is overdue yet
        assertThat(admin.put("/api/v1/participants/" + calm, enrollment(calm, calmClinic)
                .replace("2026-02-27T00:00:00Z", HttpApiTest.ORIGIN.toString())).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> admin.get("/api/v1/clinics/" + calmClinic + "/cases").status() == 200);
        assertThat(admin.get("/api/v1/clinics/" + calmClinic + "/cases").json().get("cases")).isEmpty();

        ApiClient.Response unknown = admin.get("/api/v1/clinics/" + unique("nowhere") + "/cases");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("error").asText()).isEqualTo("NOT_FOUND");
    }

    @Test
    void staffActionsAreWrittenByTheAccountAndEveryBadOneIsRefusedWithNothingWritten() {
        String pid = unique("p");
        String caseId = caseOf(pid, clinicA);
        String path = "/api/v1/cases/" + caseId + "/actions";

        // the staff member is the account, whatever the body says
        ApiClient.Response note = ana.post(path, action("n-1", "NOTE", ",\"channel\":\"PHONE\",\"outcome\":\"NO_ANSWER\",\"text\":\"rang twice\",\"staffId\":\"mallory\""));
        assertThat(note.status()).isEqualTo(200);
        assertThat(note.json().get("actionId").asText()).isEqualTo("n-1");
        assertThat(note.json().get("caseId").asText()).isEqualTo(caseId);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode last = item(clinicA, pid).get("case").get("lastNote");
            assertThat(last.get("by").asText()).isEqualTo("ana");
            assertThat(last.get("text").asText()).isEqualTo("rang twice");
            assertThat(last.get("channel").asText()).isEqualTo("PHONE");
        });

        String oversized = action("big", "NOTE", ",\"channel\":\"PHONE\",\"outcome\":\"REACHED\",\"text\":\"" + "x".repeat(2001) + "\"");
        Map<String, Integer> refused = Map.of(
                oversized, 400,
                action("no-outcome", "NOTE", ",\"channel\":\"PHONE\""), 400,
                action("bad-type", "HUG", ""), 400,
                action("far", "SNOOZE", ",\"until\":\"2026-03-06T00:00:00Z\""), 400,
                action("reopen", "REOPEN", ""), 409,
                "{\"type\":\"ACKNOWLEDGE\"}", 400,
                "[1]", 400,
                "{oops", 400);
        refused.forEach((body, status) -> {
            ApiClient.Response r = ana.post(path, body);
            assertThat(r.status()).as(body).isEqualTo(status);
            assertThat(r.json().get("message").asText()).as(body).isNotBlank();
        });
        assertThat(ana.post(path, oversized).json().get("message").asText()).contains("at most 2000 characters");
        assertThat(ana.post("/api/v1/cases/" + UUID.randomUUID() + "/actions", action("x-1", "ACKNOWLEDGE", "")).status()).isEqualTo(404);
        assertThat(ben.post(path, action("x-2", "ACKNOWLEDGE", "")).status()).isEqualTo(403);
        assertThat(ben.get("/api/v1/cases/" + caseId).status()).isEqualTo(403);
        assertThat(ana.withToken(null).post(path, action("x-3", "ACKNOWLEDGE", "")).status()).isEqualTo(401);
        assertThat(ana.withToken("wrong").post(path, action("x-4", "ACKNOWLEDGE", "")).status()).isEqualTo(401);
        ApiClient.Response plain = ana.send(ana.request(path).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(action("x-5", "ACKNOWLEDGE", ""))));
        assertThat(plain.status()).isEqualTo(415);

        // closing: a second copy of the same action is answered alike and applied once; then the case refuses notes
        String close = action("c-1", "CLOSE", ",\"reason\":\"reached her at home\"");
        assertThat(ana.post(path, close).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode found = admin.get("/api/v1/cases/" + caseId).json();
            assertThat(found.get("case").get("status").asText()).isEqualTo("CLOSED");
            assertThat(found.get("case").get("closeNote").asText()).isEqualTo("reached her at home");
        });
        assertThat(item(clinicA, pid)).isNull();
        assertThat(ana.post(path, close).status()).isEqualTo(200);
        ApiClient.Response closed = ana.post(path, action("n-2", "NOTE", ",\"channel\":\"TEXT\",\"outcome\":\"REACHED\""));
        assertThat(closed.status()).isEqualTo(409);
        assertThat(closed.json().get("error").asText()).isEqualTo("CASE_CLOSED");
        assertThat(ana.post(path, action("r-1", "REOPEN", "")).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> item(clinicA, pid) != null);

        // only the accepted actions reached the topic, each once, all as ana
        assertThat(writtenUpTo(pid, "r-1")).extracting(a -> a.getActionId() + ":" + a.getStaffId()).containsExactly("n-1:ana", "c-1:ana", "r-1:ana");
    }

    @Test
    void herHistoryHoldsHerCasesAlertRecordsAndStaffActions() {
        String pid = unique("p");
        String caseId = caseOf(pid, clinicA);
        assertThat(ana.post("/api/v1/cases/" + caseId + "/actions", action("h-1", "ASSIGN", ",\"assignee\":\"ana\"")).status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            ApiClient.Response r = ana.get("/api/v1/participants/" + pid + "/history?days=30");
            assertThat(r.status()).isEqualTo(200);
            JsonNode h = r.json();
            assertThat(h.get("clinicId").asText()).isEqualTo(clinicA);
            assertThat(h.get("cases")).extracting(c -> c.get("caseId").asText()).containsExactly(caseId);
            assertThat(h.get("cases").get(0).get("assignee").asText()).isEqualTo("ana");
            List<String> kinds = StreamSupport.stream(h.get("entries").spliterator(), false).map(e -> e.get("kind").asText()).toList();
            assertThat(kinds).contains("ALERT", "CASE", "ACTION");
            assertThat(h.get("entries")).filteredOn(e -> e.get("kind").asText().equals("ACTION"))
                    .singleElement().satisfies(e -> assertThat(e.get("action").get("staffId").asText()).isEqualTo("ana"));
        });
        assertThat(ana.get("/api/v1/participants/" + pid + "/history?days=1").status()).isEqualTo(200);
        assertThat(ana.get("/api/v1/participants/" + pid + "/history").status()).isEqualTo(200);
        for (String bad : List.of("0", "31", "many", "-2")) {
            ApiClient.Response r = ana.get("/api/v1/participants/" + pid + "/history?days=" + bad);
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.json().get("error").asText()).isEqualTo("INVALID_VALUE");
        }
        assertThat(ana.get("/api/v1/participants/" + unique("nobody") + "/history").status()).isEqualTo(404);
        assertThat(ana.withToken(null).get("/api/v1/participants/" + pid + "/history").status()).isEqualTo(401);
    }

    @Test
    void theClinicsEventStreamCarriesItsCaseRecordsAsTheyAreEmitted() {
        String clinic = unique("cs");
        HttpRequest request = admin.request("/api/v1/clinics/" + clinic + "/alerts/stream").header("Accept", "text/event-stream").GET().build();
        try (SseListener sse = new SseListener(admin.client(), request)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !sse.named("ready").isEmpty());
            String pid = unique("p");
            String caseId = caseOf(pid, clinic);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(sse.named("case")).anySatisfy(c -> {
                assertThat(c.get("caseId").asText()).isEqualTo(caseId);
                assertThat(c.get("change").asText()).isEqualTo("OPENED");
                assertThat(c.get("notification").asText()).isEqualTo("CASE_OPENED");
            }));

            assertThat(admin.post("/api/v1/cases/" + caseId + "/actions", action("s-ack", "ACKNOWLEDGE", "")).status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(sse.named("case")).anySatisfy(c -> {
                assertThat(c.get("change").asText()).isEqualTo("ACKNOWLEDGED");
                assertThat(c.get("acknowledged").asBoolean()).isTrue();
                assertThat(c.get("notification").isNull()).isTrue();
            }));
            assertThat(sse.named("case")).allSatisfy(c -> assertThat(c.get("clinicId").asText()).isEqualTo(clinic));
        }
    }

    @Test
    void eachTokenSaysWhichAccountItIs() {
        assertThat(ana.get("/api/v1/me").body()).isEqualTo("{\"name\":\"ana\",\"clinics\":[\"" + clinicA + "\"]}");
        assertThat(admin.get("/api/v1/me").json().get("clinics")).extracting(JsonNode::asText).containsExactly("*");
        assertThat(ana.withToken(null).get("/api/v1/me").status()).isEqualTo(401);
    }

    @Test
    void anotherClinicsDataIsForbiddenOnEveryEndpoint() {
        String pid = unique("p");
        caseOf(pid, clinicA);
        for (String path : List.of("/api/v1/clinics/" + clinicA + "/cases", "/api/v1/clinics/" + clinicA + "/alerts",
                "/api/v1/participants/" + pid + "/status", "/api/v1/participants/" + pid + "/sessions",
                "/api/v1/participants/" + pid + "/history")) {
            ApiClient.Response r = ben.get(path);
            assertThat(r.status()).as(path).isEqualTo(403);
            assertThat(r.json().get("error").asText()).isEqualTo("FORBIDDEN");
            assertThat(ana.get(path).status()).as(path).isEqualTo(200);
        }
        assertThat(ben.send(ben.request("/api/v1/clinics/" + clinicA + "/alerts/stream").header("Accept", "text/event-stream").GET())
                .status()).isEqualTo(403);
        // nor may ben enroll a mother into clinic A: nothing is written
        String newcomer = unique("p");
        assertThat(ben.put("/api/v1/participants/" + newcomer, enrollment(newcomer, clinicA)).status()).isEqualTo(403);
        assertThat(ben.put("/api/v1/participants/" + newcomer, enrollment(newcomer, clinicB)).status()).isEqualTo(200);
        try (TopicReader reader = new TopicReader(bootstrap, Topics.PARTICIPANTS, newcomer)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> !reader.poll().isEmpty());
            assertThat(reader.poll()).hasSize(1);
        }
        // the clinic list shows an account its own clinics only
        assertThat(ben.get("/api/v1/clinics").json().get("clinics")).noneSatisfy(c -> assertThat(c.get("clinicId").asText()).isEqualTo(clinicA));
        assertThat(ana.get("/api/v1/clinics").json().get("clinics")).allSatisfy(c -> assertThat(c.get("clinicId").asText()).isEqualTo(clinicA));
    }
}
