package io.liveinsight.load.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.liveinsight.event.replay.ReplayIds;
import io.liveinsight.event.replay.ReplayKey;
import io.liveinsight.event.replay.ReplayLane;
import io.liveinsight.load.replay.source.ReplayJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * An edge for tests on 127.0.0.1: {@code POST /events} answered as docs/contract/replay.md#lane says (403 without the
 * key, ids mapped with it), 503 + {@code Retry-After: 0} for the first {@link #unavailableFirst} requests, and every
 * accepted event handed to {@link #onAccepted} as the stream would hold it (mapped ids, {@code replay_run}).
 */
public final class StubEdge implements AutoCloseable {

    /** One request as the stub received it. */
    public record Received(Map<String, List<String>> headers, String body) {
        public String header(String name) {
            for (Map.Entry<String, List<String>> header : headers.entrySet()) {
                if (header.getKey().equalsIgnoreCase(name)) {
                    return header.getValue().get(0);
                }
            }
            return null;
        }
    }

    private final HttpServer server;
    private final ReplayKey key;
    public final List<Received> received = new CopyOnWriteArrayList<>();
    public final AtomicInteger unavailableFirst = new AtomicInteger();
    public volatile Consumer<List<ObjectNode>> onAccepted = events -> {};

    /** {@code key} null: the lane is off on this edge. */
    public StubEdge(String key) {
        this.key = key == null ? null : ReplayKey.of(key);
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/events", this::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        received.add(new Received(Map.copyOf(exchange.getRequestHeaders()), body));
        if (unavailableFirst.getAndDecrement() > 0) {
            exchange.getResponseHeaders().add("Retry-After", "0");
            answer(exchange, 503, "{\"error\":\"stream unavailable\"}");
            return;
        }
        String run = exchange.getRequestHeaders().getFirst(ReplayLane.RUN_HEADER);
        ReplayIds ids = null;
        if (run != null) {
            if (key == null) {
                answer(exchange, 403, "{\"error\":\"replay lane is off on this deployment\"}");
                return;
            }
            if (!key.matches(exchange.getRequestHeaders().getFirst(ReplayLane.KEY_HEADER))) {
                answer(
                        exchange,
                        403,
                        "{\"error\":\"replay key missing or wrong\",\"field\":\"X-LiveInsight-Replay-Key\"}");
                return;
            }
            ids = new ReplayIds(key, run);
        }
        JsonNode events = ReplayJson.parse(body);
        if (events == null || !events.isArray()) {
            answer(exchange, 400, "{\"error\":\"malformed body\"}");
            return;
        }
        List<ObjectNode> accepted = new ArrayList<>();
        ArrayNode eventIds = ReplayJson.MAPPER.createArrayNode();
        for (JsonNode event : events) {
            ObjectNode stored = ((ObjectNode) event).deepCopy();
            if (ids != null) {
                stored.put("event_id", ids.eventId(stored.get("event_id").textValue()));
                stored.put("session_id", ids.sessionId(stored.get("session_id").textValue()));
                stored.put("user_id", ids.userId(stored.get("user_id").textValue()));
                stored.put("replay_run", run);
            }
            eventIds.add(stored.get("event_id").textValue());
            accepted.add(stored);
        }
        onAccepted.accept(accepted);
        ObjectNode answer = ReplayJson.MAPPER.createObjectNode().put("accepted", accepted.size());
        answer.set("event_ids", eventIds);
        answer.putArray("rejected");
        answer(exchange, 200, ReplayJson.write(answer));
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
