package io.feedwatch.summaries;

import io.feedwatch.detect.Enrollment;
import io.feedwatch.schemas.DailyFeedingSummary;
import io.feedwatch.schemas.FeedingEvent;
import io.feedwatch.schemas.FeedingType;
import io.feedwatch.schemas.state.DayTotals;
import io.feedwatch.schemas.state.ReportedSessions;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Daily summaries per participant and local calendar date in her time zone (a DST day has 23 or 25 hours): removal
 * sessions whose session time falls on the date, accepted events of each type, volumes, and the longest gap between
 * consecutive sessions started that day. The totals live in the participant's state ({@link DayTotals}, one per day from
 * the day before the frozen point's date on); a summary is emitted for the day of each accepted event, and for any later
 * day whose session figures that event changed.
 */
public final class DailySummaries {
    /** Summary types in output order (FeedingType without the UNKNOWN placeholder). */
    static final FeedingType[] TYPES = {FeedingType.BREASTFEED, FeedingType.PUMP, FeedingType.HAND_EXPRESSION,
            FeedingType.BOTTLE_BREASTMILK, FeedingType.FORMULA};

    private DailySummaries() {
    }

    /** Adds an accepted event to the totals of its local date; returns that date. */
    public static LocalDate add(List<DayTotals> days, FeedingEvent e, ZoneId zone) {
        LocalDate date = LocalDate.ofInstant(e.getStartTime(), zone);
        DayTotals day = day(days, date);
        double v = e.getVolumeMl() == null ? 0 : e.getVolumeMl();
        switch (e.getType()) {
            case BREASTFEED -> day.setBreastfeed(day.getBreastfeed() + 1);
            case PUMP -> {
                day.setPump(day.getPump() + 1);
                day.setExpressedMl(day.getExpressedMl() + v);
            }
            case HAND_EXPRESSION -> {
                day.setHandExpression(day.getHandExpression() + 1);
                day.setExpressedMl(day.getExpressedMl() + v);
            }
            case BOTTLE_BREASTMILK -> {
                day.setBottleBreastmilk(day.getBottleBreastmilk() + 1);
                day.setBottleBreastmilkMl(day.getBottleBreastmilkMl() + v);
            }
            case FORMULA -> {
                day.setFormula(day.getFormula() + 1);
                day.setFormulaMl(day.getFormulaMl() + v);
            }
            default -> throw new IllegalArgumentException("not a feeding type: " + e.getType());
        }
        return date;
    }

    /**
     * The summaries to emit after an event of {@code eventDay} was accepted: that day's, and every later day's whose
     * session figures changed (a session can move to another day when a late event regroups sessions). Marks them
     * reported.
     *
     * @param sessionMillis all session times, ascending
     */
    public static List<DailyFeedingSummary> changed(Enrollment who, List<DayTotals> days, long[] sessionMillis, LocalDate eventDay) {
        ZoneId zone = who.zone();
        // sessions per local day from eventDay on, walking day boundaries instead of converting every session's date
        Map<LocalDate, ReportedSessions> perDay = new HashMap<>();
        LocalDate walkDay = eventDay;
        long dayStart = walkDay.atStartOfDay(zone).toInstant().toEpochMilli();
        long dayEnd = walkDay.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
        long previous = 0;
        boolean any = false;
        for (long s : sessionMillis) {
            if (s < dayStart) {
                continue;
            }
            while (s >= dayEnd) {
                walkDay = walkDay.plusDays(1);
                dayEnd = walkDay.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
                any = false;
            }
            ReportedSessions stats = perDay.computeIfAbsent(walkDay, d -> new ReportedSessions(0, null));
            stats.setRemovalSessions(stats.getRemovalSessions() + 1);
            if (any) {
                int gap = (int) Duration.ofMillis(s - previous).toMinutes();
                stats.setLongestGapMinutes(stats.getLongestGapMinutes() == null ? gap : Math.max(stats.getLongestGapMinutes(), gap));
            }
            previous = s;
            any = true;
        }
        List<DailyFeedingSummary> out = new ArrayList<>();
        for (DayTotals day : days) {
            if (day.getDate().isBefore(eventDay)) {
                continue;
            }
            ReportedSessions stats = perDay.getOrDefault(day.getDate(), new ReportedSessions(0, null));
            if (!day.getDate().equals(eventDay) && stats.equals(day.getReported())) {
                continue;
            }
            day.setReported(stats);
            out.add(summary(who, day, stats));
        }
        return out;
    }

    /** Days before {@code keepFrom} are no longer summarised (no event can be accepted for them): forgotten. */
    public static void forgetBefore(List<DayTotals> days, LocalDate keepFrom) {
        // days are in date order; by index, because the lists of a decoded Avro record have no removing iterator
        while (!days.isEmpty() && days.get(0).getDate().isBefore(keepFrom)) {
            days.remove(0);
        }
    }

    /** The totals of {@code date} in {@code days}, or null. */
    public static DayTotals find(List<DayTotals> days, LocalDate date) {
        for (DayTotals d : days) {
            if (d.getDate().equals(date)) {
                return d;
            }
        }
        return null;
    }

    /** Accepted events per type (all five, in output order), as the summary and the dashboard show them. */
    public static Map<String, Integer> counts(DayTotals day) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        int[] values = day == null ? new int[TYPES.length]
                : new int[] {day.getBreastfeed(), day.getPump(), day.getHandExpression(), day.getBottleBreastmilk(), day.getFormula()};
        for (int i = 0; i < TYPES.length; i++) {
            counts.put(TYPES[i].name(), values[i]);
        }
        return counts;
    }

    /** The summary key: participant id and local date (partitioned by participant id). */
    public static String key(String participantId, LocalDate date) {
        return participantId + "/" + date;
    }

    private static DailyFeedingSummary summary(Enrollment who, DayTotals day, ReportedSessions stats) {
        return DailyFeedingSummary.newBuilder()
                .setParticipantId(who.participantId())
                .setClinicId(who.clinicId())
                .setDate(day.getDate())
                .setTimeZone(who.zone().getId())
                .setRemovalSessions(stats.getRemovalSessions())
                .setEventCounts(counts(day))
                .setExpressedMl(day.getExpressedMl())
                .setBottleBreastmilkMl(day.getBottleBreastmilkMl())
                .setFormulaMl(day.getFormulaMl())
                .setLongestGapMinutes(stats.getLongestGapMinutes())
                .build();
    }

    private static DayTotals day(List<DayTotals> days, LocalDate date) {
        int at = 0;
        while (at < days.size() && days.get(at).getDate().isBefore(date)) {
            at++;
        }
        if (at < days.size() && days.get(at).getDate().equals(date)) {
            return days.get(at);
        }
        DayTotals d = DayTotals.newBuilder().setDate(date).build();
        days.add(at, d);
        return d;
    }
}
