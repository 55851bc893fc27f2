package io.liveinsight.dashboard.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/** The live page's three files, read once from the jar's resources. */
final class StaticAssets {

    record Asset(String contentType, String body) {}

    private static final String ROOT = "/io/liveinsight/dashboard/web/";

    private final Map<String, Asset> assets;

    StaticAssets() {
        Asset page = new Asset("text/html; charset=utf-8", read("index.html"));
        this.assets = Map.of(
                "/",
                page,
                "/index.html",
                page,
                "/dashboard.js",
                new Asset("text/javascript; charset=utf-8", read("dashboard.js")),
                "/dashboard.css",
                new Asset("text/css; charset=utf-8", read("dashboard.css")));
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
