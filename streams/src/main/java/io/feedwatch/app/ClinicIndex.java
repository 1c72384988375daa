package io.feedwatch.app;

import io.feedwatch.schemas.StaffAlert;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The open alerts of each clinic (store {@code open-alerts-by-clinic}): what a clinic's staff must follow up, read with a
 * prefix scan of one clinic instead of a scan of every participant. Key: clinic id, a 0 separator (so one clinic's range
 * never includes another's), alert id.
 */
public final class ClinicIndex {
    private final KeyValueStore<String, StaffAlert> store;

    ClinicIndex(KeyValueStore<String, StaffAlert> store) {
        this.store = store;
    }

    /** The alert's latest record: kept while OPEN, removed once it is resolved or withdrawn. */
    void update(StaffAlert alert) {
        String key = key(alert.getClinicId(), alert.getAlertId());
        if (alert.getStatus() == io.feedwatch.schemas.AlertStatus.OPEN) {
            store.put(key, alert);
        } else {
            store.delete(key);
        }
    }

    /** A participant moved clinic: her open alert now belongs to the new clinic's list. */
    void move(String alertId, String fromClinic, String toClinic) {
        StaffAlert open = store.get(key(fromClinic, alertId));
        if (open != null) {
            store.delete(key(fromClinic, alertId));
            open.setClinicId(toClinic);
            store.put(key(toClinic, alertId), open);
        }
    }

    /** The key of one alert; with an empty alert id, the prefix of a clinic's alerts. */
    public static String key(String clinicId, String alertId) {
        return clinicId + '\u0000' + alertId;
    }
}
