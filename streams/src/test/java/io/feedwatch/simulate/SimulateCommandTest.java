package io.feedwatch.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedwatch.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class SimulateCommandTest {
    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("simulate"));
        all.addAll(List.of(args));
        int exit = Main.execute(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    static List<Arguments> badOptions() {
        String bs = "--bootstrap-servers=127.0.0.1:9092";
        return List.of(
                Arguments.of(new String[] {bs, "--participants", "0"}, "--participants"),
                Arguments.of(new String[] {bs, "--participants", "many"}, "--participants"),
                Arguments.of(new String[] {bs, "--at-risk-share", "1.5"}, "--at-risk-share"),
                Arguments.of(new String[] {bs, "--at-risk-share", "-0.1"}, "--at-risk-share"),
                Arguments.of(new String[] {bs, "--speed", "0"}, "--speed"),
                Arguments.of(new String[] {bs, "--speed", "fast"}, "--speed"),
                Arguments.of(new String[] {bs, "--rate", "-3"}, "--rate"),
                Arguments.of(new String[] {bs, "--speed", "10", "--rate", "5"}, "mutually exclusive"),
                Arguments.of(new String[] {bs, "--duration", "ten minutes"}, "--duration"),
                Arguments.of(new String[] {bs, "--duration", "PT0S"}, "--duration"),
                Arguments.of(new String[] {bs, "--duration", "P3650D"}, "more than 366 days"),
                Arguments.of(new String[] {bs, "--origin", "yesterday"}, "--origin"),
                Arguments.of(new String[] {bs, "--onset-within", "-PT1H"}, "--onset-within"),
                Arguments.of(new String[] {bs, "--set", "novalue"}, "--set"),
                Arguments.of(new String[] {bs, "--frobnicate"}, "--frobnicate"));
    }

    @ParameterizedTest
    @MethodSource("badOptions")
    void badOptionsExitWithUsageErrorAndOneLineMessage(String[] args, String mentioned) {
        Run r = run(args);

        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        String first = r.err().lines().findFirst().orElse("");
        assertThat(first).startsWith("feedwatch: ").contains(mentioned);
        assertThat(r.err()).doesNotContain("\tat ", "Exception");
        assertThat(r.err().lines().count()).isLessThanOrEqualTo(2);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void unreachableClusterFailsWithOneLineAndExitOne() {
        Run r = run("--bootstrap-servers", "127.0.0.1:1", "--participants", "3", "--set", "max.block.ms=300",
                "--origin", "2026-03-01T08:00:00Z", "--duration", "PT1S");

        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).startsWith("feedwatch: cannot reach Kafka at 127.0.0.1:1").doesNotContain("\tat ");
        assertThat(r.err().lines().count()).isEqualTo(1);
        assertThat(r.out()).contains("simulating 3 participants (2 on track, 0 declining, 1 quiet), seed 42");
    }

    @Test
    void helpListsTheOptions() {
        Run r = run("--help");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("--bootstrap-servers", "--participants", "--at-risk-share", "--seed", "--speed", "--rate",
                "--duration", "--origin", "--dead-letters", "Usage: feedwatch simulate");
    }
}
