package io.feedwatch.cli;

/** A count and its noun, in the right number: "0 events", "1 event", "2 events". */
final class Plural {
    private Plural() {
    }

    static String of(long n, String singular) {
        return of(n, singular, singular + "s");
    }

    static String of(long n, String singular, String plural) {
        return n + " " + (n == 1 ? singular : plural);
    }
}
