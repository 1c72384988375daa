package io.feedwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code feedwatch replay} on the example files: the documented outputs, byte-identical on a second run. */
class ReplayCommandTest {
    @TempDir
    Path dir;

    private static final Path EXAMPLES = Path.of("..", "examples");

    private String replay(Path out) {
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        int code = Main.execute(new String[] {"replay", "--participants", EXAMPLES.resolve("participants.jsonl").toString(),
                "--events", EXAMPLES.resolve("events.jsonl").toString(), "--until", "2026-03-04T06:00:00Z", "--out", out.toString()},
                new PrintWriter(stdout, true), new PrintWriter(stderr, true));
        assertThat(code).as(stderr.toString()).isZero();
        return stdout.toString();
    }

    @Test
    void writesTheThreeFilesAndTheSummaryLineDeterministically() throws Exception {
        String summary = replay(dir.resolve("a"));
        assertThat(summary).isEqualTo("replay: 16 alert records (9 OPEN, 7 RESOLVED, 0 WITHDRAWN), 6 daily summaries, 3 rejected, 17 case records -> "
                + dir.resolve("a") + System.lineSeparator());
        replay(dir.resolve("b"));
        for (String file : new String[] {"alerts.jsonl", "daily-summaries.jsonl", "rejected.jsonl"}) {
            assertThat(Files.readAllBytes(dir.resolve("b").resolve(file))).as(file).isEqualTo(Files.readAllBytes(dir.resolve("a").resolve(file)));
        }
        assertThat(Files.readAllLines(dir.resolve("a").resolve("rejected.jsonl")))
                .extracting(l -> l.substring(0, l.indexOf("\",")))
                .containsExactly("{\"reason\":\"INVALID_VALUE", "{\"reason\":\"MALFORMED", "{\"reason\":\"UNKNOWN_PARTICIPANT");
        assertThat(Files.readAllLines(dir.resolve("a").resolve("daily-summaries.jsonl")).get(0))
                .startsWith("{\"participantId\":\"p-1\",\"clinicId\":\"c-1\",\"date\":\"2026-03-01\",\"timeZone\":\"America/Chicago\"");
    }
}
