package io.feedwatch.app;

import io.feedwatch.schemas.Case;
import io.feedwatch.schemas.CaseStatus;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The open cases of each clinic (store {@code open-cases-by-clinic}): a clinic's work queue, read with a prefix scan of
 * one clinic. Key: clinic id, a 0 separator, participant id (a mother has at most one open case). Value: the latest
 * record of the case.
 */
final class OpenCases {
    private final KeyValueStore<String, Case> store;

    OpenCases(KeyValueStore<String, Case> store) {
        this.store = store;
    }

    /** The case's latest record; {@code previousClinic} is where it was listed before (it may have moved). */
    void update(Case c, String previousClinic) {
        if (previousClinic != null && !previousClinic.equals(c.getClinicId())) {
            store.delete(ClinicIndex.key(previousClinic, c.getParticipantId()));
        }
        String key = ClinicIndex.key(c.getClinicId(), c.getParticipantId());
        if (c.getStatus() == CaseStatus.OPEN) {
            store.put(key, c);
        } else {
            store.delete(key);
        }
    }
}
