package io.feedwatch.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.feedwatch.app.Wiring;
import io.feedwatch.config.FeedwatchConfig;
import io.feedwatch.ingest.EventJson;
import io.feedwatch.ingest.EventParser;
import io.feedwatch.ingest.Parsed;
import io.feedwatch.names.Topics;
import io.feedwatch.replay.JsonOutput;
import io.feedwatch.replay.Replay;
import io.feedwatch.replay.ReplayResult;
import io.feedwatch.schemas.DailyFeedingSummary;
import io.feedwatch.schemas.FeedingEvent;
import io.feedwatch.schemas.RejectedEvent;
import io.feedwatch.schemas.StaffAlert;
import io.feedwatch.schemas.serde.AvroSingleObjectSerde;
import io.feedwatch.schemas.serde.SerdeFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Utils;

/**
 * After the drain: reads the input and output topics (read_committed), replays each input partition on its own, in
 * topic order, through {@link Replay} (a partition is a task with its own event-time clock in the live app too), and
 * compares the latest alert per alertId, the latest summary per participant and day, and the dead letters per reason.
 */
final class Verification {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FeedwatchConfig config;
    private final Properties clientProps;
    private final int partitions;
    private final SerdeFactory serdes;
    private final EventParser parser = new EventParser();

    Verification(FeedwatchConfig config, Properties clientProps, int partitions) {
        this.config = config;
        this.clientProps = clientProps;
        this.partitions = partitions;
        this.serdes = Wiring.from(config, Instant.EPOCH).serdes();
    }

    record Outcome(List<Difference> differences, Accounting accounting) {
    }

    /**
     * @param enrollments the enrollment lines produced, in order (every one acknowledged before the first event)
     * @param ledger      every record the driver sent, with its answer
     */
    Outcome check(List<String> enrollments, List<Sent> ledger) {
        List<List<ConsumerRecord<byte[], byte[]>>> events = TopicReader.read(clientProps, Topics.FEEDING_EVENTS);
        List<Map<String, String>> liveAlerts = perPartition();
        for (List<ConsumerRecord<byte[], byte[]>> part : TopicReader.read(clientProps, Topics.STAFF_ALERTS)) {
            for (ConsumerRecord<byte[], byte[]> r : part) {
                StaffAlert a = serdes.serde(StaffAlert.class).deserializer().deserialize(Topics.STAFF_ALERTS, r.value());
                liveAlerts.get(partitionOf(a.getParticipantId())).put(a.getAlertId(), JsonOutput.alert(a));
            }
        }
        List<Map<String, String>> liveSummaries = perPartition();
        for (List<ConsumerRecord<byte[], byte[]>> part : TopicReader.read(clientProps, Topics.DAILY_SUMMARIES)) {
            for (ConsumerRecord<byte[], byte[]> r : part) {
                DailyFeedingSummary s = serdes.serde(DailyFeedingSummary.class).deserializer().deserialize(Topics.DAILY_SUMMARIES, r.value());
                liveSummaries.get(partitionOf(s.getParticipantId())).put(s.getParticipantId() + "/" + s.getDate(), JsonOutput.summary(s));
            }
        }
        List<List<String>> liveDeadLetters = new ArrayList<>();
        List<Set<Long>> deadLetteredOffsets = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            liveDeadLetters.add(new ArrayList<>());
            deadLetteredOffsets.add(new HashSet<>());
        }
        for (List<ConsumerRecord<byte[], byte[]>> part : TopicReader.read(clientProps, Topics.REJECTED_EVENTS)) {
            for (ConsumerRecord<byte[], byte[]> r : part) {
                RejectedEvent d = serdes.serde(RejectedEvent.class).deserializer().deserialize(Topics.REJECTED_EVENTS, r.value());
                int p = Topics.INPUTS.contains(String.valueOf(d.getSourceTopic())) && d.getSourcePartition() != null
                        ? d.getSourcePartition() : partitionOf(String.valueOf(d.getParticipantId()));
                liveDeadLetters.get(p).add(d.getReason().name());
                if (Topics.FEEDING_EVENTS.equals(String.valueOf(d.getSourceTopic())) && d.getSourceOffset() != null) {
                    deadLetteredOffsets.get(p).add(d.getSourceOffset());
                }
            }
        }

        List<Difference> diffs = new ArrayList<>();
        Set<String> inTopic = new HashSet<>();
        long inTopicCount = 0;
        long deadLettered = 0;
        long duplicates = 0;
        long alertsCompared = 0;
        long summariesCompared = 0;
        for (int p = 0; p < partitions; p++) {
            List<String> eventLines = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (ConsumerRecord<byte[], byte[]> r : events.get(p)) {
                inTopicCount++;
                String line = asLine(r.value());
                eventLines.add(line);
                String key = keyOf(r, line);
                inTopic.add(key);
                if (deadLetteredOffsets.get(p).contains(r.offset())) {
                    deadLettered++;
                } else if (!seen.add(key)) {
                    duplicates++;
                }
            }
            int partition = p;
            List<String> partEnrollments = enrollments.stream().filter(line -> partitionOf(participantIdOf(line)) == partition).toList();
            ReplayResult replay = Replay.run(partEnrollments, eventLines, null, config);
            Map<String, String> expectedAlerts = new TreeMap<>();
            replay.alerts().forEach(line -> expectedAlerts.put(field(line, "alertId"), line));
            Map<String, String> expectedSummaries = new TreeMap<>();
            replay.dailySummaries().forEach(line -> expectedSummaries.put(field(line, "participantId") + "/" + field(line, "date"), line));
            diffs.addAll(ChaosCheck.alerts(p, expectedAlerts, liveAlerts.get(p)));
            diffs.addAll(ChaosCheck.summaries(p, expectedSummaries, liveSummaries.get(p)));
            diffs.addAll(ChaosCheck.deadLetters(p, ChaosCheck.countByReason(replay.rejected().stream().map(l -> field(l, "reason")).toList()),
                    ChaosCheck.countByReason(liveDeadLetters.get(p))));
            alertsCompared += expectedAlerts.size();
            summariesCompared += expectedSummaries.size();
        }
        diffs.addAll(ChaosCheck.accounting(ledger, inTopic));
        Accounting accounting = new Accounting(ledger.size(),
                count(ledger, Sent.Channel.HTTP, Sent.Answer.ACCEPTED), count(ledger, Sent.Channel.KAFKA, Sent.Answer.ACCEPTED),
                count(ledger, Sent.Channel.HTTP, Sent.Answer.REJECTED), ledger.stream().filter(s -> s.answer() == Sent.Answer.NONE).count(),
                inTopicCount, inTopicCount - deadLettered - duplicates, deadLettered, duplicates, alertsCompared, summariesCompared);
        return new Outcome(diffs, accounting);
    }

    /** The partition the default partitioner gives a key: where the participant's records and state live. */
    int partitionOf(String participantId) {
        return Utils.toPositive(Utils.murmur2(participantId.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /** The JSON line replay reads: an Avro event (as the HTTP API writes them) in its JSON form, anything else as is. */
    private String asLine(byte[] value) {
        if (value != null && AvroSingleObjectSerde.isSingleObject(value)) {
            Parsed<FeedingEvent> parsed = parser.parse(value);
            if (parsed.accepted()) {
                return EventJson.write(EventJson.event(parsed.value()));
            }
        }
        return value == null ? "" : new String(value, StandardCharsets.UTF_8);
    }

    private static String keyOf(ConsumerRecord<byte[], byte[]> r, String line) {
        String participant = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
        String eventId = null;
        try {
            eventId = line.startsWith("{") ? field(line, "eventId") : null;
        } catch (UncheckedIOException e) {
            // a deliberately broken record: it has no eventId to be found by
        }
        return participant + "/" + eventId;
    }

    private static String participantIdOf(String enrollment) {
        return field(enrollment, "participantId");
    }

    private static String field(String json, String name) {
        try {
            var node = JSON.readTree(json).get(name);
            return node == null || node.isNull() ? null : node.asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long count(List<Sent> ledger, Sent.Channel channel, Sent.Answer answer) {
        return ledger.stream().filter(s -> s.channel() == channel && s.answer() == answer).count();
    }

    private List<Map<String, String>> perPartition() {
        List<Map<String, String>> maps = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            maps.add(new HashMap<>());
        }
        return maps;
    }
}
