package io.liveinsight.load.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@code POST <base>/events} with {@code Content-Type: text/plain}, as the tracker's sendBeacon does. */
public final class HttpSender implements Sender {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final HttpClient client;
    private final URI events;
    private final Duration timeout;

    public HttpSender(URI baseUrl, Duration timeout) {
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        String base = baseUrl.toString();
        this.events = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/events");
        this.timeout = timeout;
    }

    @Override
    public SendResult send(Beacon beacon) {
        HttpRequest request = HttpRequest.newBuilder(events)
                .timeout(timeout)
                .header("Content-Type", "text/plain;charset=UTF-8")
                .header("User-Agent", "liveinsight-replay")
                .POST(HttpRequest.BodyPublishers.ofString(beacon.body()))
                .build();
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            long latency = System.nanoTime() - started;
            return parse(
                    response.statusCode(),
                    response.body(),
                    beacon.eventCount(),
                    latency,
                    response.headers().firstValue("Retry-After").orElse(null));
        } catch (IOException e) {
            return new SendResult(0, List.of(), 0, System.nanoTime() - started, 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendResult(0, List.of(), 0, System.nanoTime() - started, 0);
        }
    }

    static SendResult parse(int status, String body, int events, long latency, String retryAfter) {
        long retryAfterMs = 0;
        if (retryAfter != null) {
            try {
                retryAfterMs = Long.parseLong(retryAfter.strip()) * 1000;
            } catch (NumberFormatException e) {
                retryAfterMs = 0;
            }
        }
        if (status != 200) {
            return new SendResult(status, List.of(), status >= 400 && status < 500 ? events : 0, latency, retryAfterMs);
        }
        try {
            JsonNode answer = JSON.readTree(body);
            List<String> ids = new ArrayList<>();
            answer.path("event_ids").forEach(id -> ids.add(id.asText()));
            return new SendResult(status, ids, answer.path("rejected").size(), latency, 0);
        } catch (IOException e) {
            return new SendResult(status, List.of(), 0, latency, 0);
        }
    }
}
