package io.feedwatch.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.feedwatch.app.Wiring;
import io.feedwatch.config.ConfigException;
import io.feedwatch.detect.DetectionSettings;
import io.feedwatch.ingest.Limits;
import io.feedwatch.ingest.Parsed;
import io.feedwatch.names.StoreNames;
import io.feedwatch.schemas.Case;
import io.feedwatch.schemas.Participant;
import io.feedwatch.schemas.StaffAction;
import io.feedwatch.schemas.StaffAlert;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.javalin.util.JavalinBindException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of a feedwatch instance (Javalin): ingest, interactive queries with forwarding between instances, the
 * live alert stream, the staff dashboard, health, readiness and metrics. See README "HTTP API and dashboard".
 *
 * <p>Two steps, because Kafka Streams must know this server's address ({@code application.server}) before it starts:
 * {@link #bind} opens the port (everything but {@code /health} answers 503 until then), {@link #attach} connects the
 * running app.
 */
public final class FeedwatchHttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FeedwatchHttpServer.class);
    private static final String STREAM_PATH = "/api/v1/clinics/{clinicId}/alerts/stream";
    private static final Duration HEARTBEAT = Duration.ofSeconds(15);
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(30);
    /** Every 503 is transient (starting, rebalancing, a broker not answering): worth trying again this soon. */
    private static final String RETRY_AFTER_SECONDS = "1";

    /** The request attribute holding the calling {@link Account}, set by {@link #authenticate}. */
    private static final String ACCOUNT = "feedwatch.account";

    private final HttpSettings settings;
    private final Authenticator auth;
    private final ObjectMapper json = ApiJson.mapper();
    /** Strict about the request as a whole (one JSON value); tolerant about the fields inside it. */
    private final ObjectMapper requests = ApiJson.mapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private final OpsMetrics metrics = new OpsMetrics();
    private final Forwarder forwarder = new Forwarder(Duration.ofSeconds(10));
    private final Javalin javalin;
    private volatile Backend backend;

    /** What the handlers need from the running app; absent until {@link #attach}. */
    private record Backend(KafkaStreams streams, HostInfo self, StoreQueries queries, EventIngest ingest, CaseActions actions,
                           AlertFeed feed, KafkaProducer<String, byte[]> producer, Supplier<Instant> now) {
    }

    private FeedwatchHttpServer(HttpSettings settings) {
        this.settings = settings;
        this.auth = new Authenticator(settings.tokens(), settings.users() == null ? List.of() : AccountsFile.read(settings.users()));
        this.javalin = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.maxRequestSize = settings.maxBodyBytes();
            config.jsonMapper(new JavalinJackson(json, false));
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/io/feedwatch/dashboard";
                files.location = Location.CLASSPATH;
                // the page loads only its own script, style and API: injected markup could not run or phone home
                files.headers = Map.of("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'",
                        "X-Content-Type-Options", "nosniff", "Cache-Control", "no-cache");
            });
            config.routes.before("/api/*", this::authenticate);
            config.routes.get("/health", ctx -> ctx.json(Map.of("status", "UP")));
            config.routes.get("/ready", this::ready);
            config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
            config.routes.post("/api/v1/events", this::postEvents);
            config.routes.put("/api/v1/participants/{id}", this::putParticipant);
            config.routes.get("/api/v1/participants/{id}/status", ctx -> participant(ctx, (b, id) -> b.queries.status(id, b.now.get())));
            config.routes.get("/api/v1/participants/{id}/sessions", this::sessions);
            config.routes.get("/api/v1/participants/{id}/history", this::history);
            // who the dashboard acts as: "assign to me" and the "assigned to me" filter need the account's name
            config.routes.get("/api/v1/me", ctx -> ctx.json(account(ctx)));
            config.routes.get("/api/v1/clinics", this::clinics);
            config.routes.get("/api/v1/clinics/{clinicId}/alerts", this::clinicAlerts);
            config.routes.get("/api/v1/clinics/{clinicId}/cases", this::clinicCases);
            config.routes.get("/api/v1/cases/{caseId}", ctx -> ctx.json(findCase(ctx, backend(), ctx.pathParam("caseId"))));
            config.routes.post("/api/v1/cases/{caseId}/actions", this::caseAction);
            SseHandler stream = new SseHandler(this::alertStream);
            config.routes.get(STREAM_PATH, ctx -> {
                // Javalin answers an empty 200 to a client that does not ask for an event stream: say what is wrong
                String accept = ctx.header("Accept");
                if (accept == null || !accept.contains("text/event-stream")) {
                    throw new ApiException(406, "NOT_ACCEPTABLE", "this is a server-sent event stream: send Accept: text/event-stream");
                }
                backend();
                requireClinic(ctx, ctx.pathParam("clinicId"));
                stream.handle(ctx);
            });
            config.routes.exception(ApiException.class, (e, ctx) -> {
                if (e.status == 401) {
                    ctx.header("WWW-Authenticate", "Bearer realm=\"feedwatch\"");
                }
                if (e.status == 503) {
                    ctx.header("Retry-After", RETRY_AFTER_SECONDS);
                }
                ctx.status(e.status).json(new ApiJson.Error(e.code, e.getMessage()));
            });
            config.routes.exception(InvalidStateStoreException.class, (e, ctx) -> ctx.status(503).header("Retry-After", RETRY_AFTER_SECONDS)
                    .json(new ApiJson.Error("UNAVAILABLE", "state stores are not queryable right now (rebalancing): " + e.getMessage())));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                ctx.status(500).json(new ApiJson.Error("INTERNAL", "unexpected error; see the server log"));
            });
        });
    }

    /**
     * Opens the port; {@code fallbackToFreePort} takes any free port when the configured one is taken (the demo), else
     * that is an error naming the port.
     */
    public static FeedwatchHttpServer bind(HttpSettings settings, boolean fallbackToFreePort) {
        FeedwatchHttpServer server = new FeedwatchHttpServer(settings);
        try {
            server.javalin.start(settings.host(), settings.port());
            return server;
        } catch (JavalinBindException e) {
            server.javalin.stop();
            if (!fallbackToFreePort || settings.port() == 0) {
                throw new ConfigException("cannot listen on " + settings.host() + ":" + settings.port()
                        + " (in use, or not allowed); choose another with --http-port or feedwatch.http.port");
            }
            FeedwatchHttpServer fallback = new FeedwatchHttpServer(settings.withPort(0));
            fallback.javalin.start(settings.host(), 0);
            return fallback;
        }
    }

    public int port() {
        return javalin.port();
    }

    /** {@code host:port} as other instances reach this one: the value for {@code application.server}. */
    public String advertisedAddress() {
        return settings.host() + ":" + port();
    }

    /**
     * Connects the running app.
     *
     * @param wiring the app's wiring (its configuration holds the {@code application.server} it was started with); its
     *               detection clock is "now" for queries and stamps recordedAt
     */
    public void attach(KafkaStreams streams, Wiring wiring, Clock wall) {
        DetectionSettings detection = wiring.detection();
        HostInfo self = HostInfo.buildFromEndpoint(wiring.config().get("application.server", advertisedAddress()));
        // a clock that follows the data has no time of its own for the server: received and "now" are the machine's
        Supplier<Instant> now = detection.clock().followsData() ? wall::instant : () -> detection.clock().now(wall.instant(), null);
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProperties(wiring), new StringSerializer(), new ByteArraySerializer());
        AlertFeed feed;
        try {
            feed = AlertFeed.start(wiring.consumerProperties("alert-feed"),
                    wiring.serdes().serde(StaffAlert.class).deserializer(), wiring.serdes().serde(Case.class).deserializer(), json,
                    HEARTBEAT, KAFKA_TIMEOUT);
        } catch (RuntimeException e) {
            producer.close();
            throw e;
        }
        StoreQueries.Stores stores = new StoreQueries.Stores() {
            @Override
            public <V> org.apache.kafka.streams.state.ReadOnlyKeyValueStore<String, V> get(String name) {
                return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
            }

            @Override
            public <V> org.apache.kafka.streams.state.ReadOnlyWindowStore<String, V> window(String name) {
                return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>windowStore()));
            }
        };
        metrics.bind(streams);
        backend = new Backend(streams, self, new StoreQueries(stores, detection),
                new EventIngest(producer, now, !detection.clock().followsData(), detection.futureTolerance(), KAFKA_TIMEOUT),
                new CaseActions(wiring.cases().maxSnooze()), feed, producer, now);
    }

    private static Properties producerProperties(Wiring wiring) {
        Properties p = wiring.producerProperties("http-ingest");
        // nothing accepted may be lost: every in-sync replica has it before the client hears "accepted"
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        // a request should fail within the ack timeout rather than hang on a missing broker
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 25_000);
        return p;
    }

    // --- handlers -------------------------------------------------------------------------------------------------

    private void authenticate(Context ctx) {
        String queryToken = ctx.path().endsWith("/alerts/stream") ? ctx.queryParam("access_token") : null;
        Account account = auth.authenticate(ctx.header("Authorization"), queryToken)
                .orElseThrow(() -> new ApiException(401, "UNAUTHORIZED", "a valid bearer token is required (Authorization: Bearer TOKEN)"));
        ctx.attribute(ACCOUNT, account);
    }

    private static Account account(Context ctx) {
        return ctx.attribute(ACCOUNT);
    }

    /**
     * Another clinic's data is 403 before anything is read or written. Checked on every instance, forwarded requests
     * included: the forwarding header is no proof of anything.
     */
    private static void requireClinic(Context ctx, String clinicId) {
        Account account = account(ctx);
        if (!account.sees(clinicId)) {
            throw new ApiException(403, "FORBIDDEN", "account '" + account.name() + "' may not see clinic " + Limits.quote(clinicId));
        }
    }

    private void ready(Context ctx) {
        Backend b = backend;
        KafkaStreams.State state = b == null ? null : b.streams.state();
        boolean running = state == KafkaStreams.State.RUNNING;
        ctx.status(running ? 200 : 503).json(Map.of("state", state == null ? "STARTING" : state.name()));
    }

    private void postEvents(Context ctx) {
        requireJson(ctx);
        Backend b = backend();
        JsonNode body = readJson(ctx);
        List<JsonNode> events = new ArrayList<>();
        if (body.isArray()) {
            body.forEach(events::add);
        } else if (body.isObject()) {
            events.add(body);
        } else {
            throw new ApiException(400, "MALFORMED", "expected one event (a JSON object) or an array of events, got "
                    + body.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
        }
        List<EventIngest.Result> results = b.ingest.ingest(events);
        Map<String, Integer> counts = new TreeMap<>(Map.of("accepted", 0, "rejected", 0, "failed", 0));
        for (EventIngest.Result r : results) {
            counts.merge(r.status(), 1, Integer::sum);
            metrics.httpEvent(r.status(), r.reason());
        }
        Map<String, Object> answer = new LinkedHashMap<>(counts);
        answer.put("results", results);
        // 503 tells the client to retry the failed ones (transient failures only); everything else got its final answer
        if (counts.get("failed") > 0) {
            ctx.status(503).header("Retry-After", RETRY_AFTER_SECONDS);
        }
        ctx.json(answer);
    }

    private void putParticipant(Context ctx) {
        requireJson(ctx);
        Backend b = backend();
        String id = ctx.pathParam("id");
        Parsed<Participant> parsed = b.ingest.parseParticipant(id, readBody(ctx));
        if (!parsed.accepted()) {
            throw new ApiException(400, parsed.rejection().reason().name(), parsed.rejection().message());
        }
        // staff enroll mothers into their own clinics only
        requireClinic(ctx, parsed.value().getClinicId());
        EventIngest.WriteFailure failure = b.ingest.enroll(parsed.value());
        if (failure != null && failure.permanent()) {
            throw new ApiException(failure.code().equals("TOO_LARGE") ? 413 : 400, failure.code(), failure.message());
        }
        if (failure != null) {
            throw ApiException.unavailable(failure.message() + "; retry");
        }
        ctx.json(Map.of("participantId", id, "status", "accepted"));
    }

    private void sessions(Context ctx) {
        String hoursParam = ctx.queryParam("hours");
        int hours;
        try {
            hours = hoursParam == null ? 48 : Integer.parseInt(hoursParam);
        } catch (NumberFormatException e) {
            hours = -1;
        }
        if (hours < 1 || hours > 48) {
            throw new ApiException(400, "INVALID_VALUE", "hours must be a whole number from 1 to 48 (the state keeps 48 h of sessions), got '" + hoursParam + "'");
        }
        Duration lookback = Duration.ofHours(hours);
        participant(ctx, (b, id) -> b.queries.sessions(id, b.now.get(), lookback));
    }

    /** A participant's answer comes from the instance that hosts her partition: here, or forwarded there. */
    private void participant(Context ctx, BiFunction<Backend, String, Optional<?>> local) {
        Backend b = backend();
        String id = ctx.pathParam("id");
        Placement placement = Placement.of(b.streams.queryMetadataForKey(StoreNames.PARTICIPANT_STATE, id, new StringSerializer()),
                b.self, forwarded(ctx));
        if (placement instanceof Placement.Local) {
            ApiException notFound = new ApiException(404, "NOT_FOUND", "no enrollment for participant '" + id + "'");
            requireClinic(ctx, b.queries.clinicOf(id).orElseThrow(() -> notFound));
            ctx.json(local.apply(b, id).orElseThrow(() -> notFound));
        } else if (placement instanceof Placement.Remote remote) {
            Forwarder.Answer a = forwarder.get(remote.host(), pathAndQuery(ctx), ctx.header("Authorization"));
            ctx.status(a.status()).contentType(a.contentType()).result(a.body());
        } else {
            throw ApiException.unavailable(((Placement.Unavailable) placement).reason());
        }
    }

    /** Clinics with open alerts or open cases, and how many of each: merged from every instance. */
    public record Clinics(List<ClinicCount> clinics) {
    }

    public record ClinicCount(String clinicId, int openAlerts, int openCases) {
        ClinicCount plus(ClinicCount other) {
            return new ClinicCount(clinicId, openAlerts + other.openAlerts, openCases + other.openCases);
        }
    }

    /** One clinic's open alerts, newest first, merged from every instance; {@code asOf} is the detection clock. */
    public record ClinicAlerts(String clinicId, String status, Instant asOf, List<ApiJson.Alert> alerts) {
    }

    private void clinics(Context ctx) {
        Backend b = backend();
        Map<String, ClinicCount> counts = new TreeMap<>();
        for (Clinics part : everyInstance(ctx, b, pathAndQuery(ctx), () -> Optional.of(new Clinics(b.queries.clinicCounts())), Clinics.class)) {
            part.clinics().forEach(c -> counts.merge(c.clinicId(), c, ClinicCount::plus));
        }
        // an account sees only its own clinics in the list too
        counts.keySet().removeIf(clinic -> !account(ctx).sees(clinic));
        ctx.json(new Clinics(List.copyOf(counts.values())));
    }

    private void clinicAlerts(Context ctx) {
        Backend b = backend();
        String clinic = ctx.pathParam("clinicId");
        requireClinic(ctx, clinic);
        String status = ctx.queryParam("status");
        if (status != null && !status.equals("OPEN")) {
            throw new ApiException(400, "INVALID_VALUE", "status must be OPEN (the clinic index holds open alerts; resolved and "
                    + "withdrawn ones are on feedwatch.staff-alerts.v1), got '" + status + "'");
        }
        Instant asOf = b.now.get();
        Map<String, ApiJson.Alert> merged = new LinkedHashMap<>();
        for (ClinicAlerts part : everyInstance(ctx, b, pathAndQuery(ctx), () -> Optional.of(new ClinicAlerts(clinic, "OPEN", asOf,
                b.queries.openAlerts(clinic))), ClinicAlerts.class)) {
            part.alerts().forEach(a -> merged.put(a.alertId(), a));
        }
        List<ApiJson.Alert> alerts = new ArrayList<>(merged.values());
        alerts.sort(StoreQueries.NEWEST_FIRST);
        ctx.json(new ClinicAlerts(clinic, "OPEN", asOf, alerts));
    }

    /**
     * The local answer of every instance that hosts feedwatch's stores (a forwarded request: this instance's only), each
     * asked with GET {@code path}. An empty local answer, or a 404 from another instance, is "nothing here"; an instance
     * that does not answer makes the whole request 503: a partial list could hide a mother who needs a call.
     */
    private <T> List<T> everyInstance(Context ctx, Backend b, String path, Supplier<Optional<T>> local, Class<T> type) {
        if (forwarded(ctx)) {
            return local.get().stream().toList();
        }
        List<T> parts = new ArrayList<>();
        boolean asked = false;
        for (StreamsMetadata m : b.streams.metadataForAllStreamsClients()) {
            if (!m.stateStoreNames().contains(StoreNames.OPEN_ALERTS_BY_CLINIC)) {
                continue;
            }
            asked = true;
            if (m.hostInfo().equals(b.self)) {
                local.get().ifPresent(parts::add);
                continue;
            }
            Forwarder.Answer a = forwarder.get(m.hostInfo(), path, ctx.header("Authorization"));
            if (a.status() == 404) {
                continue;
            }
            if (a.status() == 403) {
                throw new ApiException(403, "FORBIDDEN", "account '" + account(ctx).name() + "' may not see this");
            }
            if (a.status() != 200) {
                throw ApiException.unavailable("instance " + m.hostInfo().host() + ":" + m.hostInfo().port() + " answered " + a.status());
            }
            try {
                parts.add(json.readValue(a.body(), type));
            } catch (IOException e) {
                throw ApiException.unavailable("instance " + m.hostInfo().host() + ":" + m.hostInfo().port() + " sent an unreadable answer");
            }
        }
        if (!asked) {
            throw ApiException.unavailable("no instance holds the state stores yet (starting or rebalancing)");
        }
        return parts;
    }

    private void history(Context ctx) {
        String daysParam = ctx.queryParam("days");
        int days;
        try {
            days = daysParam == null ? 30 : Integer.parseInt(daysParam);
        } catch (NumberFormatException e) {
            days = -1;
        }
        if (days < 1 || days > 30) {
            throw new ApiException(400, "INVALID_VALUE", "days must be a whole number from 1 to 30 (the history keeps 30 days), got '"
                    + daysParam + "'");
        }
        Duration lookback = Duration.ofDays(days);
        participant(ctx, (b, id) -> b.queries.history(id, b.now.get(), lookback));
    }

    /** A clinic's work queue, merged from every instance and put in the documented order ({@link WorkQueue#order}). */
    private void clinicCases(Context ctx) {
        Backend b = backend();
        String clinic = ctx.pathParam("clinicId");
        requireClinic(ctx, clinic);
        Instant asOf = b.now.get();
        List<WorkQueue.ClinicCases> parts = everyInstance(ctx, b, pathAndQuery(ctx),
                () -> b.queries.openCases(clinic, asOf).map(cases -> new WorkQueue.ClinicCases(clinic, asOf, cases)), WorkQueue.ClinicCases.class);
        if (parts.isEmpty()) {
            throw new ApiException(404, "NOT_FOUND", "no clinic " + Limits.quote(clinic) + ": no participant is enrolled in it");
        }
        Map<String, WorkQueue.Item> merged = new LinkedHashMap<>();
        parts.forEach(part -> part.cases().forEach(item -> merged.put(item.participantId(), item)));
        List<WorkQueue.Item> cases = new ArrayList<>(merged.values());
        cases.sort(WorkQueue.order(asOf));
        ctx.json(new WorkQueue.ClinicCases(clinic, asOf, cases));
    }

    /** The case wherever it is held: 404 when no instance has it, 403 when it is another clinic's. */
    private StoreQueries.CaseLookup findCase(Context ctx, Backend b, String caseId) {
        String path = "/api/v1/cases/" + URLEncoder.encode(caseId, StandardCharsets.UTF_8).replace("+", "%20");
        StoreQueries.CaseLookup found = everyInstance(ctx, b, path, () -> b.queries.findCase(caseId), StoreQueries.CaseLookup.class)
                .stream().findFirst()
                .orElseThrow(() -> new ApiException(404, "NOT_FOUND", "no case " + Limits.quote(caseId)
                        + " (a participant's open case, or her latest closed one)"));
        requireClinic(ctx, found.clinicId());
        return found;
    }

    /** A staff action: answered once it is durably written (or, a repeated actionId, once it was). */
    private void caseAction(Context ctx) {
        requireJson(ctx);
        Backend b = backend();
        JsonNode body = readJson(ctx);
        StoreQueries.CaseLookup found = findCase(ctx, b, ctx.pathParam("caseId"));
        StaffAction action = b.actions.action(body, found, account(ctx), b.now.get());
        // the case has it already: the stream would ignore another copy, and the answer is the one it got then
        if (!found.actionIds().contains(action.getActionId())) {
            EventIngest.WriteFailure failure = b.ingest.act(action);
            if (failure != null && failure.permanent()) {
                throw new ApiException(failure.code().equals("TOO_LARGE") ? 413 : 400, failure.code(), failure.message());
            }
            if (failure != null) {
                throw ApiException.unavailable(failure.message() + "; retry with the same actionId");
            }
        }
        ctx.json(Map.of("actionId", action.getActionId(), "caseId", found.caseRecord().caseId(), "status", "accepted"));
    }

    private void alertStream(SseClient client) {
        Backend b = backend();
        String clinic = client.ctx().pathParam("clinicId");
        SseSubscriber subscriber = new SseSubscriber(client);
        client.keepAlive();
        client.onClose(() -> b.feed.unsubscribe(clinic, subscriber));
        b.feed.subscribe(clinic, subscriber);
        // after subscribing, so that a dashboard that loads its list on "ready" misses nothing in between
        subscriber.send("ready", "{\"clinicId\":" + quote(clinic) + "}");
    }

    /** Serialises writes to one connection: the feed thread and the request thread both write to it. */
    private static final class SseSubscriber implements AlertFeed.Subscriber {
        private final SseClient client;

        SseSubscriber(SseClient client) {
            this.client = client;
        }

        @Override
        public synchronized boolean send(String event, String data) {
            if (client.terminated()) {
                return false;
            }
            client.sendEvent(event, data);
            return !client.terminated();
        }

        @Override
        public synchronized boolean ping() {
            if (client.terminated()) {
                return false;
            }
            client.sendComment("keep-alive");
            return !client.terminated();
        }
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    private Backend backend() {
        Backend b = backend;
        if (b == null) {
            throw ApiException.unavailable("feedwatch is starting");
        }
        return b;
    }

    private static boolean forwarded(Context ctx) {
        return ctx.header(Forwarder.HEADER) != null;
    }

    private static String pathAndQuery(Context ctx) {
        String q = ctx.queryString();
        return ctx.path() + (q == null || q.isEmpty() ? "" : "?" + q);
    }

    /**
     * POST and PUT bodies must say they are JSON: a web page can send text/plain (or a form) to this server without a
     * CORS preflight, but not application/json, so this keeps any page open on the same machine from writing.
     */
    private static void requireJson(Context ctx) {
        String type = ctx.header("Content-Type");
        String media = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        if (!media.equals("application/json")) {
            throw new ApiException(415, "UNSUPPORTED_MEDIA_TYPE", "the body must be JSON sent with Content-Type: application/json, got "
                    + (type == null ? "no Content-Type" : Limits.quote(type)));
        }
    }

    /** The request body, at most {@code feedwatch.http.max-body-bytes}, else 413. */
    private byte[] readBody(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > settings.maxBodyBytes()) {
            throw tooLarge();
        }
        try (InputStream in = ctx.bodyInputStream()) {
            byte[] body = in.readNBytes(settings.maxBodyBytes() + 1);
            if (body.length > settings.maxBodyBytes()) {
                throw tooLarge();
            }
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ApiException tooLarge() {
        return new ApiException(413, "TOO_LARGE", "the body is larger than " + settings.maxBodyBytes()
                + " bytes (feedwatch.http.max-body-bytes); send fewer events per request");
    }

    private JsonNode readJson(Context ctx) {
        byte[] body = readBody(ctx);
        JsonNode node;
        try {
            node = requests.readTree(body);
        } catch (IOException e) {
            throw new ApiException(400, "MALFORMED", "not valid JSON: " + firstLine(e.getMessage()));
        }
        if (node == null || node.isMissingNode()) {
            throw new ApiException(400, "MALFORMED", "the body is empty");
        }
        return node;
    }

    private String quote(String s) {
        try {
            return json.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String firstLine(String s) {
        int nl = s == null ? -1 : s.indexOf('\n');
        return s == null ? "" : nl < 0 ? s : s.substring(0, nl);
    }

    @Override
    public void close() {
        javalin.stop();
        Backend b = backend;
        if (b != null) {
            b.feed.close();
            b.producer.close(Duration.ofSeconds(10));
        }
        metrics.close();
    }

    /** The dashboard's address, for messages. */
    public String url() {
        return "http://" + settings.host() + ":" + port() + "/";
    }
}
