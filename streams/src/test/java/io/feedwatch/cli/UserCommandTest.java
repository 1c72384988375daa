package io.feedwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedwatch.http.AccountsFile;
import io.feedwatch.http.Authenticator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code feedwatch user add / list} (README "Accounts"): the token is printed once and only its digest is stored. */
class UserCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void addPrintsANewTokenOnceAndStoresOnlyItsDigest() throws Exception {
        Path file = dir.resolve("users.jsonl");

        assertThat(run("user", "add", "--file", file.toString(), "--name", "ana", "--clinics", "c-1,c-2")).isZero();
        assertThat(run("user", "add", "--file", file.toString(), "--name", "lead", "--clinics", "*")).isZero();

        Matcher m = Pattern.compile("token \\(shown only now; give it to ana\\): (\\S+)").matcher(out.toString());
        assertThat(m.find()).isTrue();
        String token = m.group(1);
        assertThat(Files.readString(file)).doesNotContain(token).contains(Authenticator.sha256(token));
        Authenticator auth = new Authenticator(List.of(), AccountsFile.read(file));
        assertThat(auth.authenticate("Bearer " + token, null)).hasValueSatisfying(a -> {
            assertThat(a.name()).isEqualTo("ana");
            assertThat(a.sees("c-2")).isTrue();
            assertThat(a.sees("c-3")).isFalse();
        });

        out.getBuffer().setLength(0);
        assertThat(run("user", "list", "--file", file.toString())).isZero();
        assertThat(out.toString().lines().toList()).containsExactly("ana\tc-1,c-2", "lead\t*");
    }

    @Test
    void aTakenNameIsExit1ABadNameOrClinicListExit2EachOneLineAndNothingChanges() throws Exception {
        Path file = dir.resolve("users.jsonl");
        assertThat(run("user", "add", "--file", file.toString(), "--name", "ana", "--clinics", "c-1")).isZero();
        String before = Files.readString(file);

        assertThat(run("user", "add", "--file", file.toString(), "--name", "ana", "--clinics", "c-2")).isEqualTo(1);
        assertThat(run("user", "add", "--file", file.toString(), "--name", "bo", "--clinics", "*,c-1")).isEqualTo(2);
        assertThat(run("user", "add", "--file", file.toString(), "--name", "x".repeat(129), "--clinics", "c-1")).isEqualTo(2);
        assertThat(run("user", "add", "--file", file.toString(), "--name", "bo")).isEqualTo(2);
        assertThat(run("user", "list", "--file", dir.resolve("none.jsonl").toString())).isEqualTo(1);

        assertThat(Files.readString(file)).isEqualTo(before);
        assertThat(err.toString().lines().filter(l -> l.startsWith("feedwatch: "))).hasSize(5);
        assertThat(err.toString()).contains("already in").contains("* alone").contains("at most 128").contains("--clinics")
                .contains("no accounts file");
    }
}
