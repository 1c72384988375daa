package io.feedwatch.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who is calling the API ({@code Authorization: Bearer TOKEN}): the staff accounts of {@code feedwatch.http.users} and
 * the plain tokens of {@code feedwatch.http.tokens} (each an account for all clinics). Only SHA-256 digests of tokens
 * are held, so the accounts file does not give the tokens away, and a presented token's digest is compared with every
 * account's in constant time, so response timing does not reveal how much of one matched. With neither configured every
 * request is {@link #ANONYMOUS}.
 */
public final class Authenticator {
    /** The caller when authentication is off: all clinics, and actions recorded as by "anonymous". */
    public static final Account ANONYMOUS = new Account("anonymous", Set.of(Account.ALL_CLINICS));
    private static final String SCHEME = "bearer ";

    /** An account as stored: the SHA-256 of its token (hex, lower case) and who it is. */
    public record Stored(String sha256, Account account) {
    }

    private final List<Stored> accounts;
    private final List<byte[]> digests;

    public Authenticator(List<String> tokens, List<Stored> users) {
        List<Stored> all = new ArrayList<>(users);
        for (String token : tokens) {
            String digest = sha256(token);
            // named by a short digest: stable, and says nothing of the token itself
            all.add(new Stored(digest, new Account("token-" + digest.substring(0, 8), Set.of(Account.ALL_CLINICS))));
        }
        this.accounts = List.copyOf(all);
        this.digests = all.stream().map(s -> HexFormat.of().parseHex(s.sha256())).toList();
    }

    public boolean enabled() {
        return !accounts.isEmpty();
    }

    /**
     * The calling account, or empty when the request has no valid token.
     *
     * @param authorization the Authorization header, or null
     * @param queryToken the {@code access_token} query parameter (RFC 6750 §2.3), or null: only the server-sent-event
     *                   stream accepts it, because a browser's EventSource cannot send headers
     */
    public Optional<Account> authenticate(String authorization, String queryToken) {
        if (!enabled()) {
            return Optional.of(ANONYMOUS);
        }
        String presented = null;
        if (authorization != null && authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            presented = authorization.substring(SCHEME.length()).trim();
        } else if (queryToken != null) {
            presented = queryToken;
        }
        if (presented == null || presented.isEmpty()) {
            return Optional.empty();
        }
        byte[] candidate = HexFormat.of().parseHex(sha256(presented));
        Account found = null;
        for (int i = 0; i < digests.size(); i++) {
            if (MessageDigest.isEqual(digests.get(i), candidate) && found == null) {
                found = accounts.get(i).account();
            }
        }
        return Optional.ofNullable(found);
    }

    /** The SHA-256 of a token's UTF-8 bytes, as lower-case hex: what the accounts file stores. */
    public static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
