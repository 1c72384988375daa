package io.feedwatch.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedwatch.schemas.FeedingEvent;
import io.feedwatch.schemas.FeedingType;
import io.feedwatch.schemas.Participant;
import io.feedwatch.schemas.RejectionReason;
import io.feedwatch.schemas.state.ParticipantState;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stateful acceptance checks and what an accepted event changes, without a topology. */
class DetectionTest {
    private static final Instant M = Instant.parse("2026-03-01T00:00:00Z");
    private static final Participant ENROLLED = new Participant("p-1", "c-1", LocalDate.parse("2026-02-25"), "UTC", M, null);

    private static DetectionSettings settings(DetectionClock clock) {
        return new DetectionSettings(Policy.parse("0-13:8:PT4H,14-55:8,56-182:6"), Duration.ofMinutes(30), Duration.ofHours(48),
                Duration.ofHours(1), Duration.ofDays(7), Duration.ofSeconds(1), clock);
    }

    private static ParticipantState enrolled() {
        return ParticipantState.newBuilder().setEnrollment(Enrollment.toState(ENROLLED)).build();
    }

    private static FeedingEvent event(String id, Instant start, Instant recordedAt) {
        return FeedingEvent.newBuilder().setEventId(id).setParticipantId("p-1").setType(FeedingType.BREASTFEED)
                .setStartTime(start).setRecordedAt(recordedAt).build();
    }

    private static Detection.Verdict admitAndAccept(Detection d, ParticipantState s, FeedingEvent e, Instant now) {
        Detection.Verdict v = d.admit("p-1", s, e, now);
        if (v instanceof Detection.Accepted a) {
            d.accept(s, e, a);
        }
        return v;
    }

    @Test
    void anUnenrolledParticipantComesFirst() {
        Detection d = new Detection(settings(new DetectionClock.Wall()));
        // also in the future and a duplicate: the first failing check names the reason
        assertThat(d.admit("p-1", null, event("e-1", M.plus(Duration.ofDays(9)), null), M))
                .isInstanceOfSatisfying(Detection.Rejected.class, r -> assertThat(r.reason()).isEqualTo(RejectionReason.UNKNOWN_PARTICIPANT));
    }

    @Test
    void withAClockOfItsOwnTheServerIsTheReferenceForTheFutureWhateverRecordedAtSays() {
        Detection d = new Detection(settings(new DetectionClock.Wall()));
        ParticipantState s = enrolled();
        Instant year2100 = Instant.parse("2100-01-01T00:00:00Z");

        assertThat(d.admit("p-1", s, event("e-1", year2100, year2100), M))
                .isInstanceOfSatisfying(Detection.Rejected.class, r -> {
                    assertThat(r.reason()).isEqualTo(RejectionReason.FUTURE_TIMESTAMP);
                    assertThat(r.message()).contains("after the server's clock, " + M);
                });
        // exactly the tolerance ahead is accepted; a millisecond more is not
        assertThat(d.admit("p-1", s, event("e-2", M.plus(Duration.ofHours(1)), null), M)).isInstanceOf(Detection.Accepted.class);
        assertThat(d.admit("p-1", s, event("e-3", M.plus(Duration.ofHours(1)).plusMillis(1), M.plus(Duration.ofDays(1))), M))
                .isInstanceOf(Detection.Rejected.class);
        // the rejected event moved nothing: a real event of today is still accepted
        assertThat(admitAndAccept(d, s, event("e-4", M.minus(Duration.ofMinutes(5)), null), M)).isInstanceOf(Detection.Accepted.class);
    }

    @Test
    void withAClockThatFollowsTheDataRecordedAtIsTheReference() {
        Detection d = new Detection(settings(new DetectionClock.EventTime()));
        ParticipantState s = enrolled();
        Instant later = M.plus(Duration.ofDays(30));

        assertThat(d.admit("p-1", s, event("e-1", later, later), M)).isInstanceOf(Detection.Accepted.class);
        assertThat(d.admit("p-1", s, event("e-2", later.plus(Duration.ofHours(2)), later), M))
                .isInstanceOfSatisfying(Detection.Rejected.class, r -> assertThat(r.message()).contains("after recordedAt"));
        // no recordedAt: nothing to check against
        assertThat(d.admit("p-1", s, event("e-3", later.plus(Duration.ofDays(1)), null), M)).isInstanceOf(Detection.Accepted.class);
    }

    @Test
    void duplicatesAreRecognisedPerParticipantWhateverTheirContent() {
        Detection d = new Detection(settings(new DetectionClock.Wall()));
        ParticipantState mother1 = enrolled();
        ParticipantState mother2 = enrolled();
        Instant now = M.plus(Duration.ofHours(5));

        assertThat(admitAndAccept(d, mother1, event("pump-1", M.plus(Duration.ofHours(1)), null), now)).isInstanceOf(Detection.Accepted.class);
        // the same id with other content is still the same event of that mother
        assertThat(d.admit("p-1", mother1, event("pump-1", M.plus(Duration.ofHours(3)), null), now)).isInstanceOf(Detection.Duplicate.class);
        // another mother's device numbers its sessions the same way: her event is her own
        FeedingEvent hers = FeedingEvent.newBuilder(event("pump-1", M.plus(Duration.ofHours(1)), null)).setParticipantId("p-2").build();
        assertThat(d.admit("p-2", mother2, hers, now)).isInstanceOf(Detection.Accepted.class);
        assertThat(d.admit("p-2", mother1, hers, now)).as("p-2's hash is not p-1's").isInstanceOf(Detection.Accepted.class);
    }

    @Test
    void tooLateIsMoreThanTheAllowedLatenessBeforeTheLatestStart() {
        Detection d = new Detection(settings(new DetectionClock.Wall()));
        ParticipantState s = enrolled();
        Instant latest = M.plus(Duration.ofDays(3));
        admitAndAccept(d, s, event("e-1", latest, null), latest);

        assertThat(d.admit("p-1", s, event("e-2", latest.minus(Duration.ofHours(48)), null), latest)).isInstanceOf(Detection.Accepted.class);
        assertThat(d.admit("p-1", s, event("e-3", latest.minus(Duration.ofHours(48)).minusMillis(1), null), latest))
                .isInstanceOfSatisfying(Detection.Rejected.class, r -> assertThat(r.reason()).isEqualTo(RejectionReason.TOO_LATE));
        // a duplicate is ignored before lateness is looked at
        assertThat(d.admit("p-1", s, event("e-1", M, null), latest)).isInstanceOf(Detection.Duplicate.class);
    }

    @Test
    void removalStartsAreKeptInOrderAndIntakeIsNot() {
        Detection d = new Detection(settings(new DetectionClock.Wall()));
        ParticipantState s = enrolled();
        Instant now = M.plus(Duration.ofDays(1));
        admitAndAccept(d, s, event("e-2", M.plus(Duration.ofHours(2)), null), now);
        admitAndAccept(d, s, event("e-1", M.plus(Duration.ofHours(1)), null), now);
        FeedingEvent formula = FeedingEvent.newBuilder(event("e-3", M.plus(Duration.ofHours(3)), null)).setType(FeedingType.FORMULA).build();
        admitAndAccept(d, s, formula, now);

        assertThat(s.getOpenStarts()).containsExactly(M.plus(Duration.ofHours(1)), M.plus(Duration.ofHours(2)));
        assertThat(s.getLatestStart()).isEqualTo(M.plus(Duration.ofHours(3)));
    }

    @Test
    void freezingKeepsWhatLaterEvaluationsNeedAndCarriesTheEpisodeHoldingAtTheFrozenPoint() {
        Detection d = new Detection(settings(new DetectionClock.Wall()));
        ParticipantState s = enrolled();
        // one feed a day: under frequency from M+24h on, and a long gap after each feed
        Instant now = M.plus(Duration.ofDays(5));
        for (int day = 0; day < 5; day++) {
            admitAndAccept(d, s, event("e-" + day, M.plus(Duration.ofDays(day)).plus(Duration.ofHours(1)), null), now);
        }
        Detection.Assessment before = d.assess("p-1", s);

        Instant point = d.freeze(s, before, now);

        assertThat(point).isEqualTo(M.plus(Duration.ofDays(4)).plus(Duration.ofHours(1)).minus(Duration.ofHours(48)));
        assertThat(s.getCarried()).extracting(c -> c.getType().name()).containsExactly("UNDER_FREQUENCY", "LONG_GAP");
        // the episodes after the frozen point are the same when read from the frozen state
        List<Episode> after = d.assess("p-1", s).episodes();
        assertThat(after).containsExactlyElementsOf(before.episodes().stream()
                .filter(ep -> ep.open() || !ep.end().isBefore(point)).toList());
        // and freezing again at the same point changes nothing
        assertThat(d.freeze(s, d.assess("p-1", s), now)).isNull();
    }
}
