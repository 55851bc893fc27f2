package io.liveinsight.load.original;

import io.liveinsight.event.time.Sleeper;
import io.liveinsight.load.bench.StackMetrics;
import io.liveinsight.load.replay.Beacon;
import io.liveinsight.load.replay.ReplaySummary;
import io.liveinsight.load.replay.Replayer;
import io.liveinsight.load.replay.Sender;
import io.liveinsight.load.replay.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * Sustained events/s end to end: a fixed number of events sent as fast as {@code concurrency} requests in flight allow
 * (resent on 503 + Retry-After, as the tracker does; no new request after {@code sendFor}), timed from the first
 * request until the consumer has processed every acknowledged event ({@code EventsProcessed} at {@code /metrics}), so
 * the figure is the whole pipeline's, edge to the tables.
 */
final class SustainedRun {

    /** Events of one session; a request carries 1 of them, or all 10. */
    static final int SESSION_EVENTS = 10;

    /**
     * @param eventsPerSecond acknowledged events / (last processed - first sent)
     * @param summary what the sender saw (503s resent, latencies)
     * @param drainedSeconds from the first request until the consumer had processed everything
     */
    record Figures(double eventsPerSecond, ReplaySummary summary, double drainedSeconds, boolean drained) {}

    private SustainedRun() {}

    /**
     * The requests for {@code events} events: sessions of {@link #SESSION_EVENTS} page views and clicks,
     * {@code perRequest} events a request. With one a request, sessions take turns, so each session's events are
     * spread over the run as a visitor's would be.
     */
    static List<Beacon> plan(String runId, int events, int perRequest, long nowMs) {
        if (perRequest != 1 && perRequest != SESSION_EVENTS) {
            throw new IllegalArgumentException("1 or " + SESSION_EVENTS + " events a request");
        }
        int sessions = Math.max(1, events / SESSION_EVENTS);
        List<List<Map<String, Object>>> bySession = new ArrayList<>();
        for (int s = 0; s < sessions; s++) {
            List<Map<String, Object>> session = new ArrayList<>();
            for (int i = 0; i < SESSION_EVENTS; i++) {
                Map<String, Object> event = new LinkedHashMap<>();
                event.put("event_id", "sus-" + runId + "-" + perRequest + "-" + s + "-" + i);
                event.put("user_id", "sus-user-" + runId + "-" + perRequest + "-" + s);
                event.put("session_id", "sus-" + runId + "-" + perRequest + "-" + s);
                event.put("event_type", i % 3 == 2 ? "click" : "page_view");
                event.put("page_url", "https://shop.example.com/p/" + (s * 7 + i) % 50);
                event.put("timestamp", nowMs - (SESSION_EVENTS - i) * 1_000L);
                session.add(event);
            }
            bySession.add(session);
        }
        List<Beacon> plan = new ArrayList<>();
        if (perRequest == SESSION_EVENTS) {
            bySession.forEach(session -> plan.add(beacon(session)));
        } else {
            for (int i = 0; i < SESSION_EVENTS; i++) {
                for (List<Map<String, Object>> session : bySession) {
                    plan.add(beacon(List.of(session.get(i))));
                }
            }
        }
        return plan;
    }

    private static Beacon beacon(List<Map<String, Object>> events) {
        return new Beacon(0, (String) events.get(0).get("session_id"), OriginalPattern.json(events), events);
    }

    static Figures run(
            List<Beacon> plan,
            Sender sender,
            int concurrency,
            Duration sendFor,
            StackMetrics metrics,
            ExecutorService threads)
            throws InterruptedException {
        double processedBefore = metrics.get(StackMetrics.EVENTS_PROCESSED);
        long started = System.nanoTime();
        long stopAt = started + sendFor.toNanos();
        ReplaySummary summary = new Replayer(
                        sender,
                        Ticker.SYSTEM,
                        Sleeper.SYSTEM,
                        threads,
                        concurrency,
                        Replayer.DEFAULT_MAX_ATTEMPTS,
                        true,
                        Replayer.ProgressListener.NONE)
                .run(plan, () -> System.nanoTime() > stopAt);
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        boolean drained = false;
        while (System.nanoTime() < deadline) {
            if (metrics.get(StackMetrics.EVENTS_PROCESSED) >= processedBefore + summary.accepted()) {
                drained = true;
                break;
            }
            Thread.sleep(100);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Figures(summary.accepted() / seconds, summary, seconds, drained);
    }
}
