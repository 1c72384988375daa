package io.feedwatch.detect;

import io.feedwatch.schemas.Participant;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * A participant's enrollment as detection uses it.
 *
 * @param monitoringEnd end of monitoring (exclusive); null while open-ended, i.e. until the policy's age bands run out
 */
public record Enrollment(String participantId, String clinicId, LocalDate birthDate, ZoneId zone, Instant monitoringStart,
                         Instant monitoringEnd) {

    public static Enrollment of(Participant p) {
        return new Enrollment(p.getParticipantId(), p.getClinicId(), p.getInfantBirthDate(), ZoneId.of(p.getTimeZone()),
                p.getMonitoringStart(), p.getMonitoringEnd());
    }

    /** From the enrollment kept in a participant's state. */
    public static Enrollment of(String participantId, io.feedwatch.schemas.state.Enrollment e) {
        return new Enrollment(participantId, e.getClinicId(), e.getInfantBirthDate(), ZoneId.of(e.getTimeZone()),
                e.getMonitoringStart(), e.getMonitoringEnd());
    }

    /** What a participant's state keeps of an enrollment. */
    public static io.feedwatch.schemas.state.Enrollment toState(Participant p) {
        return new io.feedwatch.schemas.state.Enrollment(p.getClinicId(), p.getInfantBirthDate(), p.getTimeZone(),
                p.getMonitoringStart(), p.getMonitoringEnd());
    }

    /**
     * Monitoring ended at {@code end} (a roster tombstone): never later than a configured end, and after the start, so
     * that the enrollment stays a valid interval.
     */
    public Enrollment endingAt(Instant end) {
        Instant e = monitoringEnd != null && monitoringEnd.isBefore(end) ? monitoringEnd : end;
        Instant afterStart = monitoringStart.plusMillis(1);
        return new Enrollment(participantId, clinicId, birthDate, zone, monitoringStart, e.isBefore(afterStart) ? afterStart : e);
    }

    long startMillis() {
        return monitoringStart.toEpochMilli();
    }

    /** Long.MAX_VALUE while open-ended. */
    long endMillis() {
        return monitoringEnd == null ? Long.MAX_VALUE : monitoringEnd.toEpochMilli();
    }

    boolean monitored(long tMillis) {
        return startMillis() <= tMillis && tMillis < endMillis();
    }
}
