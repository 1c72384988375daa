package io.feedwatch.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder: implemented by its own change. */
@Command(name = "replay", mixinStandardHelpOptions = true, description = "Not implemented yet.")
public final class ReplayCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new CliException("'replay' is not implemented yet");
    }
}
