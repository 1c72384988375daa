package io.feedwatch.cli;

import io.feedwatch.config.FeedwatchConfig;
import io.feedwatch.replay.Replay;
import io.feedwatch.replay.ReplayResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Replays JSON-lines files through the production topology, deterministically. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Replays enrollments and feeding events from JSON-lines files through the same topology the live "
                + "application runs, with the detection clock following the latest accepted event time, and writes "
                + "alerts.jsonl, daily-summaries.jsonl, rejected.jsonl and cases.jsonl. Same input, byte-identical output.",
                "Example: feedwatch replay --participants examples/participants.jsonl --events examples/events.jsonl "
                        + "--until 2026-03-04T00:00:00Z --out replay-out"})
public final class ReplayCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--participants", required = true, paramLabel = "FILE", description = "Enrollments, one JSON object per line.")
    Path participants;

    @Option(names = "--events", required = true, paramLabel = "FILE", description = "Feeding events, one JSON object per line, in arrival order.")
    Path events;

    @Option(names = "--actions", paramLabel = "FILE", description = "Staff actions, one JSON object per line, replayed after the events.")
    Path actions;

    @Option(names = "--until", paramLabel = "INSTANT", converter = Converters.UtcInstant.class,
            description = "Advance the detection clock to this instant at the end (ISO-8601, e.g. 2026-03-04T00:00:00Z). "
                    + "Default: the latest accepted event time.")
    Instant until;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (created if missing).")
    Path out;

    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() {
        FeedwatchConfig cfg = config.load();
        ReplayResult result = Replay.run(readLines(participants), readLines(events), actions == null ? List.of() : readLines(actions), until, cfg);
        try {
            Files.createDirectories(out);
            write(out.resolve("alerts.jsonl"), result.alerts());
            write(out.resolve("daily-summaries.jsonl"), result.dailySummaries());
            write(out.resolve("rejected.jsonl"), result.rejected());
            write(out.resolve("cases.jsonl"), result.cases());
        } catch (IOException e) {
            throw new CliException("cannot write to " + out + ": " + e.getMessage(), e);
        }
        long open = result.alerts().stream().filter(a -> a.contains("\"status\":\"OPEN\"")).count();
        long resolved = result.alerts().stream().filter(a -> a.contains("\"status\":\"RESOLVED\"")).count();
        long withdrawn = result.alerts().stream().filter(a -> a.contains("\"status\":\"WITHDRAWN\"")).count();
        PrintWriter o = spec.commandLine().getOut();
        o.printf("replay: %s (%d OPEN, %d RESOLVED, %d WITHDRAWN), %s, %d rejected, %s -> %s%n",
                Plural.of(result.alerts().size(), "alert record"), open, resolved, withdrawn,
                Plural.of(result.dailySummaries().size(), "daily summary", "daily summaries"), result.rejected().size(),
                Plural.of(result.cases().size(), "case record"), out);
        o.flush();
        return 0;
    }

    private static List<String> readLines(Path file) {
        try {
            // Lenient decoding: a line with invalid UTF-8 becomes a dead letter instead of stopping the replay.
            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            return text.lines().toList();
        } catch (NoSuchFileException e) {
            throw new CliException("file not found: " + file);
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void write(Path file, List<String> lines) throws IOException {
        StringBuilder sb = new StringBuilder();
        lines.forEach(l -> sb.append(l).append('\n'));
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    }
}
