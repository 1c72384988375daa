package io.feedwatch.ingest;

/** Thrown inside the parsers to stop at the first failed check; never escapes them. */
final class RejectedField extends RuntimeException {
    private final transient Rejection rejection;

    RejectedField(Rejection rejection) {
        super(rejection.message(), null, false, false);
        this.rejection = rejection;
    }

    Rejection rejection() {
        return rejection;
    }
}
