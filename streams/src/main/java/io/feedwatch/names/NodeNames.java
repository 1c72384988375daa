package io.feedwatch.names;

/** Names of the topology's sources, processors and sinks (TopologyDescriptionTest pins them). */
public final class NodeNames {
    public static final String EVENTS_SOURCE = "feeding-events-source";
    public static final String PARTICIPANTS_SOURCE = "participants-source";
    public static final String INGEST_EVENTS = "ingest-feeding-events";
    public static final String INGEST_PARTICIPANTS = "ingest-participants";
    public static final String ACTIONS_SOURCE = "staff-actions-source";
    public static final String INGEST_ACTIONS = "ingest-staff-actions";
    public static final String CASES = "work-queue";
    public static final String CASES_SINK = "cases-sink";
    public static final String DETECT = "detect-supply-risk";
    public static final String ALERTS_SINK = "staff-alerts-sink";
    public static final String SUMMARIES_SINK = "daily-summaries-sink";
    public static final String REJECTED_SINK = "rejected-events-sink";

    private NodeNames() {
    }
}
