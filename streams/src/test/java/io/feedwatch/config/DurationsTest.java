package io.feedwatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {
    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
        "90s, PT1M30S",
        "2m, PT2M",
        "1h30m, PT1H30M",
        "500ms, PT0.5S",
        "2d, P2D",
        "1d2h3m4s5ms, P1DT2H3M4.005S",
        "1h0m, PT1H",
        "90m, PT1H30M",
        "1H30M, PT1H30M",
        "2M, PT2M",
        "90S, PT1M30S",
        "' 90s ', PT1M30S",
        "PT90S, PT1M30S",
        "pt90s, PT1M30S",
        "P7D, P7D",
        "PT0.5S, PT0.5S",
        "+PT5S, PT5S",
        "0, PT0S",
        "0s, PT0S",
        "0ms, PT0S",
        "PT0S, PT0S",
        "9223372036854775807s, PT2562047788015215H30M7S",
    })
    void accepts(String text, String expected) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-5s", "-PT5S", "PT-5S", "-0s"})
    void refusesNegative(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "' is negative; a duration here is a length of time");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ten", "10x", "1.5h", "1h 30m", "30m1h", "1h1h", "h", "ms", "P", "PT", "P1H", "10 s", "s90", "+5s", "1e3s"})
    void refusesGarbageSayingWhatIsAccepted(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "' is not a duration; use 90s, 2m, 1h30m, 500ms or ISO-8601 such as PT1M30S");
    }

    @ParameterizedTest
    @ValueSource(strings = {"90", "00", "5"})
    void refusesANumberWithoutUnit(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).hasMessage("'" + text + "' has no unit; use " + Durations.EXAMPLES);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    void refusesNothing(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).hasMessage("no duration given; use " + Durations.EXAMPLES);
    }

    @ParameterizedTest
    @ValueSource(strings = {"9223372036854775808s", "106751991167301d", "9223372036854775807d", "9223372036854775807s1000ms",
        "99999999999999999999ms", "PT9223372036854775808S", "P106751991167301D"})
    void refusesOverflow(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "' is too long a duration");
    }

    @Test
    void durationKeysOfTheConfigurationTakeTheSameForms() {
        FeedwatchConfig config = FeedwatchConfig.defaults().with("feedwatch.detection.session.merge", "1h30m");

        assertThat(config.getDuration("feedwatch.detection.session.merge")).isEqualTo(Duration.ofMinutes(90));
        assertThat(config.getDuration("feedwatch.detection.allowed.lateness")).isEqualTo(Duration.ofHours(48));
        assertThatThrownBy(() -> config.with("feedwatch.detection.session.merge", "30 min").getDuration("feedwatch.detection.session.merge"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("feedwatch.detection.session.merge: '30 min' is not a duration; use " + Durations.EXAMPLES);
    }
}
