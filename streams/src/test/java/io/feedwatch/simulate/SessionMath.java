package io.feedwatch.simulate;

import io.feedwatch.schemas.FeedingEvent;
import io.feedwatch.schemas.FeedingType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The detection rules the simulated profiles are meant to satisfy or break, written out plainly for the tests. */
final class SessionMath {
    static final Set<FeedingType> REMOVAL = EnumSet.of(FeedingType.BREASTFEED, FeedingType.PUMP, FeedingType.HAND_EXPRESSION);
    static final Duration MERGE = Duration.ofMinutes(30);
    static final Duration DAY = Duration.ofHours(24);

    private SessionMath() {
    }

    /** Session times: removal events sorted by start, grouped greedily while they start less than 30 min after the session's start. */
    static List<Instant> sessions(Collection<FeedingEvent> events) {
        List<Instant> starts = events.stream()
                .filter(e -> REMOVAL.contains(e.getType()))
                .map(FeedingEvent::getStartTime)
                .sorted(Comparator.naturalOrder())
                .toList();
        List<Instant> sessions = new ArrayList<>();
        Instant current = null;
        for (Instant s : starts) {
            if (current == null || !s.isBefore(current.plus(MERGE))) {
                current = s;
                sessions.add(s);
            }
        }
        return sessions;
    }

    /** C(T): sessions whose time s satisfies T - 24 h < s <= T. */
    static int count(List<Instant> sessions, Instant t) {
        Instant from = t.minus(DAY);
        return (int) sessions.stream().filter(s -> s.isAfter(from) && !s.isAfter(t)).count();
    }

    /** The last session at or before T, or null. */
    static Instant lastAtOrBefore(List<Instant> sessions, Instant t) {
        Instant last = null;
        for (Instant s : sessions) {
            if (!s.isAfter(t)) {
                last = s;
            }
        }
        return last;
    }
}
