package io.feedwatch.ingest;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Enum symbols as users may write them: every symbol but the UNKNOWN placeholder kept for schema evolution. */
final class Symbols {
    private Symbols() {
    }

    static <E extends Enum<E>> String allowed(Class<E> type) {
        return Arrays.stream(type.getEnumConstants())
                .map(Enum::name)
                .filter(n -> !n.equals("UNKNOWN"))
                .collect(Collectors.joining(", "));
    }

    static boolean isUnknown(Enum<?> e) {
        return e != null && e.name().equals("UNKNOWN");
    }
}
