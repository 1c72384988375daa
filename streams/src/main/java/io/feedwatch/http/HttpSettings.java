package io.feedwatch.http;

import io.feedwatch.config.ConfigException;
import io.feedwatch.config.FeedwatchConfig;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Settings of the HTTP server (keys {@code feedwatch.http.*}, documented in feedwatch-defaults.properties).
 *
 * @param port 0 picks a free port
 * @param tokens accepted bearer tokens, each an account for all clinics
 * @param users the staff accounts file (README "Accounts"), or null; with no tokens and no file the API needs none
 */
public record HttpSettings(String host, int port, List<String> tokens, Path users, int maxBodyBytes) {

    public HttpSettings {
        tokens = List.copyOf(tokens);
        if (port < 0 || port > 65_535) {
            throw new ConfigException("feedwatch.http.port must be between 0 and 65535, got " + port);
        }
        if (maxBodyBytes < 1) {
            throw new ConfigException("feedwatch.http.max-body-bytes must be positive, got " + maxBodyBytes);
        }
    }

    public static HttpSettings from(FeedwatchConfig config) {
        List<String> tokens = Arrays.stream(config.get("feedwatch.http.tokens", "").split(","))
                .map(String::trim)
                .filter(t -> !t.isEmpty())
                .toList();
        String users = config.get("feedwatch.http.users", "").trim();
        return new HttpSettings(config.get("feedwatch.http.host"), config.getInt("feedwatch.http.port"), tokens,
                users.isEmpty() ? null : Path.of(users), config.getInt("feedwatch.http.max-body-bytes"));
    }

    public HttpSettings withPort(int newPort) {
        return new HttpSettings(host, newPort, tokens, users, maxBodyBytes);
    }
}
