package io.feedwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedwatch.config.FeedwatchConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

/**
 * Pins the topology. Store names are also changelog topic names ({@code <application.id>-<store>-changelog}): renaming
 * one would silently start from empty state in production, so any change here must be deliberate — update the expected
 * description in the same commit and plan the state migration.
 */
class TopologyDescriptionTest {
    private static final TopologyDescription DESCRIPTION = Wiring.from(FeedwatchConfig.defaults(), Instant.EPOCH).topology().describe();

    @Test
    void descriptionMatchesThePinnedOne() throws IOException {
        String expected;
        try (InputStream in = getClass().getResourceAsStream("topology-description.txt")) {
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(DESCRIPTION.toString().strip()).isEqualTo(expected.strip());
    }

    @Test
    void everyProcessorStoreAndSinkHasItsExplicitName() {
        Set<String> nodes = new TreeSet<>();
        Set<String> stores = new TreeSet<>();
        DESCRIPTION.subtopologies().forEach(s -> s.nodes().forEach(n -> {
            nodes.add(n.name());
            if (n instanceof TopologyDescription.Processor p) {
                stores.addAll(p.stores());
            }
        }));
        assertThat(nodes).containsExactlyInAnyOrder("feeding-events-source", "participants-source", "staff-actions-source",
                "ingest-feeding-events", "ingest-participants", "ingest-staff-actions", "detect-supply-risk", "work-queue",
                "staff-alerts-sink", "daily-summaries-sink", "rejected-events-sink", "cases-sink");
        // participant-state-v2 replaced participants, participant-state, event-ids and event-ids-by-time (one Avro state per
        // participant; an upgrade from 0.1 resets the application: README "Upgrading")
        assertThat(stores).containsExactlyInAnyOrder("participant-state-v2", "due-index", "open-alerts-by-clinic", "task-clock",
                "cases", "case-due-index", "open-cases-by-clinic", "participant-history", "participants-by-clinic");
        // one sub-topology: events and enrollments of a participant meet in one task, with no repartition topic
        assertThat(DESCRIPTION.subtopologies()).hasSize(1);
        assertThat(DESCRIPTION.globalStores()).isEmpty();
    }
}
