package io.liveinsight.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.event.TableNames;
import io.liveinsight.event.site.SiteKeys;
import io.liveinsight.event.site.SiteLimits;
import io.liveinsight.local.engines.LocalAws;
import io.liveinsight.local.engines.Ports;
import io.liveinsight.local.engines.WithLocalAws;
import io.liveinsight.sites.SiteSettings;
import io.liveinsight.sites.dynamodb.SiteAdmin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The local edge with a real registry (docs/contract/sites.md#at-the-edge): a site added with the admin code is
 * served by its keys over HTTP, through DynamoDbSiteDirectory and the leases on DynamoDB Local; a missing key, an
 * unknown one and a browser key from another host are refused, and a session over its limit is a 429.
 */
@WithLocalAws
class SitesLocalTest {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * The session's limit (10/s, burst 100) is the one a flood of one session meets: the client's (burst 10,000) has
     * room, so which limit answers does not depend on how fast the test runs.
     */
    private static final SiteLimits SESSION_BOUND = new SiteLimits(500, 1_000, 1_000, 10_000, 10, 100);

    @Test
    void keysOriginsAndLimits_onTheLocalStack_withTheRegistryOnDynamoDbLocal(LocalAws aws) throws Exception {
        long unique = System.nanoTime();
        TableNames tables = TableNames.withPrefix("SitesLocal" + unique);
        try (LocalPipeline stack = LocalPipeline.start(config(aws, tables, unique), aws.endpoints())) {
            SiteAdmin admin = new SiteAdmin(aws.dynamoDb(), tables.sites());
            SiteAdmin.Minted shop = admin.add(
                    "shop", new SiteSettings("Shop", List.of("shop.example"), SESSION_BOUND, Set.of(), "UTC"));
            String server = shop.keys().get(SiteKeys.Kind.SERVER).orElseThrow();
            String write = shop.keys().get(SiteKeys.Kind.WRITE).orElseThrow();
            URI events = stack.edgeAddress().resolve("/events");
            String event =
                    "{\"session_id\":\"s1\",\"event_type\":\"page_view\",\"page_url\":\"https://shop.example/\"}";

            assertThat(post(events, event, Map.of("X-LiveInsight-Key", server)).statusCode())
                    .isEqualTo(200);
            assertThat(post(events, envelope(write, event), Map.of("Origin", "https://shop.example"))
                            .statusCode())
                    .isEqualTo(200);
            assertThat(post(events, envelope(write, event), Map.of()).statusCode())
                    .isEqualTo(200);
            HttpResponse<String> otherHost =
                    post(events, envelope(write, event), Map.of("Origin", "https://evil.example"));
            HttpResponse<String> noKey = post(events, event, Map.of());
            HttpResponse<String> unknown =
                    post(events, event, Map.of("X-LiveInsight-Key", SiteKeys.newKey(SiteKeys.Kind.SERVER)));

            assertThat(otherHost.statusCode()).isEqualTo(403);
            assertThat(noKey.statusCode()).isEqualTo(401);
            assertThat(noKey.body()).contains("site key missing");
            assertThat(unknown.statusCode()).isEqualTo(401);
            assertThat(unknown.body()).contains("site key unknown");

            StringBuilder flood = new StringBuilder("[");
            for (int i = 0; i < 100; i++) {
                flood.append(i == 0 ? "" : ",").append("{\"session_id\":\"s2\"}");
            }
            String hundred = flood.append(']').toString();
            assertThat(post(events, hundred, Map.of("X-LiveInsight-Key", server))
                            .statusCode())
                    .isEqualTo(200);
            HttpResponse<String> limited = post(events, hundred, Map.of("X-LiveInsight-Key", server));

            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.body()).isEqualTo("{\"error\":\"rate limit: session\",\"limit\":\"session\"}");
            assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        }
    }

    private static String envelope(String key, String event) {
        return "{\"site\":\"" + key + "\",\"events\":[" + event + "]}";
    }

    private static HttpResponse<String> post(URI uri, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static LocalConfig config(LocalAws aws, TableNames tables, long unique) {
        return new LocalConfig(
                "127.0.0.1",
                Ports.resolve(0),
                0,
                0,
                aws.endpoints().dynamoDb(),
                aws.endpoints().kinesis(),
                "sites-local-" + unique,
                1,
                tables,
                "sites-local-consumer-" + unique,
                null,
                false,
                LocalConfig.DEFAULT_REPLAY_KEY,
                null,
                LocalConfig.DEFAULT_ARCHIVE_FLUSH_AGE,
                false,
                2,
                false);
    }
}
