package io.feedwatch.cli;

import io.feedwatch.clinicweek.ClinicWeek;
import io.feedwatch.clinicweek.ClinicWeekReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code feedwatch clinic-week}: the work queue measured on a simulated week, against the goals of issue 11. */
@Command(name = "clinic-week", mixinStandardHelpOptions = true, sortOptions = false, defaultValueProvider = ClinicWeekCommand.Defaults.class,
        description = {"Simulates a clinic's week (the demo's mix of mothers, no staff acting), replays it deterministically "
                + "through the production topology (no broker) and reports raw OPEN and WITHDRAWN alert records, alert "
                + "episodes, cases opened and staff notifications, and whether every episode longer than "
                + "feedwatch.cases.notify-delay lay inside a case staff were notified of. Writes clinic-week.json and "
                + "clinic-week.md.",
                "Exit 1 when a goal is missed: at least 3 OPEN alert records per staff notification, 0 uncovered episodes."})
public final class ClinicWeekCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SimulationOptions simulation;

    @Option(names = "--days", defaultValue = "7", paramLabel = "N", converter = Converters.AtLeastOne.class,
            description = "Simulated days after monitoring starts (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--out", defaultValue = "feedwatch-out/clinic-week", paramLabel = "DIR",
            description = "Directory for clinic-week.json and clinic-week.md, created if missing (default: ${DEFAULT-VALUE}).")
    Path out;

    @Mixin
    ConfigOptions config;

    /** A clinic of 200 mothers; the rest of the mix (share at risk, seed) is the demo's, whatever it becomes. */
    static final class Defaults extends OptionDefaults {
        private final DemoCommand.Defaults demo = new DemoCommand.Defaults();

        Defaults() {
            super("--participants", "200");
        }

        @Override
        public String defaultValue(ArgSpec arg) {
            String own = super.defaultValue(arg);
            return own != null ? own : demo.defaultValue(arg);
        }
    }

    @Override
    public Integer call() {
        ClinicWeekReport report = new ClinicWeek(simulation.participants, days, simulation.seed, simulation.atRiskShare).run(config.load());
        try {
            Files.createDirectories(out);
            Files.writeString(out.resolve("clinic-week.json"), report.json(), StandardCharsets.UTF_8);
            Files.writeString(out.resolve("clinic-week.md"), report.markdown(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException("cannot write to " + out + ": " + e.getMessage(), e);
        }
        PrintWriter o = spec.commandLine().getOut();
        o.printf("clinic-week: %s x %s: %s (%d WITHDRAWN), %s, %s, %s (%s)%n",
                Plural.of(report.run().participants(), "mother"), Plural.of(days, "day"),
                Plural.of(report.openAlertRecords(), "OPEN alert record"), report.withdrawnAlertRecords(),
                Plural.of(report.alertEpisodes(), "alert episode"), Plural.of(report.casesOpened(), "case"),
                Plural.of(report.notifications(), "staff notification"),
                report.notificationsByReason().entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", ")));
        o.printf("clinic-week: %s OPEN records per notification (goal >= %d), %d of %d episodes longer than %s uncovered (goal 0): goals %s -> %s%n",
                report.openRecordsPerNotification() == null ? "n/a" : report.openRecordsPerNotification(),
                ClinicWeekReport.GOAL_OPEN_PER_NOTIFICATION, report.uncoveredAlertIds().size(), report.episodesLongerThanDelay(),
                report.notifyDelay(), report.goalsMet() ? "met" : "MISSED", out);
        o.flush();
        return report.goalsMet() ? 0 : 1;
    }
}
