package io.feedwatch.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.feedwatch.chaos.Sent.Answer;
import io.feedwatch.chaos.Sent.Channel;
import io.feedwatch.ingest.EventJson;
import io.feedwatch.names.Topics;
import io.feedwatch.simulate.TimedEvent;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Feeds the simulated records, in send order and in batches, spread evenly over a wall-clock span: each batch goes
 * over HTTP to a seeded choice of instance, or straight to Kafka. A batch the HTTP API answers "failed" for (or that no
 * instance answers, because it is down) is retried on another instance until every event has a final answer, as a
 * client following the API's 503 "retry" would; a repeated eventId is then an ignored duplicate. Deliberately bad
 * records that are not JSON go to Kafka. Every record and its final answer go into the ledger.
 */
final class Workload implements Runnable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH = 20;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration RETRY_PAUSE = Duration.ofMillis(300);
    /** Long enough for any fault to pass; a record still unanswered then is reported, not retried forever. */
    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(5);

    private final List<TimedEvent> records;
    private final Producer<String, byte[]> producer;
    private final List<AppInstance> instances;
    private final HttpClient http;
    private final Duration span;
    private final SplittableRandom random;
    private final List<Sent> ledger = Collections.synchronizedList(new ArrayList<>());
    /** Set when the feeding thread is interrupted (the run is failing or being stopped): no new batch, no retry. */
    private volatile boolean stopped;

    Workload(List<TimedEvent> records, Producer<String, byte[]> producer, List<AppInstance> instances, HttpClient http,
             Duration span, long seed) {
        this.records = records;
        this.producer = producer;
        this.instances = instances;
        this.http = http;
        this.span = span;
        this.random = new SplittableRandom(seed ^ 0x574f524b4c4f4144L);
    }

    List<Sent> ledger() {
        synchronized (ledger) {
            return List.copyOf(ledger);
        }
    }

    int sentSoFar() {
        return ledger.size();
    }

    int total() {
        return records.size();
    }

    @Override
    public void run() {
        int batches = (records.size() + BATCH - 1) / BATCH;
        long pauseMs = batches == 0 ? 0 : span.toMillis() / batches;
        long start = System.nanoTime();
        for (int b = 0; b < batches && !stopped; b++) {
            List<TimedEvent> batch = records.subList(b * BATCH, Math.min(records.size(), (b + 1) * BATCH));
            boolean overHttp = random.nextBoolean();
            List<TimedEvent> toKafka = new ArrayList<>();
            List<TimedEvent> toHttp = new ArrayList<>();
            for (TimedEvent e : batch) {
                (overHttp && e.event() != null ? toHttp : toKafka).add(e);
            }
            sendToKafka(toKafka);
            if (!toHttp.isEmpty()) {
                post(toHttp, random.nextInt(instances.size()));
            }
            pauseUntil(start + TimeUnit.MILLISECONDS.toNanos(pauseMs * (b + 1)));
        }
    }

    private void sendToKafka(List<TimedEvent> batch) {
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        for (TimedEvent e : batch) {
            byte[] value = e.event() != null ? EventJson.write(EventJson.event(e.event())).getBytes(StandardCharsets.UTF_8) : e.rawValue();
            acks.add(producer.send(new ProducerRecord<>(Topics.FEEDING_EVENTS, e.key(), value)));
        }
        for (int i = 0; i < batch.size(); i++) {
            TimedEvent e = batch.get(i);
            ledger.add(new Sent(e.key(), eventId(e), Channel.KAFKA, acknowledged(acks.get(i)) ? Answer.ACCEPTED : Answer.NONE, null));
        }
    }

    /** The idempotent producer retries until delivery.timeout.ms; an error after that is an unanswered record. */
    private static boolean acknowledged(Future<RecordMetadata> ack) {
        try {
            ack.get(GIVE_UP_AFTER.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Posts until every event has a final answer, moving to the next instance after a failure. */
    private void post(List<TimedEvent> batch, int firstInstance) {
        List<TimedEvent> pending = new ArrayList<>(batch);
        long giveUp = System.nanoTime() + GIVE_UP_AFTER.toNanos();
        int target = firstInstance;
        while (!pending.isEmpty() && !stopped && System.nanoTime() < giveUp) {
            AppInstance instance = instances.get(target);
            target = (target + 1) % instances.size();
            JsonNode answer = postOnce(instance, pending);
            if (answer == null) {
                pauseFor(RETRY_PAUSE);
                continue;
            }
            List<TimedEvent> failed = new ArrayList<>();
            for (JsonNode r : answer.get("results")) {
                TimedEvent e = pending.get(r.get("index").asInt());
                switch (r.get("status").asText()) {
                    case "accepted" -> ledger.add(new Sent(e.key(), eventId(e), Channel.HTTP, Answer.ACCEPTED, null));
                    case "rejected" -> ledger.add(new Sent(e.key(), eventId(e), Channel.HTTP, Answer.REJECTED, r.get("reason").asText()));
                    default -> failed.add(e);
                }
            }
            pending = failed;
            if (!pending.isEmpty()) {
                pauseFor(RETRY_PAUSE);
            }
        }
        for (TimedEvent e : pending) {
            ledger.add(new Sent(e.key(), eventId(e), Channel.HTTP, Answer.NONE, null));
        }
    }

    /** The API's answer with per-event results, or null when the instance is down or answered without them. */
    private JsonNode postOnce(AppInstance instance, List<TimedEvent> events) {
        ArrayNode body = JSON.createArrayNode();
        events.forEach(e -> body.add(EventJson.event(e.event())));
        try {
            HttpRequest request = HttpRequest.newBuilder(instance.uri("/api/v1/events"))
                    .timeout(REQUEST_TIMEOUT)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(EventJson.write(body)))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode answer = JSON.readTree(response.body());
            return answer != null && answer.has("results") ? answer : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
            return null;
        }
    }

    private static String eventId(TimedEvent e) {
        return e.event() != null ? e.event().getEventId() : null;
    }

    private void pauseUntil(long nanoTime) {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            pauseFor(Duration.ofNanos(wait));
        }
    }

    private void pauseFor(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        }
    }
}
