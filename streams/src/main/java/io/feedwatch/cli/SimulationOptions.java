package io.feedwatch.cli;

import picocli.CommandLine.Option;

/**
 * Who is simulated: {@code --participants}, {@code --at-risk-share}, {@code --seed} (a picocli mixin). Each command
 * sets its own defaults with an {@link OptionDefaults}.
 */
final class SimulationOptions {
    @Option(names = "--participants", paramLabel = "N", converter = Converters.Participants.class,
            description = "Simulated participants (default: ${DEFAULT-VALUE}).")
    int participants;

    @Option(names = "--at-risk-share", paramLabel = "SHARE", converter = Converters.Share.class,
            description = "Share of participants, 0 to 1, whose feeding declines or stops (default: ${DEFAULT-VALUE}).")
    double atRiskShare;

    @Option(names = "--seed", paramLabel = "SEED",
            description = "Random seed of the simulation; the same seed and options give the same data (default: ${DEFAULT-VALUE}).")
    long seed;
}
