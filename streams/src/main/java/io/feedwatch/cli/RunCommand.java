package io.feedwatch.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder: implemented by its own change. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Not implemented yet.")
public final class RunCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new CliException("'run' is not implemented yet");
    }
}
