package io.feedwatch.detect;

import io.feedwatch.schemas.Participant;
import java.time.LocalDate;
import java.time.ZoneId;

/** A participant's enrollment in the units detection computes with; built once per evaluation. */
record Enrollment(String participantId, String clinicId, LocalDate birthDate, ZoneId zone, long monitoringStartMillis,
                  long monitoringEndMillis) {
    /** No monitoring end: monitored until the policy's age bands run out. */
    static final long OPEN_END = Long.MAX_VALUE;

    static Enrollment of(Participant p) {
        return new Enrollment(p.getParticipantId(), p.getClinicId(), p.getInfantBirthDate(), ZoneId.of(p.getTimeZone()),
                p.getMonitoringStart().toEpochMilli(),
                p.getMonitoringEnd() == null ? OPEN_END : p.getMonitoringEnd().toEpochMilli());
    }

    boolean monitored(long tMillis) {
        return monitoringStartMillis <= tMillis && tMillis < monitoringEndMillis;
    }
}
