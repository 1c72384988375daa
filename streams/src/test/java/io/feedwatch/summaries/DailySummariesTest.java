package io.feedwatch.summaries;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedwatch.detect.Enrollment;
import io.feedwatch.schemas.DailyFeedingSummary;
import io.feedwatch.schemas.FeedingEvent;
import io.feedwatch.schemas.FeedingType;
import io.feedwatch.schemas.state.DayTotals;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Local-day totals and which summaries an accepted event changes, without a topology. */
class DailySummariesTest {
    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    private static final Enrollment WHO = new Enrollment("p-1", "c-1", LocalDate.parse("2026-02-25"), CHICAGO,
            Instant.parse("2026-03-01T06:00:00Z"), null);

    private final List<DayTotals> days = new ArrayList<>();

    private LocalDate add(FeedingType type, String start, Double ml) {
        return DailySummaries.add(days, FeedingEvent.newBuilder().setEventId("e").setParticipantId("p-1").setType(type)
                .setStartTime(Instant.parse(start)).setVolumeMl(ml).build(), CHICAGO);
    }

    private static long[] millis(String... instants) {
        long[] out = new long[instants.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Instant.parse(instants[i]).toEpochMilli();
        }
        return out;
    }

    @Test
    void eventsCountOnTheirLocalDateWithVolumesByKind() {
        // 05:30 UTC is still the evening before in Chicago
        assertThat(add(FeedingType.PUMP, "2026-03-02T05:30:00Z", 80.0)).isEqualTo(LocalDate.parse("2026-03-01"));
        add(FeedingType.HAND_EXPRESSION, "2026-03-01T20:00:00Z", 20.5);
        add(FeedingType.FORMULA, "2026-03-01T21:00:00Z", 60.0);
        add(FeedingType.BOTTLE_BREASTMILK, "2026-03-02T07:00:00Z", 90.0);

        assertThat(days).extracting(DayTotals::getDate).containsExactly(LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-02"));
        assertThat(DailySummaries.counts(days.get(0))).containsExactly(
                org.assertj.core.api.Assertions.entry("BREASTFEED", 0), org.assertj.core.api.Assertions.entry("PUMP", 1),
                org.assertj.core.api.Assertions.entry("HAND_EXPRESSION", 1), org.assertj.core.api.Assertions.entry("BOTTLE_BREASTMILK", 0),
                org.assertj.core.api.Assertions.entry("FORMULA", 1));
        assertThat(days.get(0).getExpressedMl()).isEqualTo(100.5);
        assertThat(days.get(0).getFormulaMl()).isEqualTo(60.0);
        assertThat(days.get(1).getBottleBreastmilkMl()).isEqualTo(90.0);
    }

    @Test
    void theEventsDayIsAlwaysEmittedLaterDaysOnlyWhenTheirSessionsChanged() {
        LocalDate day1 = add(FeedingType.BREASTFEED, "2026-03-01T12:00:00Z", null);
        List<DailyFeedingSummary> first = DailySummaries.changed(WHO, days, millis("2026-03-01T12:00:00Z"), day1);
        assertThat(first).singleElement().satisfies(s -> {
            assertThat(s.getRemovalSessions()).isEqualTo(1);
            assertThat(s.getLongestGapMinutes()).isNull();
        });

        LocalDate day2 = add(FeedingType.BREASTFEED, "2026-03-02T12:00:00Z", null);
        assertThat(DailySummaries.changed(WHO, days, millis("2026-03-01T12:00:00Z", "2026-03-02T12:00:00Z"), day2))
                .extracting(DailyFeedingSummary::getDate).containsExactly(day2);

        // a late formula on day 1 changes no sessions: only day 1's summary
        add(FeedingType.FORMULA, "2026-03-01T13:00:00Z", 30.0);
        assertThat(DailySummaries.changed(WHO, days, millis("2026-03-01T12:00:00Z", "2026-03-02T12:00:00Z"), day1))
                .extracting(DailyFeedingSummary::getDate).containsExactly(day1);

        // a late feed on day 1 that (say) moved a session into day 2 changes day 2's figures too
        List<DailyFeedingSummary> both = DailySummaries.changed(WHO, days,
                millis("2026-03-01T12:00:00Z", "2026-03-01T15:30:00Z", "2026-03-02T12:00:00Z", "2026-03-02T14:00:00Z"), day1);
        assertThat(both).extracting(DailyFeedingSummary::getDate).containsExactly(day1, day2);
        assertThat(both.get(0).getLongestGapMinutes()).isEqualTo(210);
        assertThat(both.get(1).getRemovalSessions()).isEqualTo(2);
    }

    @Test
    void forgetsDaysBeforeTheFrozenPointsDayButOne() {
        add(FeedingType.BREASTFEED, "2026-03-01T12:00:00Z", null);
        add(FeedingType.BREASTFEED, "2026-03-02T12:00:00Z", null);
        add(FeedingType.BREASTFEED, "2026-03-03T12:00:00Z", null);

        DailySummaries.forgetBefore(days, LocalDate.parse("2026-03-02"));

        assertThat(days).extracting(DayTotals::getDate).containsExactly(LocalDate.parse("2026-03-02"), LocalDate.parse("2026-03-03"));
    }
}
