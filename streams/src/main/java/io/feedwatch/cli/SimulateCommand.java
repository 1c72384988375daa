package io.feedwatch.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder: implemented by its own change. */
@Command(name = "simulate", mixinStandardHelpOptions = true, description = "Not implemented yet.")
public final class SimulateCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new CliException("'simulate' is not implemented yet");
    }
}
