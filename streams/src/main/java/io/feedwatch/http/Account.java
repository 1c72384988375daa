package io.feedwatch.http;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * A staff account: {@code name} is recorded as the staffId of every action it sends; {@code clinics} are the clinics it
 * may see and act on, {@code *} for all.
 */
public record Account(String name, Set<String> clinics) {
    public static final String ALL_CLINICS = "*";

    public Account {
        // sorted, so that lists and JSON show them alike every time
        clinics = Collections.unmodifiableSortedSet(new TreeSet<>(clinics));
    }

    public boolean allClinics() {
        return clinics.contains(ALL_CLINICS);
    }

    public boolean sees(String clinicId) {
        return allClinics() || clinics.contains(clinicId);
    }
}
