package io.liveinsight.load.original;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.liveinsight.event.time.Sleeper;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;

/**
 * The original LiveInsight project's own performance test: {@code users} users start together, each sends
 * {@code requestsPerUser} single-event JSON requests one after another with a pause uniform in [min, max] between two
 * (100 users, 5 requests, 0.1-1.0 s: about 180 requests/s at the start); its goals were average <= 200 ms and
 * success >= 99 %. Every answer is kept, none resent: the figures are what its users saw. Client, sleeper and clock
 * are injected, so tests neither sleep nor open a socket.
 */
public final class OriginalPattern {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /** Sends one request body to {@code POST /events} once. */
    @FunctionalInterface
    public interface Client {
        Answer post(String body);
    }

    /**
     * @param status the HTTP status, 0 when nothing answered
     * @param latencyNanos from sending to the whole answer
     */
    public record Answer(int status, long latencyNanos) {}

    /** One request of the pattern and its answer. */
    public record Sent(int user, int index, Map<String, Object> event, String body, Answer answer) {
        public boolean acknowledged() {
            return answer.status() / 100 == 2;
        }
    }

    private final int users;
    private final int requestsPerUser;
    private final long minPauseMs;
    private final long maxPauseMs;
    private final long seed;

    public OriginalPattern(int users, int requestsPerUser, long minPauseMs, long maxPauseMs, long seed) {
        this.users = users;
        this.requestsPerUser = requestsPerUser;
        this.minPauseMs = minPauseMs;
        this.maxPauseMs = maxPauseMs;
        this.seed = seed;
    }

    /**
     * Runs the pattern: every user on its own thread of {@code threads}, all released at once. Event and session ids
     * start with {@code runId}, so runs never share a session.
     */
    public PatternResult run(
            String runId, Client client, Sleeper sleeper, ExecutorService threads, LongSupplier clockMs)
            throws InterruptedException {
        List<Sent> sent = new CopyOnWriteArrayList<>();
        CountDownLatch ready = new CountDownLatch(users);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> running = new ArrayList<>(users);
        for (int u = 0; u < users; u++) {
            int user = u;
            running.add(threads.submit(() -> {
                Random pauses = new Random(seed * 1_000_003L + user);
                ready.countDown();
                start.await();
                for (int n = 0; n < requestsPerUser; n++) {
                    Map<String, Object> event = event(runId, user, n, clockMs.getAsLong());
                    String body = json(event);
                    sent.add(new Sent(user, n, event, body, client.post(body)));
                    if (n + 1 < requestsPerUser) {
                        sleeper.sleep(Duration.ofMillis(minPauseMs + pauses.nextLong(maxPauseMs - minPauseMs + 1)));
                    }
                }
                return null;
            }));
        }
        ready.await();
        long started = System.nanoTime();
        start.countDown();
        for (Future<?> user : running) {
            try {
                user.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("a user failed", e.getCause());
            }
        }
        return new PatternResult(List.copyOf(sent), System.nanoTime() - started);
    }

    /** The request body of the original client: one event object, its fields as the original API named them. */
    static Map<String, Object> event(String runId, int user, int index, long timestampMs) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event_id", "orig-" + runId + "-" + user + "-" + index);
        event.put("user_id", "orig-user-" + runId + "-" + user);
        event.put("session_id", "orig-" + runId + "-" + user);
        event.put("event_type", "page_view");
        event.put("page_url", "https://shop.example.com/p/" + index);
        event.put("timestamp", timestampMs);
        return event;
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
