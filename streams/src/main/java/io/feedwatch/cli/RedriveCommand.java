package io.feedwatch.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder: implemented by its own change. */
@Command(name = "redrive", mixinStandardHelpOptions = true, description = "Not implemented yet.")
public final class RedriveCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new CliException("'redrive' is not implemented yet");
    }
}
