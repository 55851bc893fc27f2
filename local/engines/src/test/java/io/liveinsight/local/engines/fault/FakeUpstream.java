package io.liveinsight.local.engines.fault;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A scripted upstream that records what reaches it; for checks the real engines cannot show. */
final class FakeUpstream implements AutoCloseable {

    record Received(String method, String pathAndQuery, Map<String, List<String>> headers, byte[] body) {}

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch hold = new CountDownLatch(0);

    private FakeUpstream(int status, Map<String, String> headers, byte[] body) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            try (exchange) {
                String query = exchange.getRequestURI().getRawQuery();
                received.add(new Received(
                        exchange.getRequestMethod(),
                        exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query),
                        Map.copyOf(exchange.getRequestHeaders()),
                        exchange.getRequestBody().readAllBytes()));
                hold.await(10, TimeUnit.SECONDS);
                headers.forEach(exchange.getResponseHeaders()::add);
                exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
                exchange.getResponseBody().write(body);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
    }

    static FakeUpstream answering(int status, Map<String, String> headers, byte[] body) {
        return new FakeUpstream(status, headers, body);
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<Received> received() {
        return received;
    }

    /** Makes the following requests wait (up to 10 s) until the returned latch is counted down. */
    CountDownLatch holdAnswers() {
        hold = new CountDownLatch(1);
        return hold;
    }

    @Override
    public void close() {
        hold.countDown();
        server.stop(0);
    }
}
