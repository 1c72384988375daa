package io.feedwatch.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Constants and small helpers shared by the replay acceptance tests. Every expected value in those tests is computed by
 * hand from issue 4 and the README ("Detection rules", "Deterministic replay"); these helpers only spell the inputs and the deterministic alert id.
 */
final class ReplayFixtures {
    /**
     * The default monitoringStart. In America/Chicago (CST, UTC-6 until 2026-03-08T08:00Z) this is 2026-02-28 18:00
     * local, so local dates lag UTC dates by one in the evening.
     */
    static final Instant M = Instant.parse("2026-03-01T00:00:00Z");

    /** Age 39 days on the local date of M: band 14-55 (minimum 8, no gap rule) until local 2026-03-16 inclusive. */
    static final String BORN_OLDER = "2026-01-20";

    /** Age 3 days on the local date of M: band 0-13 (minimum 8, gap limit 4 h) until local 2026-03-10 inclusive. */
    static final String BORN_NEWBORN = "2026-02-25";

    static final String CHICAGO = "America/Chicago";

    static final String UNDER_FREQUENCY = "UNDER_FREQUENCY";
    static final String LONG_GAP = "LONG_GAP";

    static final String OPEN = "OPEN";
    static final String RESOLVED = "RESOLVED";
    static final String WITHDRAWN = "WITHDRAWN";

    static final String FREQUENCY_RECOVERED = "FREQUENCY_RECOVERED";
    static final String MONITORING_ENDED = "MONITORING_ENDED";
    static final String POLICY_CHANGED = "POLICY_CHANGED";

    static final Duration FOUR_HOURS = Duration.ofHours(4);

    private ReplayFixtures() {
    }

    static Instant at(String iso) {
        return Instant.parse(iso);
    }

    static Duration h(long hours) {
        return Duration.ofHours(hours);
    }

    static Duration min(long minutes) {
        return Duration.ofMinutes(minutes);
    }

    static Duration hm(long hours, long minutes) {
        return Duration.ofHours(hours).plusMinutes(minutes);
    }

    static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

    /** The alert id exactly as the README's "Alert lifecycle" defines it. */
    static String alertId(String participantId, String type, Instant riskSince) {
        String name = participantId + "|" + type + "|" + riskSince.toEpochMilli();
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    static <T> T only(List<T> items) {
        assertThat(items).hasSize(1);
        return items.get(0);
    }
}
