package io.feedwatch.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder: implemented by its own change. */
@Command(name = "broker", mixinStandardHelpOptions = true, description = "Not implemented yet.")
public final class BrokerCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new CliException("'broker' is not implemented yet");
    }
}
