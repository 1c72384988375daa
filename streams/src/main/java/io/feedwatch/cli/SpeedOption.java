package io.feedwatch.cli;

import picocli.CommandLine.Option;

/** {@code --speed}: how fast simulated time runs (a picocli mixin; the default comes from the command's {@link OptionDefaults}). */
final class SpeedOption {
    @Option(names = "--speed", paramLabel = "X", converter = Converters.Positive.class,
            description = "Simulated seconds per wall-clock second (default: ${DEFAULT-VALUE}; 1440: one minute is one simulated day).")
    double speed;
}
