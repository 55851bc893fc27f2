package io.liveinsight.dashboard.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liveinsight.dashboard.config.DashboardConfig;
import io.liveinsight.dashboard.domain.SiteAccess;
import io.liveinsight.dashboard.port.DashboardStore;
import io.liveinsight.dashboard.port.StatsReader;
import io.liveinsight.dashboard.port.StoreUnavailableException;
import io.liveinsight.event.site.SiteId;
import io.liveinsight.lambda.http.HttpRequest;
import io.liveinsight.lambda.http.HttpResponse;
import io.liveinsight.sites.InMemorySiteDirectory;
import io.liveinsight.sites.SiteDirectory;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard behind any HTTP front (API Gateway through the handlers, or the local edge): the read API
 * under {@code /api}, the page at {@code /}, the bearer tokens and which sites each reads ({@link Readers}:
 * docs/contract/sites.md#dashboard), CORS for the configured origins, and the security headers. Built once;
 * thread-safe.
 */
public final class DashboardApplication {

    static final String ALLOWED_METHODS = "GET, HEAD, OPTIONS";
    /** The sites the request may read (docs/contract/sites.md#dashboard). */
    static final String SITES = "/api/sites";
    /**
     * The page runs only its own script and style and talks only to its own origin: even if a value ever reached
     * HTML, no inline script or handler could run.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static final Logger LOG = LoggerFactory.getLogger(DashboardApplication.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DashboardConfig config;
    private final DashboardApi api;
    private final CompatApi compat;
    private final StaticAssets assets = new StaticAssets();
    private final Readers readers;
    private final SitesApi sites;

    /**
     * Without a reader of the Stats table (an application built for the session routes alone), the statistics routes
     * and the live figures say 503: never figures from nowhere. The handlers pass the DynamoDB reader.
     */
    static final StatsReader NO_STATS = key -> {
        throw new StoreUnavailableException("no reader of the Stats table is configured", null);
    };

    /**
     * Without a registry (an application built for the default site alone): no read token opens anything and no site
     * is listed; {@code DASHBOARD_TOKEN} reads every site as ever. The handlers pass the DynamoDB registry.
     */
    static final SiteDirectory NO_SITES = new InMemorySiteDirectory();

    public DashboardApplication(DashboardConfig config, DashboardStore store, Clock clock) {
        this(config, store, NO_STATS, clock);
    }

    public DashboardApplication(DashboardConfig config, DashboardStore store, StatsReader stats, Clock clock) {
        this(config, store, stats, NO_SITES, clock);
    }

    public DashboardApplication(
            DashboardConfig config, DashboardStore store, StatsReader stats, SiteDirectory directory, Clock clock) {
        this.config = config;
        this.api = new DashboardApi(store, stats, clock, config.snapshotMaxAge());
        this.compat = new CompatApi(store, stats, clock, config.statsTimeZone(), config.snapshotMaxAge());
        this.readers = new Readers(config.token(), directory, clock);
        this.sites = new SitesApi(directory);
    }

    public HttpResponse handle(HttpRequest request) {
        String origin = request.header("origin");
        Map<String, String> cors = cors(origin);
        String method = request.method() == null ? "" : request.method();
        if (method.equals("OPTIONS")) {
            return origin != null && cors.isEmpty()
                    ? respond(403, cors, Map.of("error", "origin not allowed"))
                    : new HttpResponse(204, with(cors, "Allow", ALLOWED_METHODS), null);
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return respond(405, with(cors, "Allow", ALLOWED_METHODS), Map.of("error", "method not allowed"));
        }
        String path = request.path() == null ? "/" : request.path();
        HttpResponse response = path.equals("/api") || path.startsWith("/api/") || path.equals(CompatApi.HEALTH)
                ? api(request, path, cors)
                : page(path);
        return method.equals("HEAD") ? new HttpResponse(response.status(), response.headers(), null) : response;
    }

    private HttpResponse api(HttpRequest request, String path, Map<String, String> cors) {
        try {
            boolean open = path.equals("/api/health") || path.equals(CompatApi.HEALTH);
            if (open) {
                ApiResponse response =
                        compat.handle(path, request.query()).orElseGet(() -> api.handle(path, request.query()));
                return respond(response.status(), cors, response.body());
            }
            Readers.Decision decision = readers.decide(request.header("authorization"));
            if (decision instanceof Readers.Refused refused) {
                Map<String, String> headers =
                        refused.status() == 401 ? with(cors, "WWW-Authenticate", "Bearer realm=\"liveinsight\"") : cors;
                return respond(refused.status(), headers, Map.of("error", refused.error()));
            }
            Readers.Granted granted = (Readers.Granted) decision;
            SiteAccess access = granted.access();
            ApiResponse response;
            if (path.equals(SITES) || path.equals(SITES + "/")) {
                response = sites.list(granted, request.query());
            } else if (compat.handles(path)) {
                // The original routes first, on the raw path (a trailing slash tells them apart): the default site's.
                response = access.reads(SiteId.DEFAULT)
                        ? compat.handle(path, request.query()).orElseThrow()
                        : ApiResponse.error(403, access.refusal());
            } else {
                response = api.handle(access, path, request.query());
            }
            return respond(response.status(), cors, response.body());
        } catch (StoreUnavailableException e) {
            LOG.warn("dashboard read failed: {}", e.getMessage());
            return respond(
                    503, with(cors, "Retry-After", "5"), Map.of("error", "the tables are not answering; try again"));
        }
    }

    private HttpResponse page(String path) {
        Optional<StaticAssets.Asset> asset = assets.find(path);
        if (asset.isEmpty()) {
            return respond(404, Map.of(), Map.of("error", "not found"));
        }
        Map<String, String> headers = new LinkedHashMap<>(securityHeaders());
        headers.put("Content-Type", asset.get().contentType());
        headers.put("Cache-Control", "no-cache");
        return new HttpResponse(200, headers, asset.get().body());
    }

    private Map<String, String> cors(String origin) {
        if (origin == null || !config.allowedOrigins().contains(origin)) {
            return Map.of();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Access-Control-Allow-Origin", origin);
        headers.put("Access-Control-Allow-Methods", ALLOWED_METHODS);
        headers.put("Access-Control-Allow-Headers", "Authorization");
        headers.put("Access-Control-Max-Age", "600");
        headers.put("Vary", "Origin");
        return headers;
    }

    private static HttpResponse respond(int status, Map<String, String> extra, Object body) {
        Map<String, String> headers = new LinkedHashMap<>(securityHeaders());
        headers.putAll(extra);
        headers.put("Content-Type", "application/json; charset=utf-8");
        headers.put("Cache-Control", "no-store");
        try {
            return new HttpResponse(status, headers, JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> securityHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Referrer-Policy", "no-referrer");
        return headers;
    }

    private static Map<String, String> with(Map<String, String> headers, String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return copy;
    }
}
