package io.feedwatch.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.feedwatch.app.Wiring;
import io.feedwatch.config.FeedwatchConfig;
import io.feedwatch.names.Topics;
import io.feedwatch.schemas.Case;
import io.feedwatch.schemas.DailyFeedingSummary;
import io.feedwatch.schemas.RejectedEvent;
import io.feedwatch.schemas.StaffAlert;
import io.feedwatch.schemas.serde.SerdeFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * Deterministic replay of JSON-lines inputs through the production topology, driven by Kafka's TopologyTestDriver: the
 * same processors, stores and checks as the live application, with the event-time detection clock (the latest accepted
 * event start), advanced at the end to {@code until}.
 */
public final class Replay {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Replay() {
    }

    /** Replays enrollments and events, no staff actions. */
    public static ReplayResult run(List<String> participantLines, List<String> eventLines, Instant until, FeedwatchConfig config) {
        return run(participantLines, eventLines, List.of(), until, config);
    }

    /**
     * Replays enrollments, then events, in list order, then advances the clock to {@code until} (null: the latest
     * accepted event time), then applies the staff actions at that clock. Whitespace-only lines are skipped; every
     * other bad line becomes a dead letter. {@link ReplayResult#alertInputs()} numbers the inputs in that order:
     * enrollment lines, event lines, the move to {@code until} (one step), action lines.
     */
    public static ReplayResult run(List<String> participantLines, List<String> eventLines, List<String> actionLines, Instant until,
                                   FeedwatchConfig config) {
        Wiring wiring = Wiring.forReplay(config, until);
        SerdeFactory serdes = wiring.serdes();
        Path stateDir = tempDir();
        Properties props = wiring.streamsProperties();
        // the test driver talks to no broker; its state lives in a directory of its own, removed afterwards
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "feedwatch-replay");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "replay:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        try (TopologyTestDriver driver = new TopologyTestDriver(wiring.topology(), props, Instant.EPOCH)) {
            ByteArraySerializer bytes = new ByteArraySerializer();
            TestInputTopic<byte[], byte[]> participants = driver.createInputTopic(Topics.PARTICIPANTS, bytes, bytes, Instant.EPOCH, Duration.ZERO);
            TestInputTopic<byte[], byte[]> events = driver.createInputTopic(Topics.FEEDING_EVENTS, bytes, bytes, Instant.EPOCH, Duration.ZERO);
            TestInputTopic<byte[], byte[]> actions = driver.createInputTopic(Topics.STAFF_ACTIONS, bytes, bytes, Instant.EPOCH, Duration.ZERO);
            StringDeserializer keys = new StringDeserializer();
            TestOutputTopic<String, StaffAlert> alerts = driver.createOutputTopic(Topics.STAFF_ALERTS, keys,
                    serdes.serde(StaffAlert.class).deserializer());
            TestOutputTopic<String, DailyFeedingSummary> summaries = driver.createOutputTopic(Topics.DAILY_SUMMARIES, keys,
                    serdes.serde(DailyFeedingSummary.class).deserializer());
            TestOutputTopic<String, RejectedEvent> rejected = driver.createOutputTopic(Topics.REJECTED_EVENTS, keys,
                    serdes.serde(RejectedEvent.class).deserializer());
            TestOutputTopic<String, Case> cases = driver.createOutputTopic(Topics.CASES, keys, serdes.serde(Case.class).deserializer());

            // alert records are read after every input line, to say which line each came from (an audit's question)
            List<String> alertLines = new ArrayList<>();
            List<Integer> alertInputs = new ArrayList<>();
            int input = 0;
            for (String line : participantLines) {
                pipe(participants, line);
                drain(alerts, input++, alertLines, alertInputs);
            }
            for (String line : eventLines) {
                pipe(events, line);
                drain(alerts, input++, alertLines, alertInputs);
            }
            if (until != null) {
                // moving the driver's clock off the epoch tells the replay clock that every input was read: it is now
                // `until`, and the timer punctuation (whose interval this must exceed) reports what is due then
                Duration toUntil = Duration.between(Instant.EPOCH, until);
                driver.advanceWallClockTime(toUntil.compareTo(Duration.ofDays(1)) > 0 ? toUntil : Duration.ofDays(1));
            }
            drain(alerts, input++, alertLines, alertInputs);
            // staff act on what they see at the end: the cases as of the final clock
            for (String line : actionLines) {
                pipe(actions, line);
                drain(alerts, input++, alertLines, alertInputs);
            }

            Map<String, DailyFeedingSummary> latest = new TreeMap<>();
            summaries.readValuesToList().forEach(s -> latest.put(s.getParticipantId() + "\u0000" + s.getDate(), s));
            List<String> summaryLines = latest.values().stream()
                    .sorted(Comparator.comparing(DailyFeedingSummary::getParticipantId).thenComparing(DailyFeedingSummary::getDate))
                    .map(JsonOutput::summary).toList();
            List<String> rejectedLines = rejected.readValuesToList().stream().map(JsonOutput::rejected).toList();
            List<String> caseLines = cases.readValuesToList().stream().map(JsonOutput::caseRecord).toList();
            return new ReplayResult(alertLines, summaryLines, rejectedLines, caseLines, alertInputs);
        } finally {
            deleteTree(stateDir);
        }
    }

    private static void drain(TestOutputTopic<String, StaffAlert> alerts, int input, List<String> lines, List<Integer> inputs) {
        for (StaffAlert a : alerts.readValuesToList()) {
            lines.add(JsonOutput.alert(a));
            inputs.add(input);
        }
    }

    private static void pipe(TestInputTopic<byte[], byte[]> topic, String line) {
        if (line.isBlank()) {
            return;
        }
        String key = participantIdOf(line);
        topic.pipeInput(key == null ? null : key.getBytes(StandardCharsets.UTF_8), line.getBytes(StandardCharsets.UTF_8));
    }

    /** The key a well-behaved producer would use: the line's participantId, when it can be read. */
    private static String participantIdOf(String line) {
        try {
            JsonNode n = JSON.readTree(line);
            JsonNode id = n == null ? null : n.get("participantId");
            return id != null && id.isTextual() ? id.asText() : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("feedwatch-replay-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            List<Path> all = new ArrayList<>(paths.toList());
            all.sort(Comparator.reverseOrder());
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a leftover temp directory is harmless; the replay result is what matters
        }
    }
}
