package io.liveinsight.dashboard.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liveinsight.dashboard.config.DashboardConfig;
import io.liveinsight.dashboard.support.InMemoryDashboardStore;
import io.liveinsight.dashboard.support.InMemoryStatsReader;
import io.liveinsight.dashboard.support.MutableClock;
import io.liveinsight.event.TableNames;
import io.liveinsight.lambda.http.HttpRequest;
import io.liveinsight.lambda.http.HttpResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/** The whole application over in-memory fakes of the store and the Stats table, as the original routes' tests use it. */
final class CompatFixture {

    static final long NOW = Instant.parse("2026-12-06T08:41:30Z").toEpochMilli();
    private static final ObjectMapper JSON = new ObjectMapper();

    final InMemoryDashboardStore store = new InMemoryDashboardStore();
    final InMemoryStatsReader stats = new InMemoryStatsReader();
    final MutableClock clock = new MutableClock(NOW);
    private final DashboardApplication app;

    CompatFixture() {
        this(null, ZoneId.of("UTC"));
    }

    CompatFixture(String token, ZoneId zone) {
        DashboardConfig config =
                new DashboardConfig(TableNames.defaults(), "us-east-1", null, token, List.of(), 4, Duration.ZERO, zone);
        this.app = new DashboardApplication(config, store, stats, clock);
    }

    static long at(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    HttpResponse handle(String path, Map<String, String> query, Map<String, String> headers) {
        return app.handle(new HttpRequest("GET", path, headers, query, null, false, null));
    }

    /** The JSON body of a GET, checked to have this status. */
    JsonNode get(String path, Map<String, String> query, int status) {
        HttpResponse response = handle(path, query, Map.of());
        assertThat(response.status())
                .as(path + " " + query + ": " + response.body())
                .isEqualTo(status);
        assertThat(response.headers()).containsEntry("Content-Type", "application/json; charset=utf-8");
        return parse(response.body());
    }

    JsonNode get(String path, Map<String, String> query) {
        return get(path, query, 200);
    }

    JsonNode get(String path) {
        return get(path, Map.of(), 200);
    }

    static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The reasons of a 400, as texts. */
    List<String> reasons(String path, Map<String, String> query) {
        JsonNode body = get(path, query, 400);
        assertThat(body.path("error").isTextual()).isTrue();
        return java.util.stream.StreamSupport.stream(body.path("reasons").spliterator(), false)
                .map(JsonNode::asText)
                .toList();
    }

    static List<String> names(JsonNode object) {
        List<String> names = new java.util.ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
