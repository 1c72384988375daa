package io.feedwatch.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.feedwatch.schemas.EventSource;
import io.feedwatch.schemas.FeedingEvent;
import io.feedwatch.schemas.FeedingType;
import io.feedwatch.schemas.Participant;
import io.feedwatch.schemas.serde.AvroSingleObjectSerde;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;

class SimulatorTest {
    private static final Instant ORIGIN = Instant.parse("2026-03-01T08:00:00Z");
    private static final Instant FOUR_DAYS_ON = ORIGIN.plus(Duration.ofDays(4));

    private static Simulator simulator(long seed, int n, double share) {
        return new Simulator(SimulationSettings.of(seed, n, share, ORIGIN));
    }

    private static List<TimedEvent> all(Simulator sim, Instant from, Instant to) {
        List<TimedEvent> out = new ArrayList<>();
        for (Iterator<TimedEvent> it = sim.events(from, to); it.hasNext(); ) {
            out.add(it.next());
        }
        return out;
    }

    @Test
    void sameSeedGivesSameParticipantsAndEventsAndAnotherSeedDoesNot() {
        Simulator a = new Simulator(SimulationSettings.of(7, 30, 0.4, ORIGIN).withFaultRate(0.05));
        Simulator b = new Simulator(SimulationSettings.of(7, 30, 0.4, ORIGIN).withFaultRate(0.05));
        Simulator c = new Simulator(SimulationSettings.of(8, 30, 0.4, ORIGIN).withFaultRate(0.05));

        List<TimedEvent> eventsA = all(a, a.historyStart(), FOUR_DAYS_ON);
        assertThat(eventsA).hasSizeGreaterThan(30 * 5 * 10);
        assertThat(List.copyOf(a.participants())).isEqualTo(List.copyOf(b.participants()));
        assertThat(List.copyOf(a.plans())).isEqualTo(List.copyOf(b.plans()));
        assertThat(all(b, b.historyStart(), FOUR_DAYS_ON)).isEqualTo(eventsA);

        assertThat(all(c, c.historyStart(), FOUR_DAYS_ON)).isNotEqualTo(eventsA);
        assertThat(List.copyOf(c.plans())).isNotEqualTo(List.copyOf(a.plans()));
    }

    @Test
    void eventsAreOrderedBySendTimeAndRangesCompose() {
        Simulator sim = new Simulator(SimulationSettings.of(3, 25, 0.3, ORIGIN).withFaultRate(0.05));
        Instant from = sim.historyStart();
        Instant mid = ORIGIN.plus(Duration.ofMinutes(437));
        List<TimedEvent> whole = all(sim, from, FOUR_DAYS_ON);

        for (int i = 1; i < whole.size(); i++) {
            assertThat(whole.get(i).sendAt()).isAfterOrEqualTo(whole.get(i - 1).sendAt());
        }
        assertThat(whole).allSatisfy(e -> assertThat(e.sendAt()).isBetween(from, FOUR_DAYS_ON.minusMillis(1)));

        List<TimedEvent> joined = new ArrayList<>(all(sim, from, mid));
        joined.addAll(all(sim, mid, FOUR_DAYS_ON));
        assertThat(joined).isEqualTo(whole);
        assertThat(sim.stream(from, FOUR_DAYS_ON).toList()).isEqualTo(whole);
        // Bounds finer than a millisecond still split exactly: [from, t + 1 ns) includes what is sent at t.
        Instant t = whole.get(whole.size() / 2).sendAt();
        List<TimedEvent> upToT = all(sim, from, t.plusNanos(1));
        assertThat(upToT).isEqualTo(whole.stream().filter(e -> !e.sendAt().isAfter(t)).toList());
        assertThat(all(sim, t.plusNanos(1), FOUR_DAYS_ON)).isEqualTo(whole.subList(upToT.size(), whole.size()));

        for (int i = 0; i < sim.size(); i++) {
            String id = sim.plan(i).participantId();
            List<TimedEvent> own = whole.stream().filter(e -> e.key().equals(id)).toList();
            assertThat(sim.eventsOf(i, from, FOUR_DAYS_ON)).as(id).isEqualTo(own);
        }
    }

    @Test
    void participantsAreValidEnrollmentsWithHistory() {
        Simulator sim = simulator(42, 120, 0.3);
        List<Participant> ps = List.copyOf(sim.participants());

        assertThat(ps).extracting(Participant::getParticipantId)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 120).mapToObj(i -> String.format("p-%04d", i)).toList());
        assertThat(ps).allSatisfy(p -> {
            assertThat(p.getClinicId()).isIn("c-1", "c-2", "c-3", "c-4");
            ZoneId zone = ZoneId.of(p.getTimeZone());
            assertThat(zone.getId()).matches("(America|Pacific)/.+");
            long age = ChronoUnit.DAYS.between(p.getInfantBirthDate(), LocalDate.ofInstant(ORIGIN, zone));
            assertThat(age).isBetween(3L, 60L);
            assertThat(p.getMonitoringStart()).isEqualTo(ORIGIN);
            assertThat(p.getMonitoringEnd()).isNull();
        });
        assertThat(sim.historyStart()).isEqualTo(ORIGIN.minus(Duration.ofDays(2)));
        // A realistic spread, not one clinic or one zone for everybody.
        assertThat(ps.stream().map(Participant::getClinicId).distinct().count()).isEqualTo(4);
        assertThat(ps.stream().map(Participant::getTimeZone).distinct().count()).isGreaterThanOrEqualTo(4);

        assertThat(simulator(1, 12_345, 0).plan(12_344).participantId()).isEqualTo("p-12345");
        assertThat(simulator(1, 12_345, 0).plan(0).participantId()).isEqualTo("p-00001");
        assertThatThrownBy(() -> sim.plan(120)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void atRiskShareIsRespectedAndSplitBetweenDecliningAndQuiet() {
        assertThat(profileCounts(simulator(42, 1000, 0.3)))
                .isEqualTo(Map.of(Profile.ON_TRACK, 700L, Profile.QUIET, 150L, Profile.DECLINING, 150L));
        assertThat(profileCounts(simulator(5, 999, 0.25)))
                .isEqualTo(Map.of(Profile.ON_TRACK, 749L, Profile.QUIET, 125L, Profile.DECLINING, 125L));
        assertThat(profileCounts(simulator(42, 5, 0.3)))
                .isEqualTo(Map.of(Profile.ON_TRACK, 3L, Profile.QUIET, 1L, Profile.DECLINING, 1L));
        assertThat(profileCounts(simulator(42, 50, 0))).isEqualTo(Map.of(Profile.ON_TRACK, 50L));
        assertThat(profileCounts(simulator(42, 50, 1))).isEqualTo(Map.of(Profile.QUIET, 25L, Profile.DECLINING, 25L));
        // Which participants are at risk depends on the seed.
        assertThat(atRiskIds(simulator(1, 100, 0.3))).isNotEqualTo(atRiskIds(simulator(2, 100, 0.3)));

        for (ParticipantPlan p : simulator(42, 200, 0.5).plans()) {
            switch (p.profile()) {
                case ON_TRACK -> assertThat(p.onset()).isNull();
                case QUIET -> assertThat(p.sessionsPerDayAfterOnset()).isZero();
                case DECLINING -> assertThat(p.sessionsPerDayAfterOnset()).isBetween(4, 6);
            }
            if (p.onset() != null) {
                assertThat(p.onset()).isBetween(ORIGIN, ORIGIN.plus(SimulationSettings.DEFAULT_ONSET_WITHIN).minusMillis(1));
            }
            assertThat(p.sessionsPerDay()).isBetween(9, 12);
        }
    }

    @Test
    void onTrackParticipantsNeverLookAtRiskEvenCountingOnlyWhatHasArrived() {
        Simulator sim = simulator(42, 200, 0.3);
        Instant windowsFrom = sim.historyStart().plus(SessionMath.DAY);
        int checked = 0;
        for (int i = 0; i < sim.size(); i++) {
            ParticipantPlan plan = sim.plan(i);
            if (plan.profile() != Profile.ON_TRACK) {
                continue;
            }
            checked++;
            List<TimedEvent> records = sim.eventsOf(i, sim.historyStart(), FOUR_DAYS_ON);
            List<FeedingEvent> events = records.stream().map(TimedEvent::event).toList();
            List<Instant> sessions = SessionMath.sessions(events);

            // C(T) only drops when a session leaves the window, at s + 24 h: checking there covers every T.
            for (Instant s : sessions) {
                Instant t = s.plus(SessionMath.DAY);
                if (!t.isBefore(windowsFrom) && t.isBefore(FOUR_DAYS_ON)) {
                    assertThat(SessionMath.count(sessions, t)).as("%s at %s", plan.participantId(), t).isGreaterThanOrEqualTo(8);
                }
            }
            // What a live detection sees at T is the events sent by T; check just before each arrival and at each departure.
            Set<Instant> probes = new TreeSet<>();
            records.forEach(r -> probes.add(r.sendAt().minusMillis(1)));
            sessions.forEach(s -> probes.add(s.plus(SessionMath.DAY)));
            for (Instant t : probes) {
                if (t.isBefore(sim.historyStart()) || !t.isBefore(FOUR_DAYS_ON)) {
                    continue;
                }
                List<Instant> known = SessionMath.sessions(records.stream().filter(r -> !r.sendAt().isAfter(t)).map(TimedEvent::event).toList());
                if (!t.isBefore(windowsFrom)) {
                    assertThat(SessionMath.count(known, t)).as("%s sees at %s", plan.participantId(), t).isGreaterThanOrEqualTo(8);
                }
                Instant last = SessionMath.lastAtOrBefore(known, t);
                Instant anchor = last == null || last.isBefore(sim.historyStart()) ? sim.historyStart() : last;
                assertThat(Duration.between(anchor, t)).as("%s gap at %s", plan.participantId(), t).isLessThan(Duration.ofHours(4));
            }
        }
        assertThat(checked).isGreaterThan(100);
    }

    @Test
    void quietParticipantsSendNothingFromTheirOnset() {
        Simulator sim = new Simulator(SimulationSettings.of(42, 200, 0.5, ORIGIN).withFaultRate(0.1));
        int checked = 0;
        for (int i = 0; i < sim.size(); i++) {
            ParticipantPlan plan = sim.plan(i);
            if (plan.profile() != Profile.QUIET) {
                continue;
            }
            checked++;
            List<TimedEvent> records = sim.eventsOf(i, sim.historyStart(), FOUR_DAYS_ON);
            assertThat(records).as(plan.participantId()).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.sendAt()).isBefore(plan.onset()));
            assertThat(records.get(records.size() - 1).sendAt()).isAfter(plan.onset().minus(Duration.ofHours(4)));
            assertThat(sim.eventsOf(i, plan.onset(), FOUR_DAYS_ON)).isEmpty();
        }
        assertThat(checked).isEqualTo(50);
    }

    @Test
    void decliningParticipantsFallBelowTheMinimumForTheirInfantsAge() {
        Simulator sim = simulator(42, 300, 0.5);
        Instant end = ORIGIN.plus(Duration.ofDays(8));
        int checked = 0;
        for (int i = 0; i < sim.size(); i++) {
            ParticipantPlan plan = sim.plan(i);
            if (plan.profile() != Profile.DECLINING) {
                continue;
            }
            checked++;
            List<Instant> sessions = SessionMath.sessions(sim.eventsOf(i, sim.historyStart(), end).stream().map(TimedEvent::event).toList());
            ZoneId zone = ZoneId.of(plan.participant().getTimeZone());
            LocalDate birth = plan.participant().getInfantBirthDate();
            // Before the onset she is on track.
            assertThat(SessionMath.count(sessions, plan.onset())).isGreaterThanOrEqualTo(8);
            for (Instant t = plan.onset().plus(SessionMath.DAY); t.isBefore(end); t = t.plus(Duration.ofMinutes(17))) {
                long age = ChronoUnit.DAYS.between(birth, LocalDate.ofInstant(t, zone));
                int minimum = age < 56 ? 8 : 6;
                assertThat(SessionMath.count(sessions, t)).as("%s at %s (age %d)", plan.participantId(), t, age)
                        .isLessThan(minimum)
                        .isGreaterThanOrEqualTo(3);
            }
        }
        assertThat(checked).isEqualTo(75);
    }

    @Test
    void recordsAreValidAndIdsUniqueExceptDeliberateDuplicates() {
        Simulator sim = new Simulator(SimulationSettings.of(11, 80, 0.3, ORIGIN).withFaultRate(0.05));
        Deserializer<FeedingEvent> decoder = new AvroSingleObjectSerde<>(FeedingEvent.class).deserializer();
        Map<String, TimedEvent> firstById = new HashMap<>();
        Map<TimedEvent.Kind, Integer> kinds = new HashMap<>();
        Set<FeedingType> types = new HashSet<>();
        Set<EventSource> sources = new HashSet<>();

        for (TimedEvent r : all(sim, sim.historyStart(), FOUR_DAYS_ON)) {
            kinds.merge(r.kind(), 1, Integer::sum);
            FeedingEvent e = r.event();
            switch (r.kind()) {
                case EVENT -> {
                    assertThat(e.getEventId()).isNotBlank();
                    assertThat(e.getParticipantId()).isEqualTo(r.key());
                    assertThat(e.getType()).isNotNull().isNotEqualTo(FeedingType.UNKNOWN);
                    assertThat(e.getStartTime()).isAfterOrEqualTo(sim.historyStart());
                    assertThat(e.getRecordedAt()).isAfterOrEqualTo(e.getStartTime()).isEqualTo(r.sendAt());
                    assertThat(Duration.between(e.getStartTime(), r.sendAt())).isLessThan(Duration.ofHours(2));
                    assertThat(e.getDurationMinutes()).isBetween(1, 30);
                    assertThat(e.getSource()).isIn(EventSource.APP, EventSource.DEVICE);
                    assertThat(e.getSourceId()).matches(e.getSource() == EventSource.APP ? "app-[0-9a-f]{6}" : "pump-[0-9a-f]{6}");
                    switch (e.getType()) {
                        case BREASTFEED -> assertThat(e.getVolumeMl()).isNull();
                        case PUMP, HAND_EXPRESSION, BOTTLE_BREASTMILK, FORMULA -> assertThat(e.getVolumeMl()).isBetween(5.0, 160.0);
                        default -> throw new AssertionError("unexpected type " + e.getType());
                    }
                    if (e.getType() == FeedingType.BOTTLE_BREASTMILK || e.getType() == FeedingType.FORMULA) {
                        assertThat(e.getSide()).isNull();
                    } else {
                        assertThat(e.getSide()).isNotNull();
                    }
                    assertThat(firstById.put(e.getEventId(), r)).as("eventId %s sent twice as EVENT", e.getEventId()).isNull();
                    types.add(e.getType());
                    sources.add(e.getSource());
                }
                case DUPLICATE -> {
                    TimedEvent original = firstById.get(e.getEventId());
                    assertThat(original).as("a duplicate follows its original").isNotNull();
                    assertThat(e).isEqualTo(original.event());
                    assertThat(r.sendAt()).isAfter(original.sendAt());
                }
                case DEAD_LETTER -> {
                    if (r.rawValue() != null) {
                        assertThatThrownBy(() -> decoder.deserialize("t", r.rawValue())).as("raw dead letters do not decode")
                                .isInstanceOf(RuntimeException.class);
                    } else {
                        assertThat(e.getDurationMinutes()).isNegative();
                        assertThat(firstById).doesNotContainKey(e.getEventId());
                    }
                }
            }
        }
        assertThat(kinds.get(TimedEvent.Kind.EVENT)).isGreaterThan(80 * 6 * 10);
        assertThat(kinds.get(TimedEvent.Kind.DUPLICATE)).isGreaterThan(10);
        assertThat(kinds.get(TimedEvent.Kind.DEAD_LETTER)).isGreaterThan(10);
        assertThat(types).containsExactlyInAnyOrder(FeedingType.BREASTFEED, FeedingType.PUMP, FeedingType.HAND_EXPRESSION,
                FeedingType.BOTTLE_BREASTMILK, FeedingType.FORMULA);
        assertThat(sources).containsExactlyInAnyOrder(EventSource.APP, EventSource.DEVICE);
    }

    @Test
    void deadLettersCoverUndecodableMissingFieldAndInvalidValue() {
        Simulator sim = new Simulator(SimulationSettings.of(2, 40, 0.3, ORIGIN).withFaultRate(0.2));
        List<TimedEvent> bad = all(sim, sim.historyStart(), FOUR_DAYS_ON).stream()
                .filter(r -> r.kind() == TimedEvent.Kind.DEAD_LETTER).toList();
        List<byte[]> raw = bad.stream().map(TimedEvent::rawValue).filter(Objects::nonNull).toList();
        assertThat(bad).anySatisfy(r -> assertThat(r.event()).isNotNull());
        assertThat(raw).anySatisfy(bytes -> assertThat(AvroSingleObjectSerde.isSingleObject(bytes)).isTrue());
        assertThat(raw).anySatisfy(bytes -> assertThat(new String(bytes, StandardCharsets.UTF_8))
                .startsWith("{").contains("\"eventId\"", "\"participantId\"").doesNotContain("startTime"));
    }

    @Test
    void faultsLeaveTheCleanRecordsUnchangedAndAreOffByDefault() {
        SimulationSettings clean = SimulationSettings.of(9, 40, 0.3, ORIGIN);
        List<TimedEvent> cleanRecords = all(new Simulator(clean), clean.origin().minus(Duration.ofDays(2)), FOUR_DAYS_ON);
        List<TimedEvent> faulty = all(new Simulator(clean.withFaultRate(0.1)), clean.origin().minus(Duration.ofDays(2)), FOUR_DAYS_ON);

        assertThat(cleanRecords).extracting(TimedEvent::kind).containsOnly(TimedEvent.Kind.EVENT);
        assertThat(faulty.stream().filter(r -> r.kind() == TimedEvent.Kind.EVENT).toList()).isEqualTo(cleanRecords);
        assertThat(faulty).hasSizeGreaterThan(cleanRecords.size());
    }

    @Test
    void sessionsLookLikeRealOnes() {
        Simulator sim = simulator(4, 100, 0);
        List<FeedingEvent> events = all(sim, ORIGIN, ORIGIN.plus(Duration.ofDays(2))).stream().map(TimedEvent::event).toList();
        Map<String, List<FeedingEvent>> byParticipant = events.stream().collect(Collectors.groupingBy(FeedingEvent::getParticipantId));
        long sessions = 0;
        long removals = events.stream().filter(e -> SessionMath.REMOVAL.contains(e.getType())).count();
        for (List<FeedingEvent> own : byParticipant.values()) {
            sessions += SessionMath.sessions(own).size();
        }
        // Several removal events in one session (left then right, feed then pump) are common, but most sessions are one event.
        assertThat((double) removals / sessions).isBetween(1.2, 1.6);
        // Between 9 and 12 sessions a day, 10.5 on average.
        assertThat(sessions / 100.0 / 2).isBetween(10.0, 11.0);
        assertThat(sim.meanEventsPerDay()).isBetween(13.0, 20.0);
    }

    @Test
    void settingsRejectNonsense() {
        assertThatThrownBy(() -> SimulationSettings.of(1, 0, 0.3, ORIGIN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SimulationSettings.of(1, 5, 1.01, ORIGIN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SimulationSettings.of(1, 5, Double.NaN, ORIGIN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SimulationSettings.of(1, 5, 0.3, ORIGIN).withFaultRate(-0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SimulationSettings.of(1, 5, 0.3, ORIGIN).withOnsetWithin(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Map<Profile, Long> profileCounts(Simulator sim) {
        return sim.plans().stream().collect(Collectors.groupingBy(ParticipantPlan::profile, Collectors.counting()));
    }

    private static Set<String> atRiskIds(Simulator sim) {
        return sim.plans().stream().filter(p -> p.profile() != Profile.ON_TRACK).map(ParticipantPlan::participantId)
                .collect(Collectors.toSet());
    }
}
