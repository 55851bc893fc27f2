package io.liveinsight.load.replay.send;

import com.fasterxml.jackson.databind.JsonNode;
import io.liveinsight.event.replay.ReplayLane;
import io.liveinsight.load.replay.Beacon;
import io.liveinsight.load.replay.SendResult;
import io.liveinsight.load.replay.Sender;
import io.liveinsight.load.replay.plan.PlannedRequest;
import io.liveinsight.load.replay.source.ReplayJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@code POST <base>/events} as a browser's beacon ({@code text/plain}), with the recorded user agent and, on the
 * replay lane, the run and the key (docs/contract/replay.md#lane). One attempt per call: the {@code Replayer} resends.
 * Refusals are kept in {@link EdgeAnswers} with the edge's reasons; the key is never logged or reported.
 */
public final class ReplayHttpSender implements Sender {

    /** The lane's headers; null for {@code --no-lane}. */
    public record Lane(String run, String key) {
        @Override
        public String toString() {
            return "Lane[run=" + run + ", key=(not shown)]";
        }
    }

    private final HttpClient client;
    private final URI events;
    private final Duration timeout;
    private final Lane lane;
    private final Function<Beacon, PlannedRequest> planned;
    private final EdgeAnswers answers;

    public ReplayHttpSender(
            HttpClient client,
            URI baseUrl,
            Duration timeout,
            Lane lane,
            Function<Beacon, PlannedRequest> planned,
            EdgeAnswers answers) {
        this.client = client;
        String base = baseUrl.toString();
        this.events = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/events");
        this.timeout = timeout;
        this.lane = lane;
        this.planned = planned;
        this.answers = answers;
    }

    public static HttpClient client() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    @Override
    public SendResult send(Beacon beacon) {
        PlannedRequest request = planned.apply(beacon);
        HttpRequest.Builder http = HttpRequest.newBuilder(events)
                .timeout(timeout)
                .header("Content-Type", "text/plain;charset=UTF-8")
                .header("User-Agent", request.userAgent())
                .POST(HttpRequest.BodyPublishers.ofString(beacon.body(), StandardCharsets.UTF_8));
        if (lane != null) {
            http.header(ReplayLane.RUN_HEADER, lane.run()).header(ReplayLane.KEY_HEADER, lane.key());
        }
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = client.send(http.build(), HttpResponse.BodyHandlers.ofString());
            long latency = System.nanoTime() - started;
            answers.answer(response.statusCode());
            return answer(request, response.statusCode(), response.body(), latency, retryAfter(response));
        } catch (IOException e) {
            answers.answer(0);
            return new SendResult(0, List.of(), 0, System.nanoTime() - started, 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answers.answer(0);
            return new SendResult(0, List.of(), 0, System.nanoTime() - started, 0);
        }
    }

    SendResult answer(PlannedRequest request, int status, String body, long latency, long retryAfterMs) {
        int count = request.events().size();
        if (status == 403 && lane != null) {
            answers.forbidden("403 " + error(body));
        }
        if (status >= 400 && status < 500) {
            answers.refused(count, request.origin() + ": " + status + " " + error(body));
            return new SendResult(status, List.of(), count, latency, 0);
        }
        if (status != 200) {
            return new SendResult(status, List.of(), 0, latency, retryAfterMs);
        }
        JsonNode answer = ReplayJson.parse(body);
        if (answer == null) {
            return new SendResult(status, List.of(), 0, latency, 0);
        }
        List<String> ids = new ArrayList<>();
        answer.path("event_ids").forEach(id -> ids.add(id.asText()));
        JsonNode rejected = answer.path("rejected");
        for (JsonNode one : rejected) {
            int index = one.path("index").asInt(-1);
            String id =
                    index >= 0 && index < count ? request.expected().get(index).eventId() : "?";
            answers.refused(1, request.origin() + " event " + index + " (" + id + "): " + one.path("errors"));
        }
        return new SendResult(status, ids, rejected.size(), latency, 0);
    }

    private static long retryAfter(HttpResponse<String> response) {
        String value = response.headers().firstValue("Retry-After").orElse("").strip();
        try {
            return Math.min(60, Math.max(0, Long.parseLong(value))) * 1000;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String error(String body) {
        JsonNode json = ReplayJson.parse(body == null ? "" : body);
        if (json != null && json.hasNonNull("error")) {
            String field = json.path("field").asText("");
            return json.get("error").asText() + (field.isEmpty() ? "" : " (" + field + ")");
        }
        String text = body == null ? "" : body.strip();
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
