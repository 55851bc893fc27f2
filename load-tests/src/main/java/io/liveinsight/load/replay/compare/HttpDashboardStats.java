package io.liveinsight.load.replay.compare;

import com.fasterxml.jackson.databind.JsonNode;
import io.liveinsight.load.replay.source.ReplayJson;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/** {@link DashboardStats} over HTTP, with {@code Authorization: Bearer <token>} when a token is given (never logged). */
public final class HttpDashboardStats implements DashboardStats {

    private final HttpClient client;
    private final String base;
    private final String token;

    public HttpDashboardStats(HttpClient client, URI baseUrl, String token) {
        this.client = client;
        String url = baseUrl.toString();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.token = token;
    }

    @Override
    public JsonNode get(String route, Map<String, String> query) {
        String parameters = query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + route + "?" + parameters))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json")
                .GET();
        if (token != null && !token.isEmpty()) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new DashboardException(0, "GET " + route + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DashboardException(0, "GET " + route + " interrupted");
        }
        JsonNode body = ReplayJson.parse(response.body());
        if (response.statusCode() != 200 || body == null) {
            String error = body == null ? "" : " " + body.path("error").asText("") + reasons(body);
            throw new DashboardException(
                    response.statusCode(), "GET " + route + " answered " + response.statusCode() + error);
        }
        return body;
    }

    private static String reasons(JsonNode body) {
        JsonNode reasons = body.get("reasons");
        return reasons == null || reasons.isEmpty() ? "" : " " + reasons;
    }
}
