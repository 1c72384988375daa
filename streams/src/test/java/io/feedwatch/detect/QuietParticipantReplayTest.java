package io.feedwatch.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedwatch.config.FeedwatchConfig;
import io.feedwatch.replay.Replay;
import io.feedwatch.replay.ReplayResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The case a windowed count misses: a participant who sends nothing at all still gets alerts, and they resolve. */
class QuietParticipantReplayTest {
    private static final String ENROLL = """
            {"participantId":"p-1","clinicId":"c-1","infantBirthDate":"2026-02-25","timeZone":"America/Chicago","monitoringStart":"2026-03-01T00:00:00Z"}""";

    @Test
    void silenceOpensBothAlertsAndEightSessionsResolveTheCount() {
        ReplayResult quiet = Replay.run(List.of(ENROLL), List.of(), Instant.parse("2026-03-02T06:00:00Z"), FeedwatchConfig.defaults());
        quiet.alerts().forEach(System.out::println);
        assertThat(quiet.alerts()).hasSize(2);
        assertThat(quiet.alerts().get(0)).contains("\"type\":\"LONG_GAP\"", "\"status\":\"OPEN\"", "\"riskSince\":\"2026-03-01T04:00:00Z\"");
        assertThat(quiet.alerts().get(1)).contains("\"type\":\"UNDER_FREQUENCY\"", "\"riskSince\":\"2026-03-02T00:00:00Z\"",
                "\"observedCount\":0", "\"expectedMin\":8");

        List<String> events = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            events.add(String.format("{\"eventId\":\"e-%d\",\"participantId\":\"p-1\",\"type\":\"BREASTFEED\",\"startTime\":\"2026-03-02T%02d:00:00Z\"}", i, 6 + 2 * i));
        }
        ReplayResult recovered = Replay.run(List.of(ENROLL), events, Instant.parse("2026-03-03T00:00:00Z"), FeedwatchConfig.defaults());
        recovered.alerts().forEach(System.out::println);
        recovered.dailySummaries().forEach(System.out::println);
        assertThat(recovered.alerts()).anySatisfy(a -> assertThat(a).contains("\"type\":\"UNDER_FREQUENCY\"", "\"status\":\"RESOLVED\"",
                "\"resolvedAt\":\"2026-03-02T20:00:00Z\"", "\"resolution\":\"FREQUENCY_RECOVERED\""));
    }
}
