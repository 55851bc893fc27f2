package io.liveinsight.local.stats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicInteger;

/** The local stack's one port: posts events to the edge and reads the dashboard's routes, as a client would. */
final class EdgeClient {

    static final ObjectMapper JSON = new ObjectMapper();

    /** A dashboard answer: its status and JSON body. */
    record Answer(int status, JsonNode body) {}

    /** A client gives up after this many 503s in a row (the tracker keeps the events for later). */
    static final int MAX_ATTEMPTS = 20;

    static final Duration RESEND_AFTER = Duration.ofSeconds(1);

    private final URI edge;
    private final AtomicInteger refused = new AtomicInteger();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    EdgeClient(URI edge) {
        this.edge = edge;
    }

    /**
     * Posts one request's events as the tracker does (text/plain, its user agent), and, like the tracker, sends the
     * same events again after a 503 (Kinesis refusing for a while: docs/contract/api.md#statuses). Returns how many
     * were accepted.
     */
    int post(DayOfTraffic.Request request) {
        ArrayNode body = JSON.createArrayNode();
        request.events().forEach(e -> e.writeTo(body.addObject()));
        HttpRequest post = HttpRequest.newBuilder(edge.resolve("/events"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "text/plain;charset=UTF-8")
                .header("User-Agent", request.userAgent())
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        for (int attempt = 1; ; attempt++) {
            Answer answer = send(post);
            if (answer.status() == 503 && attempt < MAX_ATTEMPTS) {
                refused.incrementAndGet();
                pause(RESEND_AFTER);
                continue;
            }
            if (answer.status() != 200 || !answer.body().path("rejected").isEmpty()) {
                throw new AssertionError("POST /events: " + answer.status() + " " + answer.body());
            }
            return answer.body().path("accepted").asInt();
        }
    }

    /** Requests the edge answered 503 to (each sent again). */
    int refused() {
        return refused.get();
    }

    /** GET {@code path} with the query parameters, each value encoded (any characters). */
    Answer get(String path, Map<String, String> query) {
        StringJoiner joined = new StringJoiner("&", "?", "").setEmptyValue("");
        query.forEach((name, value) -> joined.add(name + "=" + encode(value)));
        return send(HttpRequest.newBuilder(URI.create(edge.resolve(path) + joined.toString()))
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build());
    }

    /** A path segment holding any text (an id with {@code / ~ # |}, astral characters, markup). */
    static String segment(String text) {
        return encode(text);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
            return new Answer(response.statusCode(), body);
        } catch (IOException e) {
            throw new UncheckedIOException(request.uri().toString(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
