package io.feedwatch.cli;

import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Defaults of a command's shared options ({@link SimulationOptions}, {@link SpeedOption}), which differ between commands
 * while the options are defined once. Picocli shows them in the help as ${DEFAULT-VALUE} and converts them like typed
 * values.
 */
abstract class OptionDefaults implements IDefaultValueProvider {
    private final Map<String, String> byOption = new HashMap<>();

    /** @param optionsAndDefaults option name, default, option name, default, ... */
    OptionDefaults(String... optionsAndDefaults) {
        for (int i = 0; i < optionsAndDefaults.length; i += 2) {
            byOption.put(optionsAndDefaults[i], optionsAndDefaults[i + 1]);
        }
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        return arg instanceof OptionSpec option ? byOption.get(option.longestName()) : null;
    }
}
