package io.feedwatch.cli;

/** A failure the user can act on (bad file, unreachable cluster); printed as one line without a stack trace. */
public final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CliException(String message) {
        super(message);
    }

    public CliException(String message, Throwable cause) {
        super(message, cause);
    }
}
