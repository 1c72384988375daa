package io.feedwatch.broker;

/**
 * The embedded broker did not start. {@link #reason()} is one line for the user; {@link #getMessage()} adds the
 * last lines of the broker's log, which usually name the actual cause.
 */
public final class BrokerStartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String reason;
    private final String logTail;

    BrokerStartException(String reason, String logTail, Throwable cause) {
        super(logTail.isBlank() ? reason : reason + "\n--- last lines of the broker log ---\n" + logTail, cause);
        this.reason = reason;
        this.logTail = logTail;
    }

    BrokerStartException(String reason) {
        this(reason, "", null);
    }

    /** Why the broker did not start, in one line. */
    public String reason() {
        return reason;
    }

    /** The last lines of the broker's log (empty if the broker process never ran). */
    public String logTail() {
        return logTail;
    }
}
