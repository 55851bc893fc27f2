package io.liveinsight.ingest.http;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * CORS for {@code /events}: which origins may call it, and the headers that say so. Origins are exact
 * ({@code https://shop.example.com}) or a subdomain wildcard ({@code https://*.example.com}); {@code *} allows any
 * origin and is meant for local development only (the configuration refuses it elsewhere).
 *
 * <p>An allowed origin is echoed (also under {@code *}) with {@code Access-Control-Allow-Credentials: true}, because
 * {@code navigator.sendBeacon} always sends credentials, and a preflighted beacon ({@code application/json}) fails
 * against a literal {@code *} or without that header; the edge itself reads no cookie.
 *
 * <p>Sites (docs/contract/sites.md#at-the-edge, {@link #withSites}): the registry cannot be listed by the edge (its
 * IAM allows no Scan, and lease items make a Scan large), so an origin is a site's only for a request that names the
 * site. A preflight is allowed for a listed origin, or for one whose host is a hostname of the active site whose write
 * key is in the URL ({@code ?site=}); a {@code POST} from an unlisted origin is no longer refused unread (its key may
 * be in the body): the {@link SiteGate} checks the origin against the key's site, and the answer echoes the origin
 * when that site allows it.
 */
public final class CorsPolicy {

    static final String ALLOWED_METHODS = "POST, OPTIONS";
    static final String ALLOWED_HEADERS = "Content-Type, Content-Encoding";
    static final Set<String> ALLOWED_REQUEST_HEADERS = Set.of("content-type", "content-encoding");
    static final String MAX_AGE_SECONDS = "7200";

    private final boolean anyOrigin;
    private final Set<String> exact;
    private final List<String[]> wildcards; // {scheme + "://", "." + domain}

    private final Predicate<IngestRequest> siteOrigin; // null: no sites, the allowlist alone decides

    private CorsPolicy(
            boolean anyOrigin, Set<String> exact, List<String[]> wildcards, Predicate<IngestRequest> siteOrigin) {
        this.anyOrigin = anyOrigin;
        this.exact = exact;
        this.wildcards = wildcards;
        this.siteOrigin = siteOrigin;
    }

    /**
     * This allowlist on an edge with sites: {@code siteOrigin} tells whether a preflight's origin is a hostname of
     * the site its URL names.
     */
    public CorsPolicy withSites(Predicate<IngestRequest> siteOrigin) {
        return new CorsPolicy(anyOrigin, exact, wildcards, siteOrigin);
    }

    /** Whether a {@code POST} from {@code origin} is refused before its body is read: unlisted, and no sites. */
    public boolean refusesUnread(String origin) {
        return origin != null && siteOrigin == null && !allows(origin);
    }

    /** The headers that let a browser on {@code origin} read an answer (its site allowed it). */
    public static Map<String, String> echo(String origin) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Access-Control-Allow-Origin", origin);
        headers.put("Access-Control-Allow-Credentials", "true");
        headers.put("Access-Control-Expose-Headers", "Retry-After");
        headers.put("Vary", "Origin");
        return headers;
    }

    public static CorsPolicy of(List<String> allowedOrigins) {
        boolean any = false;
        Set<String> exact = new HashSet<>();
        List<String[]> wildcards = new ArrayList<>();
        for (String raw : allowedOrigins) {
            String origin = normalise(raw);
            if (origin.equals("*")) {
                any = true;
            } else if (origin.contains("://*.")) {
                int split = origin.indexOf("://*.");
                wildcards.add(new String[] {origin.substring(0, split + 3), origin.substring(split + 4)});
            } else if (!origin.isEmpty()) {
                exact.add(origin);
            }
        }
        return new CorsPolicy(any, Set.copyOf(exact), List.copyOf(wildcards), null);
    }

    /** Whether {@code origin} is in the listed origins ({@code ALLOWED_ORIGINS}), sites aside. */
    public boolean allowsListed(String origin) {
        return allows(origin);
    }

    /** Whether {@code origin} is in the listed origins ({@code ALLOWED_ORIGINS}). */
    public boolean allows(String origin) {
        if (origin == null || origin.isBlank()) {
            return false;
        }
        if (anyOrigin) {
            return true;
        }
        String candidate = normalise(origin);
        if (exact.contains(candidate)) {
            return true;
        }
        for (String[] wildcard : wildcards) {
            if (candidate.startsWith(wildcard[0])
                    && candidate.endsWith(wildcard[1])
                    && candidate.length() > wildcard[0].length() + wildcard[1].length()
                    && candidate.indexOf('/', wildcard[0].length()) < 0) {
                return true;
            }
        }
        return false;
    }

    /** Headers for an actual (non-preflight) response to a request from this origin; empty when not allowed. */
    public Map<String, String> responseHeaders(String origin) {
        if (origin == null) {
            return Map.of();
        }
        if (!allows(origin)) {
            return Map.of("Vary", "Origin");
        }
        return echo(origin);
    }

    /** The answer to {@code OPTIONS /events}: 204 with the CORS headers, or 403 when the preflight is refused. */
    public IngestResponse preflight(IngestRequest request) {
        String origin = request.header("origin");
        String method = request.header("access-control-request-method");
        Map<String, String> vary =
                Map.of("Vary", "Origin, Access-Control-Request-Method, Access-Control-Request-Headers");
        if (!allows(origin) && !(origin != null && siteOrigin != null && siteOrigin.test(request))) {
            return IngestResponse.error(403, "origin not allowed").withHeaders(vary);
        }
        if (method != null && !method.strip().equals("POST")) {
            return IngestResponse.error(403, "only POST is allowed cross-origin")
                    .withHeaders(vary);
        }
        String requested = request.header("access-control-request-headers");
        if (requested != null) {
            for (String header : requested.split(",")) {
                String name = header.strip().toLowerCase(Locale.ROOT);
                if (!name.isEmpty() && !ALLOWED_REQUEST_HEADERS.contains(name)) {
                    return IngestResponse.error(403, "header not allowed: " + name)
                            .withHeaders(vary);
                }
            }
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Access-Control-Allow-Origin", origin);
        headers.put("Access-Control-Allow-Credentials", "true");
        headers.put("Access-Control-Allow-Methods", ALLOWED_METHODS);
        headers.put("Access-Control-Allow-Headers", ALLOWED_HEADERS);
        headers.put("Access-Control-Max-Age", MAX_AGE_SECONDS);
        headers.putAll(vary);
        return new IngestResponse(204, headers, null);
    }

    private static String normalise(String origin) {
        String value = origin.strip().toLowerCase(Locale.ROOT);
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }
}
