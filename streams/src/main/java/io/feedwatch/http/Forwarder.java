package io.feedwatch.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.kafka.streams.state.HostInfo;

/** Asks another feedwatch instance (its {@code application.server}) for what only it holds. */
final class Forwarder {
    /** Marks a request sent by another instance: it is answered from local state only, never forwarded again. */
    static final String HEADER = "X-Feedwatch-Forwarded";

    private final HttpClient client;
    private final Duration timeout;

    Forwarder(Duration timeout) {
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.timeout = timeout;
    }

    record Answer(int status, String contentType, byte[] body) {
    }

    /**
     * GET {@code pathAndQuery} on {@code host}, passing the caller's Authorization on (every instance shares the tokens).
     *
     * @throws ApiException 503 when the instance cannot be reached
     */
    Answer get(HostInfo host, String pathAndQuery, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + host.host() + ":" + host.port() + pathAndQuery))
                .timeout(timeout)
                .header(HEADER, "true")
                .GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<byte[]> r = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse("application/json"), r.body());
        } catch (IOException e) {
            throw ApiException.unavailable("instance " + host.host() + ":" + host.port() + " did not answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("interrupted while asking " + host.host() + ":" + host.port());
        }
    }
}
