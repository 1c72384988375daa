package io.feedwatch.names;

/**
 * Names of feedwatch's state stores. Each is also the name of its changelog topic ({@code <application.id>-<store>-changelog}),
 * so renaming one orphans its state: TopologyDescriptionTest pins them.
 */
public final class StoreNames {
    /**
     * Per-participant state (ParticipantState, Avro): enrollment, recent sessions, carried episodes, alerts sent, day
     * totals, the timer and the duplicate window. "-v2": the hand-made format of "participant-state" was replaced, and a
     * new name lets an upgraded application start from a reset instead of failing on the old changelog.
     */
    public static final String PARTICIPANT_STATE = "participant-state-v2";
    /** Open alerts by clinic (clinic id, 0, alert id): what a clinic's staff must follow up, queried without a scan of all participants. */
    public static final String OPEN_ALERTS_BY_CLINIC = "open-alerts-by-clinic";
    /** Enrolled participants by clinic (clinic id, 0, participant id → nothing): which clinics exist, and who is in each. */
    public static final String PARTICIPANTS_BY_CLINIC = "participants-by-clinic";
    /** Timers: due time, then participant id; a punctuation reads only the due prefix. */
    public static final String DUE_INDEX = "due-index";
    /** The task's detection clock: its latest accepted event start and the highest time it has read. */
    public static final String TASK_CLOCK = "task-clock";

    /** Per-participant work queue (CaseState, Avro): her open case, her latest closed one, the alerts that can still change them. */
    public static final String CASES = "cases";
    /** Case timers (open, escalate, close), like the due index. */
    public static final String CASE_DUE_INDEX = "case-due-index";
    /** Open cases by clinic (clinic id, 0, participant id): a clinic's work queue, read with a prefix scan. */
    public static final String OPEN_CASES_BY_CLINIC = "open-cases-by-clinic";
    /** Each participant's alert records, case records and staff actions of the last 30 days (a window store). */
    public static final String PARTICIPANT_HISTORY = "participant-history";

    private StoreNames() {
    }
}
