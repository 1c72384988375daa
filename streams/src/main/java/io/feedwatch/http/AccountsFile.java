package io.feedwatch.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.feedwatch.config.ConfigException;
import io.feedwatch.ingest.Limits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The staff accounts file ({@code feedwatch.http.users}, README "Accounts"): one JSON object per line,
 * <pre>{"name":"ana","clinics":["c-1","c-2"],"sha256":"9f86d0…"}</pre>
 * with {@code "clinics":["*"]} for every clinic. Blank lines and lines starting with {@code #} are ignored. Only the
 * token's SHA-256 is stored: {@link #add} prints the token once and nothing can show it again.
 */
public final class AccountsFile {
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private AccountsFile() {
    }

    /** Every account of the file; a line that is not a valid account stops the start, naming the file and line. */
    public static List<Authenticator.Stored> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("cannot read the accounts file " + file + " (feedwatch.http.users): " + e.getMessage());
        }
        List<Authenticator.Stored> out = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Authenticator.Stored s = parse(line, file + " line " + (i + 1));
            if (!names.add(s.account().name())) {
                throw new ConfigException(file + " line " + (i + 1) + ": the name '" + s.account().name() + "' is taken by an earlier line");
            }
            out.add(s);
        }
        return out;
    }

    /** Parses one line; {@code where} names it in the message of a {@link ConfigException}. */
    static Authenticator.Stored parse(String line, String where) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new ConfigException(where + ": not a JSON object: " + e.getOriginalMessage());
        }
        String name = node.path("name").asText("");
        String hash = node.path("sha256").asText("");
        JsonNode clinics = node.path("clinics");
        if (!node.isObject() || name.isEmpty() || !HEX.matcher(hash).matches() || !clinics.isArray() || clinics.isEmpty()) {
            throw new ConfigException(where + ": an account needs \"name\", \"clinics\" (a list, [\"*\"] for all) and \"sha256\" "
                    + "(64 lower-case hex digits)");
        }
        Set<String> set = new LinkedHashSet<>();
        clinics.forEach(c -> set.add(c.asText()));
        return new Authenticator.Stored(hash, account(name, set, where));
    }

    /**
     * Appends a new account with a fresh random token and returns the token: the only time it is seen.
     *
     * @throws ConfigException for a taken or unusable name, or a bad clinic list
     */
    public static String add(Path file, String name, Set<String> clinics) {
        check(name, clinics);
        if (Files.exists(file) && read(file).stream().anyMatch(s -> s.account().name().equals(name))) {
            throw new ConfigException("an account named '" + name + "' is already in " + file);
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        ObjectNode line = JSON.createObjectNode().put("name", name);
        clinics.forEach(line.putArray("clinics")::add);
        line.put("sha256", Authenticator.sha256(token));
        try {
            Files.writeString(file, line + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return token;
    }

    /**
     * Refuses a name or clinic list no account may have, before anything is read or written.
     *
     * @throws ConfigException saying what is wrong
     */
    public static void check(String name, Set<String> clinics) {
        account(name, clinics, "the new account");
    }

    private static Account account(String name, Set<String> clinics, String where) {
        String problem = Limits.idProblem(name);
        if (name.isBlank() || problem != null) {
            throw new ConfigException(where + ": name " + (problem == null ? "must not be blank" : problem));
        }
        if (clinics.isEmpty() || (clinics.contains(Account.ALL_CLINICS) && clinics.size() > 1)) {
            throw new ConfigException(where + ": clinics must be a list of clinic ids, or * alone for all clinics");
        }
        for (String c : clinics) {
            if (c.isBlank() || Limits.idProblem(c) != null) {
                throw new ConfigException(where + ": clinic id '" + c + "' is not usable");
            }
        }
        return new Account(name, clinics);
    }
}
