package io.feedwatch.simulate;

import io.feedwatch.schemas.EventSource;
import io.feedwatch.schemas.FeedingEvent;
import io.feedwatch.schemas.FeedingType;
import io.feedwatch.schemas.Participant;
import io.feedwatch.schemas.Side;
import io.feedwatch.schemas.serde.AvroSingleObjectSerde;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.RandomAccess;
import java.util.SplittableRandom;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Simulated WIC participants and the feeding events their apps and breast pumps send. Pure and deterministic: everything
 * is derived from the settings (seed included) by hashing, so any participant, and any time range of events, can be
 * computed on its own and always comes out the same.
 *
 * <p>Each participant has a grid of equal slots ({@code 24 h / sessionsPerDay} long, 9 to 12 a day, with a random phase); a
 * removal session starts in every slot, within {@code j = min(30 min, (195 min - slot) / 2)} of its middle. So consecutive
 * sessions start 60 to 195 minutes apart (never in one 30-minute session, never a 4 h gap), and as the first record of a
 * session is sent at most 40 minutes after it starts, any 24 h window holds at least
 * {@code floor((24 h - 2j - 40 min) / slot) >= 8} sessions that have already arrived: an on-track participant never looks at
 * risk, not even to a live detection. A DECLINING participant keeps an evenly spread subset of her slots after her onset
 * (at most {@code sessionsPerDayAfterOnset + 1} sessions in any window); a QUIET one sends nothing from her onset on.
 *
 * <p>Memory stays bounded for large populations: participants are computed on demand, and {@link #events} merges the
 * participants' sessions lazily through a primitive heap with one entry per participant, holding only the records already
 * generated but not yet due.
 */
public final class Simulator {
    /** Monitoring starts this long before the origin, so that detection has history when the simulated clock starts. */
    public static final Duration HISTORY = Duration.ofDays(2);

    /** No record is sent later than this after the start of the session it belongs to. */
    static final Duration MAX_SEND_LAG = Duration.ofHours(3);

    private static final long SECOND_MS = 1000L;
    private static final long MINUTE_MS = 60_000L;
    private static final long DAY_MS = 86_400_000L;
    /** Slot length plus twice the jitter never exceeds this, which bounds the gap between consecutive sessions. */
    private static final long MAX_SESSION_GAP_MS = 195 * MINUTE_MS;
    private static final long MAX_JITTER_MS = 30 * MINUTE_MS;
    /** Infants this old at the origin get the steepest decline, so that the 6-a-day minimum from 56 days is missed too. */
    private static final int STEEP_DECLINE_FROM_AGE_DAYS = 40;
    /** Sessions of a slot hold fewer records than this; ids beyond it are for duplicates and bad records. */
    private static final int RECORDS_PER_SLOT = 16;

    private static final String[] ZONES = {
        "America/New_York", "America/Chicago", "America/Los_Angeles", "America/Denver",
        "America/Phoenix", "America/Puerto_Rico", "America/Anchorage", "Pacific/Honolulu"
    };
    private static final double[] ZONE_WEIGHTS = {0.30, 0.28, 0.22, 0.07, 0.04, 0.05, 0.02, 0.02};
    private static final ZoneId[] ZONE_IDS = Arrays.stream(ZONES).map(ZoneId::of).toArray(ZoneId[]::new);
    private static final Side[] ONE_SIDE = {Side.LEFT, Side.RIGHT};

    // Salts keep the hash streams of different purposes apart.
    private static final long SALT_PARTICIPANT = 0x5041525449434950L;
    private static final long SALT_SLOT = 0x534c4f54534c4f54L;
    private static final long SALT_ID_HI = 0x4556454e54494448L;
    private static final long SALT_ID_LO = 0x4556454e5449444cL;
    private static final long SALT_ROTATION = 0x524f544154494f4eL;

    private final SimulationSettings settings;
    private final long seed;
    private final long originMs;
    private final long historyStartMs;
    private final int atRiskCount;
    private final long rotation;
    private final int idWidth;
    private final Serializer<FeedingEvent> serializer = new AvroSingleObjectSerde<>(FeedingEvent.class).serializer();

    public Simulator(SimulationSettings settings) {
        this.settings = settings;
        this.seed = settings.seed();
        this.originMs = settings.origin().toEpochMilli();
        this.historyStartMs = originMs - HISTORY.toMillis();
        this.atRiskCount = (int) Math.round(settings.participants() * settings.atRiskShare());
        this.rotation = Math.floorMod(mix64(seed ^ SALT_ROTATION), (long) settings.participants());
        this.idWidth = Math.max(4, Integer.toString(settings.participants()).length());
    }

    public SimulationSettings settings() {
        return settings;
    }

    public Instant origin() {
        return settings.origin();
    }

    /** Where the participants' data begins, {@link #HISTORY} before the origin (monitoring starts at the origin). */
    public Instant historyStart() {
        return Instant.ofEpochMilli(historyStartMs);
    }

    public int size() {
        return settings.participants();
    }

    /** The enrollments, in participant order; a view computed on access, so it costs no memory whatever the size. */
    public List<Participant> participants() {
        return new LazyList<>(size(), i -> plan(i).participant());
    }

    /** The plans, in participant order; a view computed on access. */
    public List<ParticipantPlan> plans() {
        return new LazyList<>(size(), this::plan);
    }

    /** Participant {@code index} (0-based; her id is {@code p-<index + 1>} zero-padded to at least 4 digits). */
    public ParticipantPlan plan(int index) {
        Traits t = traits(index);
        LocalDate birth = LocalDate.ofInstant(settings.origin(), t.zone).minusDays(t.ageAtOriginDays);
        // Monitoring starts at the origin: the history before it still forms sessions (it fills the first 24 h window),
        // but a backlog arriving after the enrollment cannot raise, then withdraw, alerts about the past.
        Participant p = new Participant(t.id, t.clinicId, birth, t.zone.getId(), Instant.ofEpochMilli(originMs), null);
        int after = switch (t.profile) {
            case ON_TRACK -> t.sessionsPerDay;
            case DECLINING -> t.sessionsPerDayAfterOnset;
            case QUIET -> 0;
        };
        Instant onset = t.profile == Profile.ON_TRACK ? null : Instant.ofEpochMilli(t.onsetMs);
        return new ParticipantPlan(p, t.profile, onset, t.sessionsPerDay, after);
    }

    /**
     * Every record sent in [from, to), ordered by send time (ties by participant, then by the record's position in its
     * session). Lazy; holds one heap entry per participant and the records generated but not yet due.
     */
    public Iterator<TimedEvent> events(Instant from, Instant to) {
        return new Merge(ceilMillis(from), ceilMillis(to));
    }

    /** {@link #events} as an ordered sequential stream. */
    public Stream<TimedEvent> stream(Instant from, Instant to) {
        Spliterator<TimedEvent> s = Spliterators.spliteratorUnknownSize(events(from, to),
                Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.IMMUTABLE);
        return StreamSupport.stream(s, false);
    }

    /** The records of participant {@code index} sent in [from, to), in the same order as {@link #events}. */
    public List<TimedEvent> eventsOf(int index, Instant from, Instant to) {
        long fromMs = ceilMillis(from);
        long toMs = ceilMillis(to);
        Traits t = traits(index);
        List<Pending> out = new ArrayList<>();
        for (long n = t.nextSlot(firstSlot(t, fromMs)); n >= 0 && t.sessionStart(n) < toMs; n = t.nextSlot(n + 1)) {
            generate(t, n, fromMs, toMs, out);
        }
        out.sort(Pending.ORDER);
        return out.stream().map(Pending::event).toList();
    }

    /**
     * Average records per participant per simulated day, estimated from the first participants' first day after the
     * origin; lets a caller turn a target event rate into a clock speed.
     */
    public double meanEventsPerDay() {
        int sample = Math.min(size(), 200);
        Instant from = settings.origin();
        Instant to = from.plus(Duration.ofDays(1));
        long total = 0;
        for (int i = 0; i < sample; i++) {
            total += eventsOf(i, from, to).size();
        }
        return (double) total / sample;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Participants

    /** Everything about participant {@code index} that her sessions depend on; recomputed on demand, never stored per participant. */
    private final class Traits {
        final int index;
        final String id;
        final String clinicId;
        final ZoneId zone;
        final int ageAtOriginDays;
        final int sessionsPerDay;
        final int sessionsPerDayAfterOnset;
        final long slotMs;
        final long jitterMs;
        final long anchorMs;
        final boolean exclusivePumper;
        final String appId;
        final String pumpId;
        final Profile profile;
        final long onsetMs;

        Traits(int index) {
            this.index = index;
            SplittableRandom r = new SplittableRandom(hash(SALT_PARTICIPANT, index, 0));
            String n = Integer.toString(index + 1);
            this.id = "p-" + "0".repeat(Math.max(0, idWidth - n.length())) + n;
            this.clinicId = "c-" + (1 + r.nextInt(4));
            this.zone = ZONE_IDS[weighted(r.nextDouble(), ZONE_WEIGHTS)];
            this.ageAtOriginDays = 3 + r.nextInt(58);
            this.sessionsPerDay = 9 + r.nextInt(4);
            int steepest = ageAtOriginDays >= STEEP_DECLINE_FROM_AGE_DAYS ? 4 : 6;
            this.sessionsPerDayAfterOnset = 4 + r.nextInt(steepest - 3);
            this.slotMs = DAY_MS / sessionsPerDay;
            this.jitterMs = Math.min(MAX_JITTER_MS, (MAX_SESSION_GAP_MS - slotMs) / 2);
            this.anchorMs = historyStartMs - r.nextLong(slotMs);
            this.exclusivePumper = r.nextDouble() < 0.12;
            boolean hasPump = r.nextDouble() < 0.35 || exclusivePumper;
            this.appId = "app-" + hex6(r.nextInt(1 << 24));
            this.pumpId = hasPump ? "pump-" + hex6(r.nextInt(1 << 24)) : null;
            this.onsetMs = truncateToSecond(originMs + r.nextLong(Math.max(1, settings.onsetWithin().toMillis())));
            this.profile = profileOf(index);
        }

        /** Start of slot {@code n}'s session: the slot's middle, jittered, to the second. */
        long sessionStart(long n) {
            return sessionStart(n, new SplittableRandom(hash(SALT_SLOT, index, n)).nextDouble());
        }

        long sessionStart(long n, double u) {
            return truncateToSecond(anchorMs + n * slotMs + slotMs / 2 + (long) ((2 * u - 1) * jitterMs));
        }

        /** The first slot at or after {@code n} that has a session, or -1 when there is none (a QUIET participant's onset). */
        long nextSlot(long n) {
            for (long s = n; ; s++) {
                long start = sessionStart(s);
                if (start < historyStartMs) {
                    continue;
                }
                if (start >= onsetMs) {
                    if (profile == Profile.QUIET) {
                        return -1;
                    }
                    if (profile == Profile.DECLINING && !keptAfterOnset(s)) {
                        continue;
                    }
                }
                return s;
            }
        }

        /** Spreads the kept slots evenly: exactly sessionsPerDayAfterOnset of every sessionsPerDay consecutive slots. */
        private boolean keptAfterOnset(long n) {
            return Math.floorDiv((n + 1) * sessionsPerDayAfterOnset, sessionsPerDay)
                    > Math.floorDiv(n * sessionsPerDayAfterOnset, sessionsPerDay);
        }
    }

    private Traits traits(int index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException("participant index " + index + " outside [0, " + size() + ")");
        }
        return new Traits(index);
    }

    /**
     * Exactly round(N × share) participants are at risk, spread evenly over the ids (from a seed-dependent rotation), and
     * alternately QUIET and DECLINING, so that even a handful of participants shows both.
     */
    private Profile profileOf(int index) {
        long n = size();
        long j = (index + rotation) % n;
        long before = j * atRiskCount / n;
        long upTo = (j + 1) * atRiskCount / n;
        if (upTo == before) {
            return Profile.ON_TRACK;
        }
        return (upTo - 1) % 2 == 0 ? Profile.QUIET : Profile.DECLINING;
    }

    /** A slot early enough that no slot before it has a record sent at or after {@code fromMs}. */
    private long firstSlot(Traits t, long fromMs) {
        return Math.max(0, Math.floorDiv(fromMs - MAX_SEND_LAG.toMillis() - t.anchorMs, t.slotMs) - 1);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Sessions

    /** Adds slot {@code n}'s records sent in [fromMs, toMs) (and, for a QUIET participant, before her onset) to {@code out}. */
    private void generate(Traits t, long n, long fromMs, long toMs, List<Pending> out) {
        SplittableRandom r = new SplittableRandom(hash(SALT_SLOT, t.index, n));
        long start = t.sessionStart(n, r.nextDouble());
        long sendLimit = Math.min(toMs, t.profile == Profile.QUIET ? t.onsetMs : Long.MAX_VALUE);
        SlotWriter w = new SlotWriter(t, n, fromMs, sendLimit, out);
        EventSource pumpSource = t.pumpId != null ? EventSource.DEVICE : EventSource.APP;
        String pumpSourceId = t.pumpId != null ? t.pumpId : t.appId;
        long end;
        if (t.exclusivePumper) {
            end = w.add(r, FeedingType.PUMP, start, 15 + r.nextInt(11), pumpSide(r), ml(r, 60, 160), pumpSource, pumpSourceId);
            if (r.nextDouble() < 0.6) {
                w.add(r, FeedingType.BOTTLE_BREASTMILK, end + minutes(5 + r.nextInt(16)), 10 + r.nextInt(11), null,
                        ml(r, 60, 120), EventSource.APP, t.appId);
            }
        } else {
            double x = r.nextDouble();
            if (x < 0.50) {
                Side side = r.nextDouble() < 0.1 ? Side.BOTH : ONE_SIDE[r.nextInt(2)];
                end = w.add(r, FeedingType.BREASTFEED, start, 10 + r.nextInt(21), side, null, EventSource.APP, t.appId);
            } else if (x < 0.78) {
                // Left then right (or the reverse): the second side starts well within the 30-minute session.
                int first = r.nextInt(2);
                long mid = w.add(r, FeedingType.BREASTFEED, start, 8 + r.nextInt(11), ONE_SIDE[first], null, EventSource.APP, t.appId);
                end = w.add(r, FeedingType.BREASTFEED, mid + minutes(r.nextInt(4)), 5 + r.nextInt(11), ONE_SIDE[1 - first], null,
                        EventSource.APP, t.appId);
            } else if (x < 0.92) {
                // A feed followed by pumping for storage, one session.
                long mid = w.add(r, FeedingType.BREASTFEED, start, 10 + r.nextInt(11), ONE_SIDE[r.nextInt(2)], null,
                        EventSource.APP, t.appId);
                end = w.add(r, FeedingType.PUMP, mid + minutes(r.nextInt(6)), 10 + r.nextInt(11), Side.BOTH, ml(r, 20, 90),
                        pumpSource, pumpSourceId);
            } else if (x < 0.97) {
                end = w.add(r, FeedingType.PUMP, start, 15 + r.nextInt(11), pumpSide(r), ml(r, 50, 150), pumpSource, pumpSourceId);
                if (r.nextDouble() < 0.5) {
                    w.add(r, FeedingType.BOTTLE_BREASTMILK, end + minutes(5 + r.nextInt(16)), 10 + r.nextInt(11), null,
                            ml(r, 60, 120), EventSource.APP, t.appId);
                }
            } else {
                end = w.add(r, FeedingType.HAND_EXPRESSION, start, 5 + r.nextInt(11), ONE_SIDE[r.nextInt(2)], ml(r, 5, 30),
                        EventSource.APP, t.appId);
            }
            if (r.nextDouble() < 0.06) {
                w.add(r, FeedingType.FORMULA, end + minutes(r.nextInt(11)), 5 + r.nextInt(11), null, ml(r, 30, 90),
                        EventSource.APP, t.appId);
            }
        }
        // Faults are drawn last, so that turning them on leaves every other record as it was.
        double faults = settings.faultRate();
        if (faults > 0) {
            if (r.nextDouble() < faults) {
                w.duplicate(r);
            }
            if (r.nextDouble() < faults) {
                w.deadLetter(r, start);
            }
        }
    }

    /** Collects one slot's records. */
    private final class SlotWriter {
        private final Traits t;
        private final long slot;
        private final long fromMs;
        private final long sendLimitMs;
        private final List<Pending> out;
        private final List<FeedingEvent> written = new ArrayList<>(4);
        private final List<Long> sentAt = new ArrayList<>(4);

        SlotWriter(Traits t, long slot, long fromMs, long sendLimitMs, List<Pending> out) {
            this.t = t;
            this.slot = slot;
            this.fromMs = fromMs;
            this.sendLimitMs = sendLimitMs;
            this.out = out;
        }

        /** Records one event and returns when it ended; it is sent when recorded, a little after it ended. */
        long add(SplittableRandom r, FeedingType type, long startMs, int durationMinutes, Side side, Double volumeMl,
                EventSource source, String sourceId) {
            long endMs = startMs + minutes(durationMinutes);
            // Apps upload within seconds to minutes; pumps sync over Bluetooth through the phone, which takes longer.
            long delayMs = source == EventSource.DEVICE ? 30 * SECOND_MS + r.nextInt(571) * SECOND_MS : 5 * SECOND_MS + r.nextInt(176) * SECOND_MS;
            long recordedMs = endMs + delayMs;
            int j = written.size();
            FeedingEvent e = new FeedingEvent(eventId(t.index, slot, j), t.id, type, Instant.ofEpochMilli(startMs),
                    durationMinutes, side, volumeMl, source, sourceId, Instant.ofEpochMilli(recordedMs));
            written.add(e);
            sentAt.add(recordedMs);
            offer(recordedMs, j, TimedEvent.Kind.EVENT, e, null);
            return endMs;
        }

        /** An app that did not see the acknowledgement uploads the same event again a little later. */
        void duplicate(SplittableRandom r) {
            int j = r.nextInt(written.size());
            long sendMs = sentAt.get(j) + minutes(1 + r.nextInt(30));
            offer(sendMs, RECORDS_PER_SLOT - 2, TimedEvent.Kind.DUPLICATE, written.get(j), null);
        }

        /** A record the pipeline must reject: undecodable bytes, a required field missing, or a negative duration. */
        void deadLetter(SplittableRandom r, long sessionStartMs) {
            int j = RECORDS_PER_SLOT - 1;
            long sendMs = truncateToSecond(sessionStartMs + minutes(1 + r.nextInt(20)));
            String eventId = eventId(t.index, slot, j);
            // Starts with the session, so that even a pipeline that wrongly accepted it would not add a session.
            FeedingEvent invalid = new FeedingEvent(eventId, t.id, FeedingType.BREASTFEED, Instant.ofEpochMilli(sessionStartMs),
                    -(1 + r.nextInt(15)), ONE_SIDE[r.nextInt(2)], null, EventSource.APP, t.appId, Instant.ofEpochMilli(sendMs));
            switch (r.nextInt(3)) {
                case 0 -> {
                    byte[] whole = serializer.serialize(null, invalid);
                    offer(sendMs, j, TimedEvent.Kind.DEAD_LETTER, null, Arrays.copyOf(whole, whole.length / 2));
                }
                case 1 -> {
                    String json = "{\"eventId\":\"" + eventId + "\",\"participantId\":\"" + t.id
                            + "\",\"type\":\"BREASTFEED\",\"durationMinutes\":15,\"side\":\"LEFT\",\"source\":\"APP\",\"sourceId\":\""
                            + t.appId + "\",\"recordedAt\":\"" + Instant.ofEpochMilli(sendMs) + "\"}";
                    offer(sendMs, j, TimedEvent.Kind.DEAD_LETTER, null, json.getBytes(StandardCharsets.UTF_8));
                }
                default -> offer(sendMs, j, TimedEvent.Kind.DEAD_LETTER, invalid, null);
            }
        }

        private void offer(long sendMs, int j, TimedEvent.Kind kind, FeedingEvent event, byte[] raw) {
            if (sendMs >= fromMs && sendMs < sendLimitMs) {
                TimedEvent te = new TimedEvent(Instant.ofEpochMilli(sendMs), t.id, kind, event, raw);
                out.add(new Pending(sendMs, t.index, slot * RECORDS_PER_SLOT + j, te));
            }
        }
    }

    /** A generated record waiting for its turn; ordered by send time, participant, then position. */
    private record Pending(long sendMs, int participant, long position, TimedEvent event) {
        static final Comparator<Pending> ORDER = Comparator.comparingLong(Pending::sendMs)
                .thenComparingInt(Pending::participant)
                .thenComparingLong(Pending::position);
    }

    /**
     * The lazy merge behind {@link #events}. Every record is sent strictly after its session starts, so once all sessions
     * starting before the end of second X have been generated, every record sent during second X is known. Records wait in
     * a ring of one-second buckets spanning {@link #MAX_SEND_LAG}: filing a record and sorting the few records of one second
     * is far cheaper than a priority queue over the hundreds of thousands pending with a large population.
     */
    private final class Merge implements Iterator<TimedEvent> {
        private final long fromMs;
        private final long toMs;
        private final SessionHeap sessions;
        private final long[] slotOf;
        private final List<List<Pending>> ring;
        private final List<Pending> generated = new ArrayList<>(8);
        /** The second whose bucket is being emitted. */
        private long second;
        private List<Pending> current = List.of();
        private int currentIndex;
        private long waiting;

        Merge(long fromMs, long toMs) {
            this.fromMs = fromMs;
            this.toMs = toMs;
            // Sessions as early as the first slot firstSlot() may pick: one lag and two slots before fromMs.
            this.sessions = new SessionHeap(size(), Math.floorDiv(fromMs - MAX_SEND_LAG.toMillis() - 2 * DAY_MS, SECOND_MS) * SECOND_MS);
            this.slotOf = new long[size()];
            int buckets = (int) MAX_SEND_LAG.toSeconds() + 2;
            this.ring = new ArrayList<>(buckets);
            for (int b = 0; b < buckets; b++) {
                ring.add(null);
            }
            this.second = Math.floorDiv(fromMs, SECOND_MS);
            for (int i = 0; i < size(); i++) {
                Traits t = traits(i);
                enqueue(t, t.nextSlot(firstSlot(t, fromMs)));
            }
        }

        private void enqueue(Traits t, long slot) {
            if (slot >= 0) {
                long start = t.sessionStart(slot);
                if (start < toMs) {
                    slotOf[t.index] = slot;
                    sessions.push(start, t.index);
                }
            }
        }

        /** Generates every session that starts before {@code limitMs}, filing its records by second. */
        private void generateBefore(long limitMs) {
            while (!sessions.isEmpty() && sessions.minKey() < limitMs) {
                int i = sessions.minId();
                sessions.pop();
                Traits t = traits(i);
                long slot = slotOf[i];
                generate(t, slot, fromMs, toMs, generated);
                for (Pending p : generated) {
                    int b = bucket(Math.floorDiv(p.sendMs(), SECOND_MS));
                    List<Pending> list = ring.get(b);
                    if (list == null) {
                        list = new ArrayList<>();
                        ring.set(b, list);
                    }
                    list.add(p);
                }
                waiting += generated.size();
                generated.clear();
                enqueue(t, t.nextSlot(slot + 1));
            }
        }

        private int bucket(long sec) {
            return (int) Math.floorMod(sec, (long) ring.size());
        }

        @Override
        public boolean hasNext() {
            while (currentIndex >= current.size()) {
                if (waiting == 0) {
                    if (sessions.isEmpty()) {
                        return false;
                    }
                    // Nothing pending: skip straight to the next session instead of walking empty seconds.
                    second = Math.max(second, Math.floorDiv(sessions.minKey(), SECOND_MS));
                }
                generateBefore((second + 1) * SECOND_MS);
                List<Pending> list = ring.get(bucket(second));
                if (list != null && !list.isEmpty()) {
                    list.sort(Pending.ORDER);
                    ring.set(bucket(second), null);
                    waiting -= list.size();
                    current = list;
                    currentIndex = 0;
                }
                second++;
            }
            return true;
        }

        @Override
        public TimedEvent next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return current.get(currentIndex++).event();
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Helpers

    private static final class LazyList<T> extends AbstractList<T> implements RandomAccess {
        private final int size;
        private final IntFunction<T> element;

        LazyList(int size, IntFunction<T> element) {
            this.size = size;
            this.element = element;
        }

        @Override
        public T get(int index) {
            return element.apply(index);
        }

        @Override
        public int size() {
            return size;
        }
    }

    private String eventId(int participant, long slot, int j) {
        long position = slot * RECORDS_PER_SLOT + j;
        long hi = hash(SALT_ID_HI, participant, position);
        long lo = hash(SALT_ID_LO, participant, position);
        // Version 4 and IETF variant bits, so that the ids look like the random UUIDs real apps send.
        return new UUID((hi & ~0xF000L) | 0x4000L, (lo & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L).toString();
    }

    private long hash(long salt, long a, long b) {
        return mix64(mix64(mix64(seed ^ salt) + a) ^ b);
    }

    /** SplitMix64's finalizer: a cheap bijection that spreads neighbouring inputs over all 64 bits. */
    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private static int weighted(double u, double[] weights) {
        double acc = 0;
        for (int i = 0; i < weights.length; i++) {
            acc += weights[i];
            if (u < acc) {
                return i;
            }
        }
        return weights.length - 1;
    }

    private static Side pumpSide(SplittableRandom r) {
        return r.nextDouble() < 0.85 ? Side.BOTH : ONE_SIDE[r.nextInt(2)];
    }

    /** A volume as people log it: whole millilitres. */
    private static Double ml(SplittableRandom r, int min, int max) {
        return (double) (min + r.nextInt(max - min + 1));
    }

    private static long minutes(int m) {
        return m * MINUTE_MS;
    }

    /** Send times are whole milliseconds, so [from, to) selects the same records as [ceil(from), ceil(to)) in millis. */
    private static long ceilMillis(Instant t) {
        long ms = t.toEpochMilli();
        return t.getNano() % 1_000_000 == 0 ? ms : ms + 1;
    }

    private static long truncateToSecond(long ms) {
        return Math.floorDiv(ms, SECOND_MS) * SECOND_MS;
    }

    private static String hex6(int v) {
        char[] c = new char[6];
        for (int i = 5; i >= 0; i--, v >>>= 4) {
            c[i] = Character.forDigit(v & 0xF, 16);
        }
        return new String(c);
    }
}
