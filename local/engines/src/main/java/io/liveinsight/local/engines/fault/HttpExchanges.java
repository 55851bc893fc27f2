package io.liveinsight.local.engines.fault;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads an exchange of the JDK's HTTP server into a {@link ProxyRequest} and writes the {@link ProxyResponse} back. */
final class HttpExchanges {

    private static final Logger LOG = LoggerFactory.getLogger(HttpExchanges.class);

    private HttpExchanges() {}

    static void handle(HttpExchange exchange, Responder responder) {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String query = exchange.getRequestURI().getRawQuery();
            ProxyRequest request = new ProxyRequest(
                    exchange.getRequestMethod(),
                    query == null ? path : path + "?" + query,
                    exchange.getRequestHeaders(),
                    exchange.getRequestBody().readAllBytes());
            ProxyResponse response = responder.respond(request);
            response.headers().forEach((name, values) -> {
                if (Headers.isEndToEnd(name)) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            byte[] body = response.body();
            boolean noBody = body.length == 0
                    || request.method().equals("HEAD")
                    || response.status() == 204
                    || response.status() == 304;
            // The JDK server reads length -1 as "no body" and 0 as "chunked".
            exchange.sendResponseHeaders(response.status(), noBody ? -1 : body.length);
            if (!noBody) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (IOException | RuntimeException e) {
            // The client went away, or the proxy is going down or closing: nothing left to answer.
            LOG.debug("FaultProxy exchange ended early: {}", e.toString());
        }
    }
}
