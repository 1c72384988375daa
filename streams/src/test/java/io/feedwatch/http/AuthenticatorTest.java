package io.feedwatch.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuthenticatorTest {
    private final Authenticator auth = new Authenticator(List.of("alpha", "beta"),
            List.of(new Authenticator.Stored(Authenticator.sha256("ana-secret"), new Account("ana", Set.of("c-1", "c-2")))));

    @Test
    void withNoTokensOrAccountsConfiguredEveryRequestIsAnonymousForAllClinics() {
        Authenticator open = new Authenticator(List.of(), List.of());
        assertThat(open.enabled()).isFalse();
        assertThat(open.authenticate(null, null)).contains(Authenticator.ANONYMOUS);
        assertThat(Authenticator.ANONYMOUS.sees("any")).isTrue();
    }

    @Test
    void anyConfiguredTokenPassesAsABearerCredentialForAllClinics() {
        assertThat(auth.authenticate("Bearer alpha", null)).hasValueSatisfying(a -> assertThat(a.sees("c-9")).isTrue());
        assertThat(auth.authenticate("bearer beta", null)).isPresent();
        assertThat(auth.authenticate("Bearer   beta  ", null)).isPresent();
        // each plain token is its own account, named without giving the token away
        assertThat(auth.authenticate("Bearer alpha", null).orElseThrow().name())
                .isEqualTo("token-" + Authenticator.sha256("alpha").substring(0, 8))
                .isNotEqualTo(auth.authenticate("Bearer beta", null).orElseThrow().name());
    }

    @Test
    void anAccountsTokenIsItsAccountWithItsClinicsOnly() {
        Account ana = auth.authenticate("Bearer ana-secret", null).orElseThrow();
        assertThat(ana.name()).isEqualTo("ana");
        assertThat(ana.sees("c-1")).isTrue();
        assertThat(ana.sees("c-3")).isFalse();
        assertThat(ana.sees("*")).isFalse();
    }

    @Test
    void missingWrongOrOtherSchemesAreRefused() {
        assertThat(auth.authenticate(null, null)).isEmpty();
        assertThat(auth.authenticate("Bearer gamma", null)).isEmpty();
        assertThat(auth.authenticate("Bearer alph", null)).isEmpty();
        assertThat(auth.authenticate("Bearer alphaa", null)).isEmpty();
        assertThat(auth.authenticate("Bearer ", null)).isEmpty();
        assertThat(auth.authenticate("Basic alpha", null)).isEmpty();
        assertThat(auth.authenticate("alpha", null)).isEmpty();
        // the stored digest itself is not a token
        assertThat(auth.authenticate("Bearer " + Authenticator.sha256("ana-secret"), null)).isEmpty();
    }

    @Test
    void aQueryTokenCountsOnlyWhenTheCallerPassesIt() {
        assertThat(auth.authenticate(null, "alpha")).isPresent();
        assertThat(auth.authenticate(null, "wrong")).isEmpty();
        assertThat(auth.authenticate(null, "")).isEmpty();
        // a header, when present, is what is judged
        assertThat(auth.authenticate("Bearer wrong", "alpha")).isEmpty();
    }

    @Test
    void theDigestIsTheHexSha256OfTheTokensUtf8Bytes() {
        // FIPS 180-2 test vector
        assertThat(Authenticator.sha256("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
