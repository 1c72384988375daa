package io.feedwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.feedwatch.config.ConfigException;
import io.feedwatch.config.FeedwatchConfig;
import io.feedwatch.detect.DetectionClock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WiringTest {
    private static final Instant STARTED = Instant.parse("2026-03-01T00:00:00Z");

    @Test
    void plainClientsGetTheSecuritySettingsButNoStreamsOnlyKeys() {
        FeedwatchConfig config = FeedwatchConfig.defaults().with(Map.of(
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "ssl.truststore.location", "/etc/kafka/truststore.jks",
                "num.standby.replicas", "1"));
        Wiring wiring = Wiring.from(config, STARTED);

        for (var props : java.util.List.of(wiring.consumerProperties("redrive"), wiring.producerProperties("redrive"),
                wiring.adminProperties("redrive"))) {
            assertThat(props).containsEntry("security.protocol", "SASL_SSL")
                    .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                    .containsEntry("ssl.truststore.location", "/etc/kafka/truststore.jks")
                    .containsEntry("bootstrap.servers", "127.0.0.1:9092")
                    .containsEntry("client.id", "feedwatch-redrive")
                    .doesNotContainKeys("num.standby.replicas", "application.id", "processing.guarantee");
        }
        assertThat(wiring.streamsProperties()).containsEntry("num.standby.replicas", "1").containsEntry("security.protocol", "SASL_SSL");
    }

    @Test
    void everySettingIsCheckedBeforeAnythingStarts() {
        assertThatThrownBy(() -> Wiring.from(FeedwatchConfig.defaults().with("feedwatch.policy", "0-13:x"), STARTED))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("feedwatch.policy: '0-13:x'");
        assertThatThrownBy(() -> Wiring.from(FeedwatchConfig.defaults().with("feedwatch.clock", "sundial"), STARTED))
                .isInstanceOf(ConfigException.class).hasMessageContaining("wall, accelerated or event-time");
        assertThatThrownBy(() -> Wiring.from(FeedwatchConfig.defaults().with("feedwatch.serde.factory", "no.such.Factory"), STARTED))
                .isInstanceOf(ConfigException.class).hasMessageContaining("no.such.Factory");
        assertThatThrownBy(() -> Wiring.from(FeedwatchConfig.defaults().with("feedwatch.detection.event-id.retention", "PT1H"), STARTED))
                .isInstanceOf(ConfigException.class).hasMessageContaining("event-id.retention");
    }

    @Test
    void theAcceleratedClockStartsWhenTheAppStarts() {
        Wiring wiring = Wiring.from(FeedwatchConfig.defaults().with(Map.of("feedwatch.clock", "accelerated", "feedwatch.clock.speed", "60")), STARTED);

        assertThat(wiring.detection().clock()).isEqualTo(new DetectionClock.Accelerated(STARTED, STARTED, 60));
    }
}
