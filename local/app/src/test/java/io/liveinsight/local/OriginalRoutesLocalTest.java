package io.liveinsight.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.event.TableNames;
import io.liveinsight.local.engines.LocalAws;
import io.liveinsight.local.engines.Ports;
import io.liveinsight.local.engines.WithLocalAws;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The original project's routes on the local edge's port (docs/contract/api.md#original-routes): {@code /health/}
 * reaches the dashboard while {@code /health} stays the edge's, and the trailing-slash routes reach the dashboard.
 */
@WithLocalAws
class OriginalRoutesLocalTest {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private LocalPipeline stack;

    @AfterEach
    void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void edge_whenTheOriginalRoutesAreAsked_passesThemToTheDashboard(LocalAws aws) throws Exception {
        long unique = System.nanoTime();
        LocalConfig config = new LocalConfig(
                "127.0.0.1",
                Ports.resolve(0),
                0,
                0,
                aws.endpoints().dynamoDb(),
                aws.endpoints().kinesis(),
                "original-routes-" + unique,
                1,
                TableNames.withPrefix("Original" + unique),
                "original-routes-consumer",
                null,
                false);
        stack = LocalPipeline.start(config, aws.endpoints());

        HttpResponse<String> original = get("/health/");
        HttpResponse<String> edge = get("/health");
        HttpResponse<String> active = get("/api/sessions/active/");

        assertThat(original.statusCode()).as(original.body()).isEqualTo(200);
        assertThat(original.body()).contains("\"service\":\"liveinsight\"", "\"database\":\"connected\"");
        assertThat(edge.body()).contains("\"kinesis\"").doesNotContain("liveinsight");
        assertThat(active.statusCode()).isEqualTo(200);
        assertThat(active.body()).isEqualTo("[]");
    }

    private HttpResponse<String> get(String path) throws Exception {
        URI uri = stack.edgeAddress().resolve(path);
        return HTTP.send(
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
