package io.feedwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

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
    @ValueSource(strings = {"demo", "run", "simulate", "broker", "replay", "redrive", "export", "sql", "bench"})
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

    /** Every numeric option is checked while parsing: exit 2, the option named, nothing started, nothing printed on stdout. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "demo --participants -5                       | --participants | must be a whole number from 1 to 10000000, got '-5'",
        "demo --participants 0                        | --participants | must be a whole number from 1 to 10000000, got '0'",
        "demo --speed 0                               | --speed         | must be a number above 0, got '0'",
        "demo --speed Infinity                        | --speed         | must be a number above 0, got 'Infinity'",
        "demo --at-risk-share 1.5                     | --at-risk-share | must be a share from 0 to 1, got '1.5'",
        "demo --at-risk-share NaN                     | --at-risk-share | must be a share from 0 to 1, got 'NaN'",
        "demo --http-port 70000                       | --http-port     | must be a whole number from 0 to 65535, got '70000'",
        "demo --duration 0s                           | --duration      | must be longer than zero, got '0s'",
        "demo --duration ten                          | --duration      | 'ten' is not a duration; use 90s, 2m, 1h30m, 500ms or ISO-8601 such as PT1M30S",
        "demo --seed x                                | --seed          | 'x' is not a long",
        "run --http-port -1                           | --http-port     | must be a whole number from 0 to 65535, got '-1'",
        "simulate --participants 10000001             | --participants | must be a whole number from 1 to 10000000, got '10000001'",
        "simulate --rate 0                            | --rate          | must be a number above 0, got '0'",
        "simulate --onset-within -1h                  | --onset-within  | '-1h' is negative; a duration here is a length of time",
        "broker --partitions 0                        | --partitions    | must be a whole number, 1 or more, got '0'",
        "bench --days 0                               | --days          | must be a whole number, 1 or more, got '0'",
        "bench --repeats -1                           | --repeats       | must be a whole number, 1 or more, got '-1'",
        "bench --at-risk-share -0.1                   | --at-risk-share | must be a share from 0 to 1, got '-0.1'",
        "bench --latency-duration 0                   | --latency-duration | must be longer than zero, got '0'",
        "bench --latency-load 0                       | --latency-load  | must be a share above 0 and at most 1, got '0'",
        "bench --latency-load 1.01                    | --latency-load  | must be a share above 0 and at most 1, got '1.01'",
        "bench --stage-budget 1.5m                    | --stage-budget  | '1.5m' is not a duration; use 90s, 2m, 1h30m, 500ms or ISO-8601 such as PT1M30S",
        "replay --participants p --events e --out o --until tomorrow | --until | 'tomorrow' is not an ISO-8601 instant such as 2026-03-01T08:00:00Z",
    })
    void badNumbersAreUsageErrorsNamingTheOption(String commandLine, String option, String problem) {
        String[] args = commandLine.trim().split(" +");

        assertThat(run(args)).as(err.toString()).isEqualTo(2);

        assertThat(err.toString().lines()).containsExactly(
                "feedwatch: Invalid value for option '" + option + "': " + problem,
                "Try 'feedwatch " + args[0] + " --help' for more information.");
        assertThat(out.toString()).isEmpty();
    }

    /** Every option that takes a duration, in every form. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"90s, PT1M30S", "2m, PT2M", "1h30m, PT1H30M", "PT90S, PT1M30S", "pt2m, PT2M", "500ms, PT0.5S"})
    void everyDurationOptionTakesShortFormsAndIsoAlike(String text, Duration expected) {
        DemoCommand demo = new DemoCommand();
        new CommandLine(demo).parseArgs("--duration", text);
        SimulateCommand simulate = new SimulateCommand();
        new CommandLine(simulate).parseArgs("--duration", text, "--onset-within", text);
        BenchCommand bench = new BenchCommand();
        new CommandLine(bench).parseArgs("--latency-duration", text, "--stage-budget", text);

        assertThat(List.of(demo.duration, simulate.duration, simulate.onsetWithin, bench.latencyDuration, bench.stageBudget))
                .containsOnly(expected);
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
    void redriveRejectsAnUnknownReason() {
        assertThat(run("redrive", "--reason", "BORED")).isEqualTo(2);
        assertThat(err.toString().lines()).first().asString().contains("BORED");
    }
}
