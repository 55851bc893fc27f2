package io.liveinsight.local.tracker;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Serves static assets for GET and HEAD: the asset a path resolves to, gzipped when the client accepts it, 304 when
 * its ETag still matches; 404 for other paths, 405 for other methods.
 */
final class AssetHandler implements HttpHandler {

    private final Function<String, Optional<StaticAsset>> resolve;

    AssetHandler(Function<String, Optional<StaticAsset>> resolve) {
        this.resolve = resolve;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                text(exchange, 405, "method not allowed");
                return;
            }
            Optional<StaticAsset> found = resolve.apply(exchange.getRequestURI().getPath());
            if (found.isEmpty()) {
                text(exchange, 404, "not found");
                return;
            }
            StaticAsset asset = found.get();
            var headers = exchange.getResponseHeaders();
            asset.headers().forEach(headers::set);
            headers.set("ETag", asset.etag());
            headers.set("Vary", "Accept-Encoding");
            if (matches(exchange.getRequestHeaders().getFirst("If-None-Match"), asset.etag())) {
                exchange.sendResponseHeaders(304, -1);
                return;
            }
            byte[] body = asset.body();
            if (acceptsGzip(exchange.getRequestHeaders().getFirst("Accept-Encoding"))) {
                headers.set("Content-Encoding", "gzip");
                body = asset.gzipped();
            }
            if (method.equals("HEAD")) {
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        return ifNoneMatch != null
                && (ifNoneMatch.strip().equals("*")
                        || Arrays.stream(ifNoneMatch.split(","))
                                .map(tag -> tag.strip().replaceFirst("^W/", ""))
                                .anyMatch(etag::equals));
    }

    private static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        return Arrays.stream(acceptEncoding.toLowerCase(Locale.ROOT).split(","))
                .map(String::strip)
                .anyMatch(coding -> coding.equals("gzip")
                        || (coding.startsWith("gzip;")
                                && !coding.replace(" ", "").endsWith("q=0")));
    }

    private static void text(HttpExchange exchange, int status, String message) throws IOException {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
