package io.feedwatch.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

/** The routing decision for a participant's query, from Streams metadata. */
class PlacementTest {
    private static final HostInfo SELF = new HostInfo("127.0.0.1", 8080);
    private static final HostInfo OTHER = new HostInfo("127.0.0.1", 8081);

    @Test
    void aKeyHostedHereIsAnsweredHere() {
        KeyQueryMetadata here = new KeyQueryMetadata(SELF, Set.of(OTHER), 2);
        assertThat(Placement.of(here, SELF, false)).isInstanceOf(Placement.Local.class);
        assertThat(Placement.of(here, SELF, true)).isInstanceOf(Placement.Local.class);
    }

    @Test
    void aKeyHostedElsewhereIsForwardedThere() {
        assertThat(Placement.of(new KeyQueryMetadata(OTHER, Set.of(), 0), SELF, false)).isEqualTo(new Placement.Remote(OTHER));
    }

    @Test
    void aForwardedRequestIsNeverForwardedAgain() {
        // during a rebalance two instances may each believe the other holds the key
        assertThat(Placement.of(new KeyQueryMetadata(OTHER, Set.of(), 0), SELF, true))
                .isInstanceOfSatisfying(Placement.Unavailable.class, u -> assertThat(u.reason()).contains("127.0.0.1:8081"));
    }

    @Test
    void noActiveHostMeansTryAgainLater() {
        assertThat(Placement.of(KeyQueryMetadata.NOT_AVAILABLE, SELF, false)).isInstanceOf(Placement.Unavailable.class);
        assertThat(Placement.of(new KeyQueryMetadata(HostInfo.unavailable(), Set.of(), -1), SELF, false)).isInstanceOf(Placement.Unavailable.class);
        assertThat(Placement.of(null, SELF, false)).isInstanceOf(Placement.Unavailable.class);
    }
}
