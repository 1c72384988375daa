package io.feedwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Parsing and refusals of every command: help everywhere, one-line errors, the documented exit codes. */
class CommandLineTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    private int run(String... args) {
        return Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo", "run", "simulate", "broker", "replay", "redrive"})
    void everyCommandHasHelp(String command) {
        assertThat(run(command, "--help")).isZero();
        assertThat(out.toString()).startsWith("Usage: feedwatch " + command);
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void noCommandIsAUsageError() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString().lines()).first().asString().contains("missing command");
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo", "run", "replay --participants p --events e --out o", "redrive"})
    void unknownOptionsAreOneLineUsageErrors(String commandLine) {
        String[] args = (commandLine + " --no-such-option").split(" ");
        assertThat(run(args)).isEqualTo(2);
        assertThat(err.toString().lines()).first().isEqualTo("feedwatch: Unknown option: '--no-such-option'");
        assertThat(err.toString()).doesNotContain("\tat ");
    }

    @Test
    void demoRefusesNonsenseBeforeStartingAnything() {
        assertThat(run("demo", "--participants", "0")).isEqualTo(1);
        assertThat(err.toString().lines()).singleElement().asString().startsWith("feedwatch: --participants must be >= 1");
        assertThat(run("demo", "--duration", "ten")).isEqualTo(2);
    }

    @Test
    void runWithAMissingConfigFileIsOneLine() {
        assertThat(run("run", "--config", dir.resolve("nope.properties").toString())).isEqualTo(1);
        assertThat(err.toString().lines()).singleElement().asString().isEqualTo("feedwatch: config file not found: " + dir.resolve("nope.properties"));
    }

    @Test
    void runWithABadSettingIsOneLine() throws Exception {
        Path cfg = dir.resolve("bad.properties");
        Files.writeString(cfg, "feedwatch.clock=sundial\n");
        assertThat(run("run", "--config", cfg.toString())).isEqualTo(1);
        assertThat(err.toString().lines()).singleElement().asString()
                .isEqualTo("feedwatch: feedwatch.clock must be wall, accelerated or event-time, got 'sundial'");
    }

    @Test
    void replayNeedsItsFilesAndSaysWhichIsMissing() {
        assertThat(run("replay", "--events", "e.jsonl", "--out", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required option: '--participants=FILE'");
        err.getBuffer().setLength(0);
        assertThat(run("replay", "--participants", dir.resolve("p.jsonl").toString(), "--events", "e.jsonl", "--out", dir.toString()))
                .isEqualTo(1);
        assertThat(err.toString().lines()).singleElement().asString().isEqualTo("feedwatch: file not found: " + dir.resolve("p.jsonl"));
    }

    @Test
    void replayRejectsABadUntil() throws Exception {
        Path p = Files.writeString(dir.resolve("p.jsonl"), "");
        assertThat(run("replay", "--participants", p.toString(), "--events", p.toString(), "--until", "tomorrow", "--out", dir.toString()))
                .isEqualTo(1);
        assertThat(err.toString().lines()).singleElement().asString().startsWith("feedwatch: --until must be an ISO-8601 instant");
    }

    @Test
    void redriveRejectsAnUnknownReason() {
        assertThat(run("redrive", "--reason", "BORED")).isEqualTo(2);
        assertThat(err.toString().lines()).first().asString().contains("BORED");
    }
}
