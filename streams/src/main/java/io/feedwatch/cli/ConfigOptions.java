package io.feedwatch.cli;

import io.feedwatch.config.FeedwatchConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --config} and {@code --set}: how every command that reads the configuration takes it (a picocli mixin). */
final class ConfigOptions {
    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file overriding the documented defaults: Kafka settings (bootstrap.servers, security) "
                    + "and feedwatch.* settings.")
    Path file;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Overrides one setting; repeatable.")
    Map<String, String> overrides = new LinkedHashMap<>();

    /** The defaults, overlaid by the file, overlaid by every {@code --set}. */
    FeedwatchConfig load() {
        return FeedwatchConfig.load(file).with(overrides);
    }
}
