package io.feedwatch.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * The optional bearer-token check of the API ({@code Authorization: Bearer TOKEN}). With no tokens configured every
 * request passes. Tokens are compared in constant time so that response timing does not reveal how much of one matched.
 */
public final class BearerAuth {
    private static final String SCHEME = "bearer ";

    private final List<byte[]> tokens;

    public BearerAuth(List<String> tokens) {
        this.tokens = tokens.stream().map(t -> t.getBytes(StandardCharsets.UTF_8)).toList();
    }

    public boolean enabled() {
        return !tokens.isEmpty();
    }

    /**
     * @param authorization the Authorization header, or null
     * @param queryToken the {@code access_token} query parameter (RFC 6750 §2.3), or null: only the server-sent-event
     *                   stream accepts it, because a browser's EventSource cannot send headers
     */
    public boolean permits(String authorization, String queryToken) {
        if (!enabled()) {
            return true;
        }
        String presented = null;
        if (authorization != null && authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            presented = authorization.substring(SCHEME.length()).trim();
        } else if (queryToken != null) {
            presented = queryToken;
        }
        if (presented == null || presented.isEmpty()) {
            return false;
        }
        byte[] candidate = presented.getBytes(StandardCharsets.UTF_8);
        boolean match = false;
        for (byte[] token : tokens) {
            match |= MessageDigest.isEqual(token, candidate);
        }
        return match;
    }
}
