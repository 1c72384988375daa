package io.feedwatch.simulate;

import io.feedwatch.schemas.Participant;
import java.time.Instant;

/**
 * What the simulator decided for one participant: her enrollment record and how her removals will evolve.
 *
 * @param participant the enrollment produced to the participants topic
 * @param profile how her removal frequency evolves
 * @param onset when a DECLINING participant drops to {@code sessionsPerDayAfterOnset}, or a QUIET one stops sending
 *     anything (no event is sent at or after it); null for ON_TRACK
 * @param sessionsPerDay removal sessions per 24 h while on track
 * @param sessionsPerDayAfterOnset removal sessions per 24 h after the onset (0 for QUIET, equal to sessionsPerDay for ON_TRACK)
 */
public record ParticipantPlan(Participant participant, Profile profile, Instant onset, int sessionsPerDay, int sessionsPerDayAfterOnset) {
    public String participantId() {
        return participant.getParticipantId();
    }
}
