package io.feedwatch.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one parser of durations that people type, on the command line and in configuration files: a number and a unit,
 * combinable from the largest unit to the smallest ({@code 90s}, {@code 2m}, {@code 1h30m}, {@code 500ms}, {@code 2d};
 * units d, h, m, s, ms in either case), or ISO-8601 ({@code PT90S}, {@code P7D}). Whole numbers only: {@code 1.5h} is
 * {@code 1h30m}. A bare {@code 0} is zero; any other number needs a unit, since {@code 90} could mean seconds or minutes.
 * Negative durations are refused: every duration feedwatch takes is a length of time. Whether zero is allowed is the
 * caller's decision.
 */
public final class Durations {
    /** What to write instead, for messages. */
    public static final String EXAMPLES = "90s, 2m, 1h30m, 500ms or ISO-8601 such as PT1M30S";

    private static final Pattern UNITS = Pattern.compile("(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?(?:(\\d+)ms)?");

    private Durations() {
    }

    /**
     * @throws IllegalArgumentException with a one-line message that quotes {@code text} and says what is accepted
     */
    public static Duration parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("no duration given; use " + EXAMPLES);
        }
        if (t.startsWith("-")) {
            throw new IllegalArgumentException("'" + t + "' is negative; a duration here is a length of time");
        }
        Duration d = t.equals("0") ? Duration.ZERO
                : Character.toUpperCase(t.charAt(0)) == 'P' || t.startsWith("+") ? iso(t) : units(t);
        if (d.isNegative()) { // PT-5S: ISO-8601 allows a sign on each part
            throw new IllegalArgumentException("'" + t + "' is negative; a duration here is a length of time");
        }
        return d;
    }

    private static Duration iso(String t) {
        try {
            return Duration.parse(t);
        } catch (DateTimeParseException e) {
            boolean overflow = e.getCause() instanceof ArithmeticException || e.getCause() instanceof NumberFormatException;
            throw new IllegalArgumentException(overflow ? tooLong(t) : notADuration(t), e);
        }
    }

    private static Duration units(String t) {
        Matcher m = UNITS.matcher(t.toLowerCase(Locale.ROOT));
        if (!m.matches() || t.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException(t.chars().allMatch(Character::isDigit)
                    ? "'" + t + "' has no unit; use " + EXAMPLES
                    : notADuration(t));
        }
        try {
            return Duration.ofDays(amount(m, 1))
                    .plusHours(amount(m, 2))
                    .plusMinutes(amount(m, 3))
                    .plusSeconds(amount(m, 4))
                    .plusMillis(amount(m, 5));
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException(tooLong(t), e);
        }
    }

    private static long amount(Matcher m, int group) {
        String digits = m.group(group);
        return digits == null ? 0 : Long.parseLong(digits);
    }

    private static String tooLong(String t) {
        return "'" + t + "' is too long a duration";
    }

    private static String notADuration(String t) {
        return "'" + t + "' is not a duration; use " + EXAMPLES;
    }
}
