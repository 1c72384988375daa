package io.feedwatch.cli;

import io.feedwatch.config.Durations;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Option values checked while the command line is parsed, so that a bad value is a usage error (exit 2) naming its
 * option (picocli prefixes "Invalid value for option '--name': "), before anything starts.
 */
final class Converters {
    static final int MAX_PARTICIPANTS = 10_000_000;

    private Converters() {
    }

    /** A whole number of simulated participants, 1 to 10,000,000. */
    static final class Participants implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return wholeNumber(value, 1, MAX_PARTICIPANTS);
        }
    }

    /** A count that must be at least 1 (partitions, days, repeats). */
    static final class AtLeastOne implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return wholeNumber(value, 1, Integer.MAX_VALUE);
        }
    }

    /** A count that may be 0 (faults). */
    static final class AtLeastZero implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return wholeNumber(value, 0, Integer.MAX_VALUE);
        }
    }

    /** A TCP port, 0 (any free port) to 65535. */
    static final class Port implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return wholeNumber(value, 0, 65_535);
        }
    }

    /** A share from 0 to 1. */
    static final class Share implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            double d = number(value);
            if (!(d >= 0 && d <= 1)) {
                throw new TypeConversionException("must be a share from 0 to 1, got '" + value + "'");
            }
            return d;
        }
    }

    /** A share above 0 and at most 1 (a load: none at all measures nothing). */
    static final class LoadShare implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            double d = number(value);
            if (!(d > 0 && d <= 1)) {
                throw new TypeConversionException("must be a share above 0 and at most 1, got '" + value + "'");
            }
            return d;
        }
    }

    /** A finite number above 0 (speeds, rates). */
    static final class Positive implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            double d = number(value);
            if (!(d > 0 && d < Double.POSITIVE_INFINITY)) {
                throw new TypeConversionException("must be a number above 0, got '" + value + "'");
            }
            return d;
        }
    }

    /** A duration above zero, in any form {@link Durations#parse} takes. */
    static final class PositiveDuration implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            Duration d;
            try {
                d = Durations.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
            if (d.isZero()) {
                throw new TypeConversionException("must be longer than zero, got '" + value + "'");
            }
            return d;
        }
    }

    /** An ISO-8601 instant in UTC. */
    static final class UtcInstant implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("'" + value + "' is not an ISO-8601 instant such as 2026-03-01T08:00:00Z");
            }
        }
    }

    private static int wholeNumber(String value, int min, int max) {
        String range = max == Integer.MAX_VALUE ? ", " + min + " or more" : " from " + min + " to " + max;
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the message below says what is expected
        }
        throw new TypeConversionException("must be a whole number" + range + ", got '" + value + "'");
    }

    private static double number(String value) {
        try {
            return Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a number");
        }
    }
}
