package io.feedwatch.cli;

import io.feedwatch.config.FeedwatchConfig;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Where the Kafka cluster is and how to talk to it: {@code --bootstrap-servers}, {@code --config}, {@code --set}. */
final class KafkaOptions {
    @Mixin
    ConfigOptions config;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            description = "Kafka cluster, HOST:PORT[,...]; overrides bootstrap.servers (default: 127.0.0.1:9092, where "
                    + "'feedwatch broker' listens).")
    String bootstrapServers;

    /** The configuration with every option applied; {@code --bootstrap-servers} wins over a {@code --set} of the same key. */
    FeedwatchConfig load() {
        FeedwatchConfig cfg = config.load();
        return bootstrapServers == null ? cfg : cfg.with("bootstrap.servers", bootstrapServers);
    }
}
