package io.feedwatch.cli;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * While open, the log goes to a file instead of the console, at the levels of logback.xml: the demo keeps the terminal
 * for people (Kafka's start-up warnings would otherwise run through the alert lines). {@code run} does not use this;
 * operators want its log on the console.
 */
final class LogToFile implements AutoCloseable {
    private static final String PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n";

    private final Logger root;
    private final FileAppender<ILoggingEvent> file;
    private final List<Appender<ILoggingEvent>> consoles;

    private LogToFile(Logger root, FileAppender<ILoggingEvent> file, List<Appender<ILoggingEvent>> consoles) {
        this.root = root;
        this.file = file;
        this.consoles = consoles;
    }

    /** Starts {@code path} afresh (its folder is created) and takes the console appenders off the root logger. */
    static LogToFile open(Path path) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return new LogToFile(null, null, List.of()); // not Logback: leave the logging alone
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        FileAppender<ILoggingEvent> file = new FileAppender<>();
        file.setContext(context);
        file.setName("feedwatch-log-file");
        file.setFile(path.toString());
        file.setAppend(false);
        file.setEncoder(encoder);
        file.start();
        if (!file.isStarted()) {
            throw new CliException("cannot write the log to " + path);
        }
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        List<Appender<ILoggingEvent>> consoles = new ArrayList<>();
        root.iteratorForAppenders().forEachRemaining(a -> {
            if (a instanceof ConsoleAppender) {
                consoles.add(a);
            }
        });
        root.addAppender(file);
        consoles.forEach(root::detachAppender);
        return new LogToFile(root, file, consoles);
    }

    /** The console appenders back, the file closed. */
    @Override
    public void close() {
        if (root == null) {
            return;
        }
        consoles.forEach(root::addAppender);
        root.detachAppender(file);
        file.stop();
    }
}
