package io.feedwatch.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BearerAuthTest {
    private final BearerAuth auth = new BearerAuth(List.of("alpha", "beta"));

    @Test
    void withNoTokensConfiguredEveryRequestPasses() {
        BearerAuth open = new BearerAuth(List.of());
        assertThat(open.enabled()).isFalse();
        assertThat(open.permits(null, null)).isTrue();
    }

    @Test
    void anyConfiguredTokenPassesAsABearerCredential() {
        assertThat(auth.permits("Bearer alpha", null)).isTrue();
        assertThat(auth.permits("bearer beta", null)).isTrue();
        assertThat(auth.permits("Bearer   beta  ", null)).isTrue();
    }

    @Test
    void missingWrongOrOtherSchemesAreRefused() {
        assertThat(auth.permits(null, null)).isFalse();
        assertThat(auth.permits("Bearer gamma", null)).isFalse();
        assertThat(auth.permits("Bearer alph", null)).isFalse();
        assertThat(auth.permits("Bearer alphaa", null)).isFalse();
        assertThat(auth.permits("Bearer ", null)).isFalse();
        assertThat(auth.permits("Basic alpha", null)).isFalse();
        assertThat(auth.permits("alpha", null)).isFalse();
    }

    @Test
    void aQueryTokenCountsOnlyWhenTheCallerPassesIt() {
        assertThat(auth.permits(null, "alpha")).isTrue();
        assertThat(auth.permits(null, "wrong")).isFalse();
        assertThat(auth.permits(null, "")).isFalse();
        // a header, when present, is what is judged
        assertThat(auth.permits("Bearer wrong", "alpha")).isFalse();
    }
}
