package io.feedwatch.replay;

import java.util.List;

/**
 * What a replay produced, each element one JSON line exactly as written to the output files.
 *
 * @param alerts every alert record in emission order (alerts.jsonl)
 * @param dailySummaries the final summary per participant and date, sorted by participant id then date (daily-summaries.jsonl)
 * @param rejected one line per dead letter, in input order: reason, message, original (rejected.jsonl)
 * @param cases every case record in emission order (cases.jsonl)
 * @param alertInputs for each alert record, the input that produced it, numbered as {@link Replay#run} says
 */
public record ReplayResult(List<String> alerts, List<String> dailySummaries, List<String> rejected, List<String> cases,
                           List<Integer> alertInputs) {
    public ReplayResult {
        alertInputs = List.copyOf(alertInputs);
        alerts = List.copyOf(alerts);
        dailySummaries = List.copyOf(dailySummaries);
        rejected = List.copyOf(rejected);
        cases = List.copyOf(cases);
    }
}
