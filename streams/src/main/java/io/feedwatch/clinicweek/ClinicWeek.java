package io.feedwatch.clinicweek;

import io.feedwatch.config.FeedwatchConfig;
import io.feedwatch.ingest.EventJson;
import io.feedwatch.replay.Replay;
import io.feedwatch.replay.ReplayResult;
import io.feedwatch.simulate.SimulationSettings;
import io.feedwatch.simulate.Simulator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A clinic's week, measured: simulated participants (the demo's profiles, no staff acting) replayed through the
 * production topology, so the same settings always give the same report and no broker is needed.
 *
 * @param participants simulated mothers
 * @param days         simulated days after the origin (monitoring starts at the origin, with 2 days of history before)
 * @param seed         the simulation's seed
 * @param atRiskShare  share of mothers whose feeding declines or stops
 */
public record ClinicWeek(int participants, int days, long seed, double atRiskShare) {
    /** A fixed origin, so that a report can be reproduced; a Monday, and the week holds the US change to summer time. */
    public static final Instant ORIGIN = Instant.parse("2026-03-02T00:00:00Z");

    /** Simulates, replays and measures. */
    public MeasuredWeek run(FeedwatchConfig config) {
        Instant until = ORIGIN.plus(Duration.ofDays(days));
        // the demo's data: clean records (its --dead-letters is off by default), so every simulated record is an event
        Simulator simulator = new Simulator(SimulationSettings.of(seed, participants, atRiskShare, ORIGIN));
        List<String> enrollments = simulator.participants().stream().map(EventJson::participant).toList();
        List<String> events = simulator.stream(simulator.historyStart(), until).map(e -> EventJson.write(EventJson.event(e.event()))).toList();
        ReplayResult result = Replay.run(enrollments, events, until, config);
        return MeasuredWeek.of(this, ClinicWeekReport.Method.replay(ORIGIN), until, config.getDuration("feedwatch.cases.notify-delay"),
                result.alerts(), result.cases());
    }
}
