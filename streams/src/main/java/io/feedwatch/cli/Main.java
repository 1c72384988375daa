package io.feedwatch.cli;

import java.io.PrintWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code feedwatch} command. Every failure the user can cause ends in one line on stderr and a non-zero exit. */
@Command(
        name = "feedwatch",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Milk-removal frequency monitoring for breastfeeding-support programmes: "
                + "detects under-frequency supply risk from feeding events and alerts WIC breastfeeding staff.",
        subcommands = {
            DemoCommand.class,
            RunCommand.class,
            SimulateCommand.class,
            BrokerCommand.class,
            ReplayCommand.class,
            RedriveCommand.class,
            SqlCommand.class,
            ExportCommand.class,
            BenchCommand.class,
            UserCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: try 'feedwatch demo', or 'feedwatch --help'");
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line and returns the exit code; output goes to {@code out}/{@code err} (tests pass their own). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cmd = new CommandLine(new Main());
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.setParameterExceptionHandler((ex, a) -> {
            CommandLine failed = ex.getCommandLine();
            failed.getErr().println("feedwatch: " + ex.getMessage());
            failed.getErr().println("Try '" + failed.getCommandSpec().qualifiedName() + " --help' for more information.");
            return CommandLine.ExitCode.USAGE;
        });
        cmd.setExecutionExceptionHandler((ex, failed, parseResult) -> {
            LOG.debug("command failed", ex);
            failed.getErr().println("feedwatch: " + oneLine(ex));
            return 1;
        });
        return cmd.execute(args);
    }

    static String oneLine(Throwable ex) {
        Throwable t = ex;
        while (t.getMessage() == null && t.getCause() != null) {
            t = t.getCause();
        }
        String msg = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        boolean userFacing = t instanceof io.feedwatch.config.ConfigException || t instanceof CliException;
        String line = userFacing ? msg : t.getClass().getSimpleName() + ": " + msg;
        return line.replace('\n', ' ');
    }
}
