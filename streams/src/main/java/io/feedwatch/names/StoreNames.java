package io.feedwatch.names;

/**
 * Names of feedwatch's state stores. Each is also the name of its changelog topic ({@code <application.id>-<store>-changelog}),
 * so renaming one orphans its state: TopologyDescriptionTest pins them.
 */
public final class StoreNames {
    /** The roster: latest enrollment per participant. */
    public static final String PARTICIPANTS = "participants";
    /** Per-participant detection state (recent sessions, emitted alerts, day totals, timer). */
    public static final String PARTICIPANT_STATE = "participant-state";
    /** Accepted event ids, for idempotence; forgotten once the participant's latest start has moved the id retention past their acceptance. */
    public static final String EVENT_IDS = "event-ids";
    /** The same ids ordered by participant and start time, so pruning reads only what is old. */
    public static final String EVENT_IDS_BY_TIME = "event-ids-by-time";
    /** Open alerts by clinic (clinic id, 0, alert id): what a clinic's staff must follow up, queried without a scan of all participants. */
    public static final String OPEN_ALERTS_BY_CLINIC = "open-alerts-by-clinic";
    /** Timers: due time, then participant id; a punctuation reads only the due prefix. */
    public static final String DUE_INDEX = "due-index";

    private StoreNames() {
    }
}
