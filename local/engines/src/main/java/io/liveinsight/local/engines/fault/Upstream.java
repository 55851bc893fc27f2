package io.liveinsight.local.engines.fault;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executor;

/** The engine behind the proxy, over HTTP/1.1; messages go and come back with their end-to-end headers. */
final class Upstream implements AutoCloseable {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final URI uri;
    private final String base;
    private final HttpClient client;

    Upstream(URI uri, Executor executor) {
        this.uri = uri;
        String text = uri.toString();
        this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
    }

    URI uri() {
        return uri;
    }

    ProxyResponse send(ProxyRequest request) throws IOException, InterruptedException {
        HttpRequest.BodyPublisher body = request.body().length == 0
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(request.body());
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + request.pathAndQuery()))
                .timeout(REQUEST_TIMEOUT)
                .method(request.method(), body);
        request.headers().forEach((name, values) -> {
            if (Headers.isEndToEnd(name)) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        HttpResponse<byte[]> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        response.headers().map().forEach((name, values) -> {
            if (Headers.isEndToEnd(name) && !name.startsWith(":")) {
                headers.put(name, values);
            }
        });
        return new ProxyResponse(response.statusCode(), headers, response.body());
    }

    /** Aborts requests in flight and waits for the client's threads to end. */
    @Override
    public void close() {
        client.shutdownNow();
        try {
            client.awaitTermination(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
