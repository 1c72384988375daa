package io.feedwatch.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * feedwatch's configuration: the documented defaults in {@code feedwatch-defaults.properties}, overlaid by an
 * optional properties file, overlaid by explicit overrides (command-line options). Immutable.
 */
public final class FeedwatchConfig {
    public static final String DEFAULTS_RESOURCE = "/feedwatch-defaults.properties";

    private final Map<String, String> values;

    private FeedwatchConfig(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /** The defaults alone. */
    public static FeedwatchConfig defaults() {
        return new FeedwatchConfig(readDefaults());
    }

    /** Defaults overlaid by {@code file} (if not null). Fails with a one-line {@link ConfigException} on a missing or unreadable file. */
    public static FeedwatchConfig load(Path file) {
        Map<String, String> merged = readDefaults();
        if (file != null) {
            Properties props = new Properties();
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                props.load(in);
            } catch (NoSuchFileException e) {
                throw new ConfigException("config file not found: " + file);
            } catch (IOException | IllegalArgumentException e) {
                throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
            }
            props.stringPropertyNames().forEach(k -> merged.put(k, props.getProperty(k).trim()));
        }
        return new FeedwatchConfig(merged);
    }

    /** A copy with {@code overrides} applied on top. */
    public FeedwatchConfig with(Map<String, String> overrides) {
        Map<String, String> merged = new TreeMap<>(values);
        merged.putAll(overrides);
        return new FeedwatchConfig(merged);
    }

    public FeedwatchConfig with(String key, String value) {
        return with(Map.of(key, value));
    }

    public String get(String key) {
        String v = values.get(key);
        if (v == null) {
            throw new ConfigException("missing configuration key " + key);
        }
        return v;
    }

    public String get(String key, String fallback) {
        String v = values.get(key);
        return v == null || v.isEmpty() ? fallback : v;
    }

    public int getInt(String key) {
        try {
            return Integer.parseInt(get(key));
        } catch (NumberFormatException e) {
            throw new ConfigException(key + " must be an integer, got '" + get(key) + "'");
        }
    }

    public double getDouble(String key) {
        try {
            return Double.parseDouble(get(key));
        } catch (NumberFormatException e) {
            throw new ConfigException(key + " must be a number, got '" + get(key) + "'");
        }
    }

    public boolean getBoolean(String key) {
        String v = get(key);
        if (!v.equals("true") && !v.equals("false")) {
            throw new ConfigException(key + " must be true or false, got '" + v + "'");
        }
        return Boolean.parseBoolean(v);
    }

    /** A duration in any form {@link Durations#parse} takes (90s, 1h30m, PT90S); negative is refused. */
    public Duration getDuration(String key) {
        try {
            return Durations.parse(get(key));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key + ": " + e.getMessage());
        }
    }

    /** An instant, or null when the key is absent or empty. */
    public Instant getInstantOrNull(String key) {
        String v = values.get(key);
        if (v == null || v.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw new ConfigException(key + " must be an ISO-8601 instant such as 2026-03-01T00:00:00Z, got '" + v + "'");
        }
    }

    public String bootstrapServers() {
        return get("bootstrap.servers");
    }

    /** Every key that is not feedwatch's own: what Kafka clients and Kafka Streams receive. Empty values are left out. */
    public Properties kafkaProperties() {
        Properties p = new Properties();
        values.forEach((k, v) -> {
            if (!k.startsWith("feedwatch.") && !v.isEmpty()) {
                p.put(k, v);
            }
        });
        return p;
    }

    /** Everything, for display (sorted). */
    public Map<String, String> asMap() {
        return new TreeMap<>(values);
    }

    private static Map<String, String> readDefaults() {
        Properties props = new Properties();
        try (InputStream in = FeedwatchConfig.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULTS_RESOURCE + " is missing from the classpath");
            }
            props.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + DEFAULTS_RESOURCE, e);
        }
        Map<String, String> map = new TreeMap<>();
        props.stringPropertyNames().forEach(k -> map.put(k, props.getProperty(k).trim()));
        return map;
    }
}
