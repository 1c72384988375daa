package io.feedwatch.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.feedwatch.app.TopicSetup;
import io.feedwatch.names.StoreNames;
import io.feedwatch.testing.SharedBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of one application on the shared broker: a participant's query reaching the instance that does not hold
 * her partition is answered by the one that does, a clinic's lists (alerts, cases) merge both instances' stores, and a
 * staff action finds its case on whichever instance holds it.
 */
@ExtendWith(SharedBroker.class)
class ForwardingTest {
    private static final String TOKEN = "t-" + UUID.randomUUID();

    @Test
    void eitherInstanceAnswersForEveryParticipantAndTheWholeClinic(SharedBroker.Kafka kafka, @TempDir Path dirOne, @TempDir Path dirTwo) {
        TopicSetup.ensureTopics(kafka.clientProperties(), 3, (short) 1, Duration.ofSeconds(60));
        String applicationId = "feedwatch-forwarding-it-" + UUID.randomUUID();
        String clinic = "c-" + UUID.randomUUID().toString().substring(0, 8);
        // every instance has the same accounts: a plain token for all clinics, and one of another clinic's staff
        Path users = dirOne.resolve("users.jsonl");
        String stranger = AccountsFile.add(users, "stranger", Set.of("c-elsewhere"));
        Map<String, String> auth = Map.of("feedwatch.http.tokens", TOKEN, "feedwatch.http.users", users.toString());
        try (FeedwatchServer one = FeedwatchServer.start(HttpApiTest.config(kafka.bootstrapServers(), dirOne.resolve("state"), applicationId)
                     .with(auth), false, null);
             FeedwatchServer two = FeedwatchServer.start(HttpApiTest.config(kafka.bootstrapServers(), dirTwo, applicationId).with(auth), false, null)) {
            List<ApiClient> clients = List.of(new ApiClient("http://127.0.0.1:" + one.port(), TOKEN),
                    new ApiClient("http://127.0.0.1:" + two.port(), TOKEN));
            // both running, with the partitions shared between them
            await().atMost(Duration.ofSeconds(90)).until(() -> sharing(one.app().streams()) && sharing(two.app().streams()));

            // one participant on each instance, chosen by where Streams places her key
            Map<HostInfo, String> byHost = new LinkedHashMap<>();
            for (int i = 0; byHost.size() < 2; i++) {
                String pid = "fwd-" + i + "-" + UUID.randomUUID().toString().substring(0, 6);
                byHost.putIfAbsent(one.app().streams().queryMetadataForKey(StoreNames.PARTICIPANT_STATE, pid,
                        new StringSerializer()).activeHost(), pid);
            }
            assertThat(byHost.keySet()).containsExactlyInAnyOrder(new HostInfo("127.0.0.1", one.port()), new HostInfo("127.0.0.1", two.port()));
            for (String pid : byHost.values()) {
                assertThat(clients.get(0).put("/api/v1/participants/" + pid, HttpApiTest.enrollment(pid, clinic)).status()).isEqualTo(200);
            }

            for (String pid : byHost.values()) {
                for (ApiClient client : clients) {
                    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                        ApiClient.Response r = client.get("/api/v1/participants/" + pid + "/status");
                        assertThat(r.status()).isEqualTo(200);
                        assertThat(r.json().get("clinicId").asText()).isEqualTo(clinic);
                        assertThat(r.json().get("openAlerts")).hasSize(2);
                    });
                    assertThat(client.get("/api/v1/participants/" + pid + "/sessions").status()).isEqualTo(200);
                }
            }
            String[] ids = byHost.values().toArray(String[]::new);
            for (ApiClient client : clients) {
                JsonNode alerts = client.get("/api/v1/clinics/" + clinic + "/alerts").json().get("alerts");
                // two alerts each (low frequency, long gap), from both instances' stores
                assertThat(alerts).extracting(a -> a.get("participantId").asText()).containsExactlyInAnyOrder(ids[0], ids[0], ids[1], ids[1]);
                assertThat(client.get("/api/v1/clinics").json().get("clinics"))
                        .anySatisfy(c -> {
                            assertThat(c.get("clinicId").asText()).isEqualTo(clinic);
                            assertThat(c.get("openAlerts").asInt()).isEqualTo(4);
                        });
            }
            assertThat(clients.get(1).get("/api/v1/participants/nobody-" + UUID.randomUUID() + "/status").status()).isEqualTo(404);

            // the work queue: both mothers' cases from either instance, and each case found from either for an action
            for (ApiClient client : clients) {
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(client.get("/api/v1/clinics/" + clinic + "/cases").json()
                        .get("cases")).extracting(c -> c.get("participantId").asText()).containsExactlyInAnyOrder(ids));
                assertThat(client.get("/api/v1/clinics/nowhere-" + UUID.randomUUID() + "/cases").status()).isEqualTo(404);
                for (String pid : ids) {
                    assertThat(client.get("/api/v1/participants/" + pid + "/history").json().get("cases")).hasSize(1);
                }
            }
            JsonNode queue = clients.get(0).get("/api/v1/clinics/" + clinic + "/cases").json().get("cases");
            for (int i = 0; i < 2; i++) {
                String caseId = queue.get(i).get("case").get("caseId").asText();
                for (ApiClient client : clients) {
                    String body = "{\"actionId\":\"ack-" + i + "\",\"type\":\"ACKNOWLEDGE\"}";
                    assertThat(client.post("/api/v1/cases/" + caseId + "/actions", body).status()).isEqualTo(200);
                    // another clinic's staff is refused wherever the case is held
                    assertThat(client.withToken(stranger).post("/api/v1/cases/" + caseId + "/actions", body).status()).isEqualTo(403);
                }
            }
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(clients.get(1).get("/api/v1/clinics/" + clinic + "/cases")
                    .json().get("cases")).allSatisfy(c -> assertThat(c.get("case").get("acknowledged").asBoolean()).isTrue()));
            assertThat(clients.get(1).post("/api/v1/cases/" + UUID.randomUUID() + "/actions", "{\"actionId\":\"x\",\"type\":\"ACKNOWLEDGE\"}")
                    .status()).isEqualTo(404);
        }
    }


    /** Running, and both instances hold some of the stores. */
    private static boolean sharing(KafkaStreams streams) {
        return streams.state() == KafkaStreams.State.RUNNING
                && streams.metadataForAllStreamsClients().stream().map(StreamsMetadata::stateStoreNames).filter(s -> !s.isEmpty()).count() == 2;
    }
}
