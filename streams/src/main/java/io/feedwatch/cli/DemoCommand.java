package io.feedwatch.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder: implemented by its own change. */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Not implemented yet.")
public final class DemoCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new CliException("'demo' is not implemented yet");
    }
}
