package io.feedwatch.sink;

import io.feedwatch.names.Topics;
import io.feedwatch.ingest.Parsed;
import io.feedwatch.ingest.ParticipantParser;
import io.feedwatch.ingest.StaffActionParser;
import io.feedwatch.schemas.Case;
import io.feedwatch.schemas.DailyFeedingSummary;
import io.feedwatch.schemas.Participant;
import io.feedwatch.schemas.RejectedEvent;
import io.feedwatch.schemas.StaffAction;
import io.feedwatch.schemas.StaffAlert;
import io.feedwatch.schemas.serde.SerdeFactory;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies feedwatch's outputs (alerts, daily summaries, dead letters, cases) and its inputs from people (enrollments,
 * staff actions) into a relational database
 * (see {@link Schema}). Exactly-once into the database without Kafka transactions: the rows of each poll and the
 * offsets they advance to are written in one database transaction, and on start the consumer is assigned every
 * partition and seeks to the offsets stored there. A crash before the commit loses the whole batch, which is read
 * again; after it, nothing is read again. Upserts by key make a replay from any point harmless as well.
 *
 * <p>One export per database and group: partitions are assigned, not balanced by a consumer group, and partitions
 * added to a topic while it runs are picked up on the next start.
 */
public final class ExportService {
    /** The topics exported, in the order their partitions are assigned. */
    public static final List<String> TOPICS = List.of(Topics.STAFF_ALERTS, Topics.DAILY_SUMMARIES, Topics.REJECTED_EVENTS, Topics.PARTICIPANTS,
            Topics.CASES, Topics.STAFF_ACTIONS);

    private static final Logger LOG = LoggerFactory.getLogger(ExportService.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);

    private final Properties consumerProps;
    private final String jdbcUrl;
    private final SqlDialect dialect;
    private final String group;
    private final Clock clock;
    private final Deserializer<StaffAlert> alerts;
    private final Deserializer<DailyFeedingSummary> summaries;
    private final Deserializer<RejectedEvent> deadLetters;
    private final Deserializer<Case> cases;
    private final ParticipantParser enrollments = new ParticipantParser();
    private final StaffActionParser actions = new StaffActionParser();
    private volatile boolean stopping;
    private volatile KafkaConsumer<byte[], byte[]> consumer;

    /** What the current run has read. */
    private static final class Tally {
        long alerts;
        long summaries;
        long deadLetters;
        long enrollments;
        long caseRecords;
        long staffActions;
        long skipped;
        long transactions;

        ExportStats stats() {
            return new ExportStats(alerts, summaries, deadLetters, enrollments, caseRecords, staffActions, skipped, transactions);
        }
    }

    /**
     * @param kafkaProps client settings (at least {@code bootstrap.servers}); settings a consumer does not know are
     *                   left out, so feedwatch's whole Kafka configuration can be passed
     * @param serdes     the value format of feedwatch's outputs
     * @param jdbcUrl    {@code jdbc:duckdb:FILE} or {@code jdbc:postgresql://...}
     * @param group      names this export's progress in {@code consumer_offsets}; another name starts from the beginning
     * @param clock      stamps {@code consumer_offsets.updated_at}
     */
    public ExportService(Properties kafkaProps, SerdeFactory serdes, String jdbcUrl, String group, Clock clock) {
        this.dialect = SqlDialect.forUrl(jdbcUrl);
        this.jdbcUrl = jdbcUrl;
        this.group = group;
        this.clock = clock;
        this.consumerProps = consumerProperties(kafkaProps);
        this.alerts = serdes.serde(StaffAlert.class).deserializer();
        this.summaries = serdes.serde(DailyFeedingSummary.class).deserializer();
        this.deadLetters = serdes.serde(RejectedEvent.class).deserializer();
        this.cases = serdes.serde(Case.class).deserializer();
    }

    private static Properties consumerProperties(Properties kafkaProps) {
        Properties props = new Properties();
        kafkaProps.stringPropertyNames().stream()
                .filter(ConsumerConfig.configNames()::contains)
                .forEach(k -> props.put(k, kafkaProps.getProperty(k)));
        // Offsets live in the database: no group membership, no commits to Kafka.
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // The streams app may write with exactly-once: rows of aborted transactions must not reach analysts.
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "feedwatch-export");
        // One poll is one database transaction; each DuckDB commit costs tens of milliseconds, so read in big batches.
        props.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        return props;
    }

    /**
     * Exports until {@link #stop()} or, with {@code once}, until every partition is read up to its end offset as of
     * the start (the last stable offset: open transactions are not waited for).
     *
     * @throws SQLException             if the database refuses a batch (nothing of that batch is kept)
     * @throws IllegalStateException    if an exported topic does not exist
     * @throws org.apache.kafka.common.KafkaException if the cluster cannot be reached
     */
    public ExportStats run(boolean once) throws SQLException {
        Tally tally = new Tally();
        try (Connection db = DriverManager.getConnection(jdbcUrl)) {
            db.setAutoCommit(false);
            Schema.create(db, dialect);
            Map<TopicPartition, Long> stored = storedOffsets(db);
            try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(consumerProps, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                consumer = c;
                if (!stopping) {
                    loop(c, db, stored, once, tally);
                }
            } catch (WakeupException e) {
                LOG.debug("export stopped while waiting for Kafka");
            } finally {
                consumer = null;
            }
        }
        return tally.stats();
    }

    /** Ends {@link #run} after the batch being written, if any; callable from any thread. */
    public void stop() {
        stopping = true;
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    private void loop(KafkaConsumer<byte[], byte[]> c, Connection db, Map<TopicPartition, Long> stored, boolean once, Tally tally)
            throws SQLException {
        List<TopicPartition> partitions = partitions(c);
        c.assign(partitions);
        List<TopicPartition> fromStart = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            Long next = stored.get(tp);
            if (next == null) {
                fromStart.add(tp);
            } else {
                c.seek(tp, next);
            }
        }
        if (!fromStart.isEmpty()) {
            c.seekToBeginning(fromStart); // an empty list would mean "every assigned partition"
        }
        Map<TopicPartition, Long> end = once ? c.endOffsets(partitions) : Map.of();
        LOG.info("exporting {} partitions to {} (group {}; {} with stored offsets)", partitions.size(), dialect,
                group, partitions.size() - fromStart.size());
        Map<TopicPartition, Long> written = new HashMap<>(stored);
        while (!stopping && !(once && caughtUp(c, end))) {
            ConsumerRecords<byte[], byte[]> records = c.poll(POLL);
            if (records.isEmpty()) {
                continue;
            }
            ExportBatch batch = new ExportBatch();
            for (ConsumerRecord<byte[], byte[]> r : records) {
                add(batch, r, tally);
            }
            records.partitions().forEach(tp -> batch.readUpTo(tp, c.position(tp)));
            commit(batch, db, written, tally);
            LOG.debug("committed {} records up to {}", records.count(), batch.nextOffsets());
        }
        if (once && !stopping) {
            // a partition may end with transaction markers only, read after its last record: store that position too
            ExportBatch positions = new ExportBatch();
            for (TopicPartition tp : partitions) {
                long position = c.position(tp);
                if (position > written.getOrDefault(tp, -1L)) {
                    positions.readUpTo(tp, position);
                }
            }
            if (!positions.isEmpty()) {
                commit(positions, db, written, tally);
            }
        }
    }

    private void commit(ExportBatch batch, Connection db, Map<TopicPartition, Long> written, Tally tally) throws SQLException {
        batch.writeTo(db, group, clock.instant());
        tally.transactions++;
        written.putAll(batch.nextOffsets());
    }

    private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> c) {
        List<TopicPartition> out = new ArrayList<>();
        for (String topic : TOPICS) {
            List<PartitionInfo> infos = c.partitionsFor(topic, METADATA_TIMEOUT);
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " does not exist (start feedwatch run, or create the topics, first)");
            }
            infos.forEach(p -> out.add(new TopicPartition(p.topic(), p.partition())));
        }
        return out;
    }

    private static boolean caughtUp(KafkaConsumer<byte[], byte[]> c, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> c.position(e.getKey()) >= e.getValue());
    }

    private void add(ExportBatch batch, ConsumerRecord<byte[], byte[]> r, Tally tally) {
        Origin origin = new Origin(r.topic(), r.partition(), r.offset(), Instant.ofEpochMilli(r.timestamp()));
        try {
            switch (r.topic()) {
                case Topics.STAFF_ALERTS -> {
                    batch.alert(decode(alerts, r), origin);
                    tally.alerts++;
                }
                case Topics.DAILY_SUMMARIES -> {
                    batch.summary(decode(summaries, r), origin);
                    tally.summaries++;
                }
                case Topics.REJECTED_EVENTS -> {
                    batch.rejected(decode(deadLetters, r), origin);
                    tally.deadLetters++;
                }
                case Topics.PARTICIPANTS -> enrollment(batch, r, origin, tally);
                case Topics.CASES -> {
                    batch.caseRecord(decode(cases, r), origin);
                    tally.caseRecords++;
                }
                case Topics.STAFF_ACTIONS -> staffAction(batch, r, origin, tally);
                default -> throw new IllegalStateException("not an exported topic: " + r.topic());
            }
        } catch (RuntimeException e) {
            // One bad record must not stop the export for good: it is logged with its coordinates and passed over.
            skip(batch, origin, e.getMessage(), tally);
        }
    }

    private void enrollment(ExportBatch batch, ConsumerRecord<byte[], byte[]> r, Origin origin, Tally tally) {
        if (r.value() == null) {
            if (r.key() == null) {
                skip(batch, origin, "tombstone without a key", tally);
                return;
            }
            batch.unenrollment(new String(r.key(), StandardCharsets.UTF_8), origin);
            tally.enrollments++;
            return;
        }
        Parsed<Participant> parsed = enrollments.parse(r.value());
        if (!parsed.accepted()) {
            // feedwatch never applies an invalid enrollment (it dead-letters it), so neither does the export
            skip(batch, origin, parsed.rejection().reason() + ": " + parsed.rejection().message(), tally);
            return;
        }
        batch.enrollment(parsed.value(), origin);
        tally.enrollments++;
    }

    private void staffAction(ExportBatch batch, ConsumerRecord<byte[], byte[]> r, Origin origin, Tally tally) {
        Parsed<StaffAction> parsed = actions.parse(r.value() == null ? new byte[0] : r.value());
        if (!parsed.accepted()) {
            // feedwatch dead-letters an ill-formed action without applying it (rejected_events has it)
            skip(batch, origin, parsed.rejection().reason() + ": " + parsed.rejection().message(), tally);
            return;
        }
        batch.staffAction(parsed.value(), origin);
        tally.staffActions++;
    }

    private static <T> T decode(Deserializer<T> deserializer, ConsumerRecord<byte[], byte[]> r) {
        T value = deserializer.deserialize(r.topic(), r.value());
        if (value == null) {
            throw new IllegalArgumentException("record without a value");
        }
        return value;
    }

    private static void skip(ExportBatch batch, Origin origin, String why, Tally tally) {
        LOG.warn("skipping {}-{}@{}: {}", origin.topic(), origin.partition(), origin.offset(), why);
        batch.consumed(origin);
        tally.skipped++;
    }

    private Map<TopicPartition, Long> storedOffsets(Connection db) throws SQLException {
        Map<TopicPartition, Long> out = new HashMap<>();
        try (PreparedStatement ps = db.prepareStatement(
                "SELECT kafka_topic, kafka_partition, next_offset FROM consumer_offsets WHERE consumer_group = ?")) {
            ps.setString(1, group);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(new TopicPartition(rs.getString(1), rs.getInt(2)), rs.getLong(3));
                }
            }
        }
        db.commit();
        return out;
    }
}
