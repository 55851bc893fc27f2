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

/** The local stack's one port: posts events to the edge and reads the dashboard's routes, as a client would. */
final class EdgeClient {

    static final ObjectMapper JSON = new ObjectMapper();

    /** A dashboard answer: its status and JSON body. */
    record Answer(int status, JsonNode body) {}

    private final URI edge;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    EdgeClient(URI edge) {
        this.edge = edge;
    }

    /** Posts one request's events as the tracker does (text/plain, its user agent); returns how many were accepted. */
    int post(DayOfTraffic.Request request) {
        ArrayNode body = JSON.createArrayNode();
        request.events().forEach(e -> e.writeTo(body.addObject()));
        HttpRequest post = HttpRequest.newBuilder(edge.resolve("/events"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "text/plain;charset=UTF-8")
                .header("User-Agent", request.userAgent())
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        JsonNode answer = send(post).body();
        if (!answer.path("rejected").isEmpty()) {
            throw new AssertionError("the edge rejected events: " + answer);
        }
        return answer.path("accepted").asInt();
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

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
            if (request.method().equals("POST") && response.statusCode() != 200) {
                throw new AssertionError("POST /events: " + response.statusCode() + " " + response.body());
            }
            return new Answer(response.statusCode(), body);
        } catch (IOException e) {
            throw new UncheckedIOException(request.uri().toString(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
