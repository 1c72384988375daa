package io.feedwatch.names;

import java.util.List;

/** Every topic feedwatch reads or writes. The names are part of the public contract: change them only with a new version suffix. */
public final class Topics {
    /** Feeding events from apps, devices and clinics (FeedingEvent, or its JSON form). Key: participant id. */
    public static final String FEEDING_EVENTS = "feedwatch.feeding-events.v1";
    /** Enrollments (Participant, or its JSON form); compacted, the latest record per participant wins. Key: participant id. */
    public static final String PARTICIPANTS = "feedwatch.participants.v1";
    /** Supply-risk alerts for WIC staff (StaffAlert). Key: participant id. */
    public static final String STAFF_ALERTS = "feedwatch.staff-alerts.v1";
    /** Per-participant local-day summaries (DailyFeedingSummary). Key: participant id + "/" + date. */
    public static final String DAILY_SUMMARIES = "feedwatch.daily-summaries.v1";
    /** Dead letters (RejectedEvent): everything feedwatch could not accept, with the reason. Key: the original key. */
    public static final String REJECTED_EVENTS = "feedwatch.rejected-events.v1";
    /** What staff did on cases (StaffAction, or its JSON form). Key: participant id. */
    public static final String STAFF_ACTIONS = "feedwatch.staff-actions.v1";
    /** The clinics' work queue (Case): every change of every case; the latest record per caseId wins. Key: participant id. */
    public static final String CASES = "feedwatch.cases.v1";

    /** The topics the application reads; a task reads the same partition of each. */
    public static final List<String> INPUTS = List.of(FEEDING_EVENTS, PARTICIPANTS, STAFF_ACTIONS);

    /** Topics that must exist before the application starts, in creation order. */
    public static final List<String> ALL = List.of(FEEDING_EVENTS, PARTICIPANTS, STAFF_ACTIONS, STAFF_ALERTS, DAILY_SUMMARIES,
            REJECTED_EVENTS, CASES);

    /** Topics that keep only the latest record per key. */
    public static final List<String> COMPACTED = List.of(PARTICIPANTS);

    private Topics() {
    }
}
