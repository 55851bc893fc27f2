package io.liveinsight.ingest.http;

import io.liveinsight.ingest.port.EventPublisher;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Routes one HTTP request: {@code POST /events} to the {@link EventIngestor}, {@code OPTIONS} to the CORS
 * preflight, {@code GET /health} to the stream's health; everything else is 405. Adds the CORS headers to every
 * answer, errors included, so a browser can read why it was refused.
 *
 * <p>The allowlist also decides what is stored: a {@code POST} whose {@code Origin} names a site outside it is
 * refused (403) unread. A {@code text/plain} beacon needs no preflight, so without this any page on the web could
 * make its visitors' browsers write events; clients that send no {@code Origin} (servers, load tests) are unaffected.
 * With sites ({@link CorsPolicy#withSites}) the key may be in the body, so the {@link SiteGate} checks the origin
 * against the request's own site once the body is read (docs/contract/sites.md#at-the-edge).
 */
public final class IngestEdge {

    private static final Map<String, String> NO_STORE = Map.of("Cache-Control", "no-store");

    private final EventIngestor ingestor;
    private final EventPublisher publisher;
    private final CorsPolicy cors;

    public IngestEdge(EventIngestor ingestor, EventPublisher publisher, CorsPolicy cors) {
        this.ingestor = ingestor;
        this.publisher = publisher;
        this.cors = cors;
    }

    public IngestResponse handle(IngestRequest request) {
        IngestResponse response =
                switch (request.method()) {
                    case "POST" -> originRefused(request) ? ingestor.refuseOrigin() : ingestor.ingest(request);
                    case "OPTIONS" -> cors.preflight(request);
                    case "GET" -> request.path().endsWith("/health") ? health() : methodNotAllowed();
                    default -> methodNotAllowed();
                };
        if (request.method().equals("OPTIONS")) {
            return response.withHeaders(NO_STORE);
        }
        Map<String, String> headers = new LinkedHashMap<>(cors.responseHeaders(request.header("origin")));
        headers.putAll(NO_STORE);
        return response.withHeaders(headers);
    }

    private boolean originRefused(IngestRequest request) {
        return cors.refusesUnread(request.header("origin"));
    }

    private IngestResponse health() {
        boolean healthy = publisher.isHealthy();
        return IngestResponse.of(
                healthy ? 200 : 503,
                Map.of("status", healthy ? "ok" : "unavailable", "kinesis", healthy ? "up" : "down"));
    }

    private static IngestResponse methodNotAllowed() {
        return IngestResponse.error(405, "method not allowed").withHeaders(Map.of("Allow", "POST, OPTIONS"));
    }
}
