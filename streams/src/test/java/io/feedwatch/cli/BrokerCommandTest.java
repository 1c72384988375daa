package io.feedwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Everything of {@code feedwatch broker} that ends before a broker runs: parsing and refusals. */
class BrokerCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private List<String> errLines() {
        return err.toString().lines().toList();
    }

    @Test
    void rejectsAnUnknownOptionInOneLine() {
        assertThat(run("broker", "--bogus")).isEqualTo(2);

        assertThat(errLines()).containsExactly(
                "feedwatch: Unknown option: '--bogus'",
                "Try 'feedwatch broker --help' for more information.");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void rejectsAPortThatIsNotANumber() {
        assertThat(run("broker", "--port", "ninety")).isEqualTo(2);

        assertThat(errLines()).containsExactly(
                "feedwatch: Invalid value for option '--port': must be a whole number from 0 to 65535, got 'ninety'",
                "Try 'feedwatch broker --help' for more information.");
    }

    @Test
    void rejectsAPortOutOfRange() {
        assertThat(run("broker", "--port", "70000")).isEqualTo(2);

        assertThat(errLines()).first().isEqualTo("feedwatch: Invalid value for option '--port': must be a whole number from 0 to 65535, got '70000'");
    }

    @Test
    void rejectsZeroPartitions() {
        assertThat(run("broker", "--partitions", "0")).isEqualTo(2);

        assertThat(errLines()).first().isEqualTo("feedwatch: Invalid value for option '--partitions': must be a whole number, 1 or more, got '0'");
    }

    @Test
    void refusesADataDirectoryWithOtherFilesInOneLine(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("thesis.tex"), "");

        assertThat(run("broker", "--port", "0", "--data-dir", dir.toString())).isEqualTo(1);

        assertThat(errLines()).containsExactly("feedwatch: cannot start the Kafka broker: data directory " + dir
                + " contains files that are not the broker's: thesis.tex (use an empty or new directory)");
        assertThat(dir.resolve("thesis.tex")).exists();
    }

    @Test
    void rejectsZeroNodes() {
        assertThat(run("broker", "--nodes", "0")).isEqualTo(2);

        assertThat(errLines()).first().isEqualTo("feedwatch: Invalid value for option '--nodes': must be a whole number, 1 or more, got '0'");
    }

    @Test
    void documentsItsOptions() {
        assertThat(run("broker", "--help")).isEqualTo(0);

        assertThat(out.toString()).contains("--port=N", "--nodes=N", "--data-dir=DIR", "--keep-data", "--no-topics", "--partitions=N",
                "default: 9092");
        assertThat(err.toString()).isEmpty();
    }
}
