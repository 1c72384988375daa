package io.feedwatch.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.feedwatch.schemas.RejectionReason;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Typed reads of one JSON object's fields; each failure is a {@link RejectedField} carrying the dead-letter reason. */
final class JsonFields {
    private final ObjectNode node;

    JsonFields(ObjectNode node) {
        this.node = node;
    }

    /** A required field is absent, null, or an empty string. */
    boolean missing(String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || (v.isTextual() && v.asText().isEmpty());
    }

    /** The text of a field, or null when absent/null; anything but a string is INVALID_VALUE. */
    String text(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw invalid(field + " must be a string, got " + v.getNodeType().toString().toLowerCase(Locale.ROOT));
        }
        String problem = Limits.textProblem(v.asText());
        if (problem != null) {
            throw invalid(field + " " + problem);
        }
        return v.asText();
    }

    /** An id: text within {@link Limits#MAX_ID_CHARS}, valid Unicode, no U+FFFD; null when absent/null. */
    String id(String field) {
        String s = text(field);
        String problem = s == null ? null : Limits.idProblem(s);
        if (problem != null) {
            throw invalid(field + " " + problem);
        }
        return s;
    }

    /** A field's id, for naming a record in its dead letter, when it is a usable one; never throws. */
    String idOrNull(String field) {
        JsonNode v = node.get(field);
        return v != null && v.isTextual() && !v.asText().isEmpty() && Limits.idProblem(v.asText()) == null ? v.asText() : null;
    }

    /** An instant with an explicit offset (2026-03-01T08:00:00Z or 2026-03-01T02:00:00-06:00). */
    Instant instant(String field) {
        String s = text(field);
        if (s == null) {
            return null;
        }
        Instant t;
        try {
            t = OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            throw invalid(field + " must be an ISO-8601 date-time with an offset, got " + Limits.quote(s));
        }
        if (!Limits.inRange(t)) {
            throw invalid(outOfRange(field, s));
        }
        return t;
    }

    static String outOfRange(String field, Object value) {
        return field + " must be from " + Limits.EARLIEST + " to " + Limits.LATEST + ", got " + Limits.quote(value.toString());
    }

    LocalDate date(String field) {
        String s = text(field);
        if (s == null) {
            return null;
        }
        LocalDate d;
        try {
            d = LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw invalid(field + " must be a date YYYY-MM-DD, got " + Limits.quote(s));
        }
        if (!Limits.inRange(d)) {
            throw invalid(outOfRange(field, s));
        }
        return d;
    }

    ZoneId zone(String field) {
        String s = text(field);
        if (s == null) {
            return null;
        }
        try {
            return ZoneId.of(s);
        } catch (RuntimeException e) {
            throw invalid(field + " must be an IANA time zone such as America/Chicago, got " + Limits.quote(s));
        }
    }

    Integer nonNegativeInt(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw invalid(field + " must be a whole number, got " + shown(v));
        }
        if (v.intValue() < 0) {
            throw invalid(field + " must not be negative, got " + v.intValue());
        }
        return v.intValue();
    }

    Double nonNegativeNumber(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
            throw invalid(field + " must be a number, got " + shown(v));
        }
        if (v.doubleValue() < 0) {
            throw invalid(field + " must not be negative, got " + v);
        }
        return v.doubleValue();
    }

    /** An enum symbol; the UNKNOWN placeholder every feedwatch enum carries for schema evolution is never accepted. */
    <E extends Enum<E>> E symbol(String field, Class<E> type) {
        String s = text(field);
        if (s == null) {
            return null;
        }
        try {
            E e = Enum.valueOf(type, s);
            if (!e.name().equals("UNKNOWN")) {
                return e;
            }
        } catch (IllegalArgumentException ignored) {
            // reported below with the allowed values
        }
        throw invalid(field + " must be one of " + Symbols.allowed(type) + ", got " + Limits.quote(s));
    }

    /** A wrong value for a message: numbers as written (Jackson bounds their length), text quoted and cut, else its type. */
    private static String shown(JsonNode v) {
        if (v.isNumber()) {
            return v.toString();
        }
        return v.isTextual() ? Limits.quote(v.asText()) : v.getNodeType().toString().toLowerCase(Locale.ROOT);
    }

    static RejectedField invalid(String message) {
        return new RejectedField(new Rejection(RejectionReason.INVALID_VALUE, message));
    }
}
