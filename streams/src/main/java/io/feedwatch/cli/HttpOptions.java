package io.feedwatch.cli;

import io.feedwatch.config.FeedwatchConfig;
import picocli.CommandLine.Option;

/** Where the HTTP API and staff dashboard listen: {@code --http-host}, {@code --http-port} (a picocli mixin). */
final class HttpOptions {
    @Option(names = "--http-host", paramLabel = "HOST",
            description = "Interface the HTTP API and staff dashboard bind (default: feedwatch.http.host, 127.0.0.1).")
    String host;

    @Option(names = "--http-port", paramLabel = "PORT", converter = Converters.Port.class,
            description = "Port of the staff dashboard, HTTP API, /health, /ready and /metrics (default: feedwatch.http.port, "
                    + "8080; 0 = any free port).")
    Integer port;

    FeedwatchConfig applyTo(FeedwatchConfig config) {
        FeedwatchConfig cfg = config;
        if (port != null) {
            cfg = cfg.with("feedwatch.http.port", Integer.toString(port));
        }
        if (host != null) {
            cfg = cfg.with("feedwatch.http.host", host);
        }
        return cfg;
    }
}
