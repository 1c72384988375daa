package io.feedwatch.http;

import io.feedwatch.app.FeedwatchApp;
import io.feedwatch.app.Wiring;
import io.feedwatch.config.FeedwatchConfig;
import java.time.Clock;
import java.time.Instant;
import org.apache.kafka.streams.KafkaStreams;

/**
 * One feedwatch instance: the streams app and its HTTP server. The server's port is opened first so that Kafka Streams
 * can be told where this instance answers ({@code application.server}, unless configured), which is what lets another
 * instance forward a query here.
 */
public final class FeedwatchServer implements AutoCloseable {
    private final FeedwatchHttpServer http;
    private final FeedwatchApp app;
    private final Wiring wiring;

    private FeedwatchServer(FeedwatchHttpServer http, FeedwatchApp app, Wiring wiring) {
        this.http = http;
        this.app = app;
        this.wiring = wiring;
    }

    /** Starts now by the machine clock (which also anchors an accelerated detection clock). */
    public static FeedwatchServer start(FeedwatchConfig config, boolean fallbackToFreePort, KafkaStreams.StateListener listener) {
        Clock wall = Clock.systemUTC();
        return start(config, fallbackToFreePort, wall.instant(), wall, listener);
    }

    /**
     * @param fallbackToFreePort when {@code feedwatch.http.port} is taken, use any free port instead of failing
     * @param startedAt anchors an accelerated detection clock, as in {@link Wiring#from(FeedwatchConfig, Instant)}
     * @param wall the machine clock, from which the detection clock is derived for queries and ingest
     */
    public static FeedwatchServer start(FeedwatchConfig config, boolean fallbackToFreePort, Instant startedAt, Clock wall,
                                        KafkaStreams.StateListener listener) {
        FeedwatchHttpServer http = FeedwatchHttpServer.bind(HttpSettings.from(config), fallbackToFreePort);
        try {
            FeedwatchConfig advertised = config.get("application.server", "").isEmpty()
                    ? config.with("application.server", http.advertisedAddress())
                    : config;
            Wiring wiring = Wiring.from(advertised, startedAt);
            FeedwatchApp app = FeedwatchApp.start(wiring, listener);
            try {
                http.attach(app.streams(), wiring, wall);
            } catch (RuntimeException e) {
                app.close();
                throw e;
            }
            return new FeedwatchServer(http, app, wiring);
        } catch (RuntimeException e) {
            http.close();
            throw e;
        }
    }

    public FeedwatchApp app() {
        return app;
    }

    /** What the instance was built from (configuration with its advertised address, serdes, detection settings). */
    public Wiring wiring() {
        return wiring;
    }

    /** The dashboard's address, e.g. http://127.0.0.1:8080/. */
    public String url() {
        return http.url();
    }

    public int port() {
        return http.port();
    }

    @Override
    public void close() {
        http.close();
        app.close();
    }
}
