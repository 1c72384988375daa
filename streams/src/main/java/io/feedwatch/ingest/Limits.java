package io.feedwatch.ingest;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The limits every input is checked against before anything is written (README "Dead letters"). They keep each record,
 * its state and its dead letter far below Kafka's default 1 MB record limit, and keep times inside what every part of
 * the pipeline (Avro timestamp-millis, date arithmetic) represents exactly.
 */
public final class Limits {
    /** Longest id (eventId, participantId, clinicId, sourceId), in characters. */
    public static final int MAX_ID_CHARS = 128;
    /** Longest free text (such as a staff note), in characters. */
    public static final int MAX_TEXT_CHARS = 2_000;
    /** Largest record value accepted, in bytes: anything accepted can later be kept whole in a dead letter and re-driven. */
    public static final int MAX_RECORD_BYTES = 64 * 1024;
    /** How much of a rejected record's value a dead letter keeps, in bytes; longer values are cut (and cannot be re-driven). */
    public static final int DEAD_LETTER_VALUE_BYTES = MAX_RECORD_BYTES;
    /** How much of a rejected record's key a dead letter keeps, in bytes. */
    public static final int DEAD_LETTER_KEY_BYTES = 1024;
    /** Longest dead-letter or error message, in characters. */
    public static final int MAX_MESSAGE_CHARS = MAX_TEXT_CHARS;
    /** Earliest instant accepted (inclusive); dates likewise from its date. */
    public static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    /** Latest instant accepted (inclusive); dates likewise up to its date. */
    public static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");

    private static final int QUOTED_CHARS = 64;

    private Limits() {
    }

    public static boolean inRange(Instant t) {
        return !t.isBefore(EARLIEST) && !t.isAfter(LATEST);
    }

    public static boolean inRange(LocalDate d) {
        return !d.isBefore(LocalDate.of(1900, 1, 1)) && !d.isAfter(LocalDate.of(2200, 1, 1));
    }

    /**
     * Why {@code id} is not a usable id, or null when it is. U+FFFD is refused too: it is what a decoder puts in place of
     * bytes that were not valid UTF-8, so two different ids sent as broken text would otherwise read as one.
     */
    public static String idProblem(String id) {
        if (id.length() > MAX_ID_CHARS) {
            return "must be at most " + MAX_ID_CHARS + " characters, got " + id.length();
        }
        String text = textProblem(id);
        if (text != null) {
            return text;
        }
        if (id.indexOf('\uFFFD') >= 0) {
            return "must not contain U+FFFD (the replacement for text that was not valid UTF-8)";
        }
        return null;
    }

    /** Why {@code s} is not valid Unicode text (a lone UTF-16 surrogate), or null when it is. */
    public static String textProblem(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "must be valid Unicode, got a lone surrogate U+" + Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT)
                        + " at index " + i;
            }
        }
        return null;
    }

    /**
     * A value for a message: whole when short, else its start and its length, so no message grows with its input; a lone
     * surrogate shows as U+FFFD, because JSON writers and UTF-8 encoders cannot carry it.
     */
    public static String quote(String s) {
        String shown = s.length() <= QUOTED_CHARS ? s : cut(s, QUOTED_CHARS);
        StringBuilder b = new StringBuilder(shown.length() + 2).append('\'');
        for (int i = 0; i < shown.length(); i++) {
            char c = shown.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < shown.length() && Character.isLowSurrogate(shown.charAt(i + 1))) {
                b.append(c).append(shown.charAt(++i));
            } else {
                b.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        b.append('\'');
        return shown.length() == s.length() ? b.toString() : b.append("... (").append(s.length()).append(" characters)").toString();
    }

    /** {@code s} cut to at most {@code max} characters, never between the two halves of a surrogate pair. */
    public static String cut(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
        return s.substring(0, end);
    }
}
