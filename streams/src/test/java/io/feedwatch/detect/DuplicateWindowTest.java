package io.feedwatch.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedwatch.schemas.state.EventIdBucket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class DuplicateWindowTest {
    private static final Instant T = Instant.parse("2026-03-01T10:20:00Z");
    private final DuplicateWindow window = new DuplicateWindow(Duration.ofHours(72));
    private final List<EventIdBucket> buckets = new ArrayList<>();

    @Test
    void theHashIsTheFirstEightBytesOfSha256OfTheParticipantAndTheId() {
        // printf 'p-1\0e-1' | sha256sum | cut -c1-16
        assertThat(HexFormat.of().formatHex(window.hash("p-1", "e-1").bytes())).isEqualTo("f4c1421dbfff5d51");
        assertThat(window.hash("p-1", "e-1").bytes()).isNotEqualTo(window.hash("p-2", "e-1").bytes());
        // the separator keeps ("p-1e", "-1") apart from ("p-1", "e-1")
        assertThat(window.hash("p-1e", "-1").bytes()).isNotEqualTo(window.hash("p-1", "e-1").bytes());
    }

    @Test
    void idsAreRememberedForTheRetentionOfProgressAndAtMostAnHourLonger() {
        window.remember(buckets, window.hash("p-1", "a"), T);
        window.remember(buckets, window.hash("p-1", "b"), T.plusSeconds(600));
        assertThat(buckets).hasSize(1).first().satisfies(b -> assertThat(b.getAcceptedBefore()).isEqualTo(Instant.parse("2026-03-01T11:00:00Z")));

        // the hour 10:00-11:00 of progress is kept until the latest start reaches 11:00 + 72 h
        window.remember(buckets, window.hash("p-1", "c"), Instant.parse("2026-03-04T10:59:59.999Z"));
        assertThat(DuplicateWindow.contains(buckets, window.hash("p-1", "a"))).isTrue();
        window.remember(buckets, window.hash("p-1", "d"), Instant.parse("2026-03-04T11:00:00Z"));
        assertThat(DuplicateWindow.contains(buckets, window.hash("p-1", "a"))).isFalse();
        assertThat(DuplicateWindow.contains(buckets, window.hash("p-1", "b"))).isFalse();
        assertThat(DuplicateWindow.contains(buckets, window.hash("p-1", "c"))).isTrue();
        assertThat(DuplicateWindow.contains(buckets, window.hash("p-1", "d"))).isTrue();
    }
}
