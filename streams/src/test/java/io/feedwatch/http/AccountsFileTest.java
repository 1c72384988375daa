package io.feedwatch.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.feedwatch.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The accounts file (README "Accounts"): one JSON object per line; a bad line stops the start and names itself. */
class AccountsFileTest {
    private static final String HASH = Authenticator.sha256("secret");

    @TempDir
    Path dir;

    @Test
    void readsEveryAccountSkippingCommentsAndBlankLines() throws Exception {
        Path file = Files.writeString(dir.resolve("u.jsonl"), """
                # clinic staff
                {"name":"ana","clinics":["c-1","c-2"],"sha256":"%s"}

                {"name":"lead","clinics":["*"],"sha256":"%s","note":"other fields are ignored"}
                """.formatted(HASH, Authenticator.sha256("other")));

        List<Authenticator.Stored> accounts = AccountsFile.read(file);

        assertThat(accounts).extracting(s -> s.account().name()).containsExactly("ana", "lead");
        assertThat(accounts.get(0).sha256()).isEqualTo(HASH);
        assertThat(accounts.get(0).account().clinics()).containsExactlyInAnyOrder("c-1", "c-2");
        assertThat(accounts.get(1).account().allClinics()).isTrue();
    }

    @Test
    void aLineThatIsNotAnAccountNamesTheFileAndLine() throws Exception {
        for (String bad : List.of("not json", "{\"name\":\"ana\",\"clinics\":[\"c-1\"]}",
                "{\"name\":\"ana\",\"clinics\":[\"c-1\"],\"sha256\":\"ABC\"}",
                "{\"name\":\"ana\",\"clinics\":[],\"sha256\":\"" + HASH + "\"}",
                "{\"name\":\"ana\",\"clinics\":\"c-1\",\"sha256\":\"" + HASH + "\"}",
                "{\"name\":\"\",\"clinics\":[\"c-1\"],\"sha256\":\"" + HASH + "\"}",
                "{\"name\":\"ana\",\"clinics\":[\"*\",\"c-1\"],\"sha256\":\"" + HASH + "\"}")) {
            Path file = Files.writeString(dir.resolve("bad.jsonl"), "# header\n" + bad + "\n");
            assertThatThrownBy(() -> AccountsFile.read(file)).as(bad).isInstanceOf(ConfigException.class).hasMessageContaining("line 2");
        }
        String line = "{\"name\":\"ana\",\"clinics\":[\"c-1\"],\"sha256\":\"" + HASH + "\"}\n";
        Path twice = Files.writeString(dir.resolve("twice.jsonl"), line + line);
        assertThatThrownBy(() -> AccountsFile.read(twice)).hasMessageContaining("line 2").hasMessageContaining("taken");
        assertThatThrownBy(() -> AccountsFile.read(dir.resolve("missing.jsonl"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("feedwatch.http.users");
    }

    @Test
    void addAppendsALineThatReadsBackAndEachTokenIsNew() {
        Path file = dir.resolve("u.jsonl");
        String first = AccountsFile.add(file, "ana", Set.of("c-1"));
        String second = AccountsFile.add(file, "ben", Set.of("*"));

        assertThat(first).isNotEqualTo(second).hasSizeGreaterThanOrEqualTo(43);
        assertThat(AccountsFile.read(file)).extracting(Authenticator.Stored::sha256)
                .containsExactly(Authenticator.sha256(first), Authenticator.sha256(second));
        assertThatThrownBy(() -> AccountsFile.add(file, "x".repeat(129), Set.of("c-1"))).hasMessageContaining("at most 128");
    }
}
