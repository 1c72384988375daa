package io.feedwatch.cli;

import io.feedwatch.config.ConfigException;
import io.feedwatch.http.AccountsFile;
import io.feedwatch.http.Authenticator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Staff accounts of the HTTP API: the file named by {@code feedwatch.http.users} (README "Accounts"). */
@Command(name = "user", mixinStandardHelpOptions = true,
        description = "Creates and lists the staff accounts of the HTTP API (the file named by feedwatch.http.users).",
        subcommands = {UserCommand.Add.class, UserCommand.ListAccounts.class})
public final class UserCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: 'feedwatch user add' or 'feedwatch user list'");
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Adds an account with a new random token, printed once: only its SHA-256 is stored.",
                    "Example: feedwatch user add --file users.jsonl --name ana --clinics c-1,c-2"})
    static final class Add implements Runnable {
        @Spec
        CommandSpec spec;

        @Option(names = "--file", required = true, paramLabel = "FILE", description = "The accounts file (created when missing).")
        Path file;

        @Option(names = "--name", required = true, paramLabel = "NAME",
                description = "Staff name, recorded on every action the account sends; unique in the file.")
        String name;

        @Option(names = "--clinics", required = true, split = ",", paramLabel = "CLINIC",
                description = "Clinics the account may see and act on, comma-separated, or * for all.")
        List<String> clinics;

        @Override
        public void run() {
            Set<String> set = new LinkedHashSet<>(clinics.stream().map(String::trim).toList());
            try {
                AccountsFile.check(name, set);
            } catch (ConfigException e) {
                // a value of the wrong form is a usage error (exit 2), as everywhere on the command line
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            String token = AccountsFile.add(file, name, set);
            spec.commandLine().getOut().println("added '" + name + "' (clinics " + String.join(",", set) + ") to " + file);
            spec.commandLine().getOut().println("token (shown only now; give it to " + name + "): " + token);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the accounts of a file: names and clinics.")
    static final class ListAccounts implements Runnable {
        @Spec
        CommandSpec spec;

        @Option(names = "--file", required = true, paramLabel = "FILE", description = "The accounts file.")
        Path file;

        @Override
        public void run() {
            if (!Files.exists(file)) {
                throw new CliException("no accounts file at " + file + " (create one with 'feedwatch user add')");
            }
            for (Authenticator.Stored s : AccountsFile.read(file)) {
                spec.commandLine().getOut().println(s.account().name() + "\t" + String.join(",", s.account().clinics()));
            }
        }
    }
}
