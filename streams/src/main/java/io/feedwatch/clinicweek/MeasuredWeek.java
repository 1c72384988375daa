package io.feedwatch.clinicweek;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A measured week: its report and the records it was computed from, so that anyone can recount a committed report (a
 * live run cannot be repeated record for record).
 *
 * @param alerts every alert record counted, JSON lines as {@code feedwatch replay} writes them (alerts.jsonl)
 * @param cases  every case record counted (cases.jsonl)
 */
public record MeasuredWeek(ClinicWeekReport report, List<String> alerts, List<String> cases) {
    public MeasuredWeek {
        alerts = List.copyOf(alerts);
        cases = List.copyOf(cases);
    }

    static MeasuredWeek of(ClinicWeek run, ClinicWeekReport.Method method, Instant until, Duration notifyDelay, List<String> alerts,
                           List<String> cases) {
        return new MeasuredWeek(ClinicWeekReport.of(run, method, until, notifyDelay, alerts, cases), alerts, cases);
    }
}
