package io.feedwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Everything of {@code feedwatch chaos} that ends before anything starts: bad options exit 2, the help. */
class ChaosCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @ParameterizedTest
    @CsvSource({"--brokers,0", "--instances,0", "--faults,-1", "--participants,0", "--days,0", "--feed-for,0s", "--origin,yesterday"})
    void refusesABadOptionWithExitStatus2BeforeStartingAnything(String option, String value) {
        assertThat(run("chaos", option, value, "--out", "never-written")).isEqualTo(2);

        assertThat(err.toString()).startsWith("feedwatch: ").contains(option);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void documentsItsOptionsAndTheLongRun() {
        assertThat(run("chaos", "--help")).isEqualTo(0);

        assertThat(out.toString()).contains("--brokers=N", "--instances=N", "--faults=N", "--seed=SEED", "--participants=N", "--days=N",
                "--origin=INSTANT", "--feed-for=DURATION", "--out=DIR", "--set=KEY=VALUE", "feedwatch chaos --brokers 3 --instances 3 --faults 50");
    }
}
