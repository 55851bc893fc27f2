package io.liveinsight.dashboard.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The page's files (the HTML shell, its scripts in load order, its style), read once from the jar's resources. */
final class StaticAssets {

    record Asset(String contentType, String body) {}

    /** Every script the page loads; index.html names them in this order. */
    static final List<String> SCRIPTS =
            List.of("common.js", "chart.js", "zone.js", "dashboard.js", "stats-details.js", "stats.js");

    private static final String ROOT = "/io/liveinsight/dashboard/web/";

    private final Map<String, Asset> assets = new HashMap<>();

    StaticAssets() {
        Asset page = new Asset("text/html; charset=utf-8", read("index.html"));
        assets.put("/", page);
        assets.put("/index.html", page);
        assets.put("/dashboard.css", new Asset("text/css; charset=utf-8", read("dashboard.css")));
        for (String script : SCRIPTS) {
            assets.put("/" + script, new Asset("text/javascript; charset=utf-8", read(script)));
        }
    }

    Optional<Asset> find(String path) {
        return Optional.ofNullable(assets.get(path));
    }

    private static String read(String name) {
        try (InputStream in = StaticAssets.class.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + ROOT + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
