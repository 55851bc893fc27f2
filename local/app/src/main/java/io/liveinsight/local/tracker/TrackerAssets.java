package io.liveinsight.local.tracker;

import com.sun.net.httpserver.HttpHandler;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tracker module's files on the local edge: {@code GET /tracker.js} for any site (CORS and cross-origin resource
 * policy open, cached for 5 minutes, revalidated by ETag), and the demo shop at {@code /demo} and every path under it
 * (a single-page app), its script and style under {@code /demo/assets/}, behind a strict Content-Security-Policy.
 */
public final class TrackerAssets {

    public static final String RESOURCES = "io/liveinsight/tracker/";

    /** Scripts and styles from this origin only; the page may only talk to this origin's /events. */
    public static final String DEMO_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static final Logger LOG = LoggerFactory.getLogger(TrackerAssets.class);
    private static final String JS = "text/javascript; charset=utf-8";
    private static final String NOT_BUILT = "tracker not built: run ./mvnw -pl tracker install";

    private final Optional<StaticAsset> tracker;
    private final Optional<StaticAsset> demoPage;
    private final Optional<StaticAsset> demoScript;
    private final Optional<StaticAsset> demoStyle;

    private TrackerAssets() {
        tracker = StaticAsset.load(
                RESOURCES + "tracker.js",
                Map.of(
                        "Content-Type", JS,
                        "Cache-Control", "public, max-age=300",
                        "Access-Control-Allow-Origin", "*",
                        "Cross-Origin-Resource-Policy", "cross-origin",
                        "X-Content-Type-Options", "nosniff"));
        demoPage = StaticAsset.load(
                RESOURCES + "demo.html",
                Map.of(
                        "Content-Type", "text/html; charset=utf-8",
                        "Cache-Control", "no-cache",
                        "Content-Security-Policy", DEMO_CSP,
                        "Referrer-Policy", "strict-origin-when-cross-origin",
                        "X-Content-Type-Options", "nosniff",
                        "X-Frame-Options", "DENY"));
        demoScript = demoAsset("demo.js", JS);
        demoStyle = demoAsset("demo.css", "text/css; charset=utf-8");
    }

    /** Path prefix to handler, for the edge's extra routes. */
    public static Map<String, HttpHandler> routes() {
        TrackerAssets assets = new TrackerAssets();
        if (assets.tracker.isEmpty()) {
            LOG.warn("/tracker.js and /demo answer 404: {}", NOT_BUILT);
        }
        return Map.of("/tracker.js", new AssetHandler(assets::tracker), "/demo", new AssetHandler(assets::demo));
    }

    private Optional<StaticAsset> tracker(String path) {
        return path.equals("/tracker.js") ? tracker : Optional.empty();
    }

    private Optional<StaticAsset> demo(String path) {
        return switch (path) {
            case "/demo/assets/demo.js" -> demoScript;
            case "/demo/assets/demo.css" -> demoStyle;
            default ->
                path.equals("/demo") || (path.startsWith("/demo/") && !path.startsWith("/demo/assets/"))
                        ? demoPage
                        : Optional.empty();
        };
    }

    private static Optional<StaticAsset> demoAsset(String file, String contentType) {
        return StaticAsset.load(
                RESOURCES + file,
                Map.of("Content-Type", contentType, "Cache-Control", "no-cache", "X-Content-Type-Options", "nosniff"));
    }
}
