package io.feedwatch.config;

/** A configuration problem that the user can fix; its message is printed as one line, without a stack trace. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
