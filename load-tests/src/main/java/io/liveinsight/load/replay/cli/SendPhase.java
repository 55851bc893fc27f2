package io.liveinsight.load.replay.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.liveinsight.event.time.Sleeper;
import io.liveinsight.load.check.Problems;
import io.liveinsight.load.check.StoredItems;
import io.liveinsight.load.replay.Beacon;
import io.liveinsight.load.replay.ConsoleProgressBar;
import io.liveinsight.load.replay.ReplaySummary;
import io.liveinsight.load.replay.Replayer;
import io.liveinsight.load.replay.Ticker;
import io.liveinsight.load.replay.plan.ExpectedEvent;
import io.liveinsight.load.replay.plan.PlannedRequest;
import io.liveinsight.load.replay.plan.ReplayPlan;
import io.liveinsight.load.replay.report.Counted;
import io.liveinsight.load.replay.report.SendingFigures;
import io.liveinsight.load.replay.send.EdgeAnswers;
import io.liveinsight.load.replay.send.LagSampler;
import io.liveinsight.load.replay.send.ReplayHttpSender;
import io.liveinsight.load.replay.send.Timeline;
import io.liveinsight.load.replay.send.TimelineSender;
import io.liveinsight.load.replay.source.ReplayJson;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends a plan: the {@link Replayer} (on time, bounded in flight, resends on 503 + Retry-After and on no answer) over
 * the replay's sender ({@link ReplayHttpSender}) wrapped in the {@link Timeline}, with the {@link LagSampler} polling
 * Events when the tables are given. Stops early when the lane is refused or the edge never answers.
 */
final class SendPhase {

    /** Longest a sampled event is polled before it counts as never seen. */
    static final Duration LAG_TIMEOUT = Duration.ofSeconds(120);

    /** What sending gave. */
    record Outcome(SendingFigures figures, List<Timeline.Second> timeline, List<LagSampler.Sample> lag) {}

    private SendPhase() {}

    static Outcome run(ReplayOptions options, ReplayPlan plan, Backends backends, PrintStream out, boolean showProgress)
            throws InterruptedException {
        Map<Beacon, PlannedRequest> byBeacon = new IdentityHashMap<>();
        List<Beacon> beacons = new ArrayList<>(plan.requests().size());
        for (PlannedRequest request : plan.requests()) {
            // The Replayer counts a beacon's events; the events themselves travel in its body.
            List<Map<String, Object>> counted =
                    Collections.nCopies(request.events().size(), Map.of());
            Beacon beacon = new Beacon(
                    request.sendAtMs(),
                    request.expected().get(0).sessionId(),
                    ReplayJson.write(request.events()),
                    counted);
            byBeacon.put(beacon, request);
            beacons.add(beacon);
        }
        EdgeAnswers answers = new EdgeAnswers();
        ReplayHttpSender http = new ReplayHttpSender(
                backends.http,
                options.url(),
                options.timeout(),
                options.lane() ? new ReplayHttpSender.Lane(options.run(), options.replayKey()) : null,
                byBeacon::get,
                answers);
        long start = Ticker.SYSTEM.nanos();
        Timeline timeline = new Timeline();
        LagSampler lag = backends.tables == null
                ? null
                : new LagSampler(
                        lookup(backends.tables, storedIds(plan)), Ticker.SYSTEM, Sleeper.SYSTEM, start, LAG_TIMEOUT);
        AtomicBoolean sent = new AtomicBoolean();
        Thread sampler = lag == null
                ? null
                : Thread.ofVirtual().start(() -> {
                    try {
                        lag.run(sent::get);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
        TimelineSender sender = new TimelineSender(http, Ticker.SYSTEM, start, timeline, lag);
        Replayer.ProgressListener progress = showProgress
                ? new ConsoleProgressBar(
                        out, "replay " + options.run(), () -> answers.byStatus().getOrDefault(503, 0L))
                : Replayer.ProgressListener.NONE;
        ReplaySummary summary;
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            summary = new Replayer(
                            sender,
                            Ticker.SYSTEM,
                            Sleeper.SYSTEM,
                            executor,
                            options.concurrency(),
                            options.attempts(),
                            true,
                            progress)
                    .run(beacons, answers::shouldStop);
        }
        sent.set(true);
        if (sampler != null) {
            if (answers.shouldStop()) {
                lag.abandon();
            }
            sampler.join(LAG_TIMEOUT.toMillis() + 5_000);
        }
        String stop = answers.stopReason(options.url().toString());
        SendingFigures figures = new SendingFigures(
                summary.requests(),
                plan.requests().size(),
                summary.eventsSent(),
                summary.accepted(),
                notAcknowledged(plan, summary.acceptedEventIds()),
                new Counted(answers.refusedEvents(), answers.refusals()),
                summary.retried(),
                answers.byStatus().getOrDefault(503, 0L),
                answers.byStatus().getOrDefault(0, 0L),
                summary.failed(),
                summary.elapsedNanos() / 1e9,
                summary.acceptedPerSecond(),
                List.of(
                        summary.latency().percentileMs(50),
                        summary.latency().percentileMs(90),
                        summary.latency().percentileMs(99),
                        summary.latency().percentileMs(100)),
                summary.maxBehindScheduleMs(),
                answers.byStatus(),
                stop);
        return new Outcome(figures, timeline.seconds(), lag == null ? List.of() : lag.samples());
    }

    /**
     * Events sent (or not, when sending stopped) that no 200 acknowledged. An answer's {@code event_ids} may name
     * the stored (mapped) id or the id as sent: either counts.
     */
    static Counted notAcknowledged(ReplayPlan plan, Set<String> acknowledged) {
        Problems missing = new Problems();
        for (PlannedRequest request : plan.requests()) {
            for (int i = 0; i < request.events().size(); i++) {
                ExpectedEvent expected = request.expected().get(i);
                JsonNode sentId = request.events().get(i).get("event_id");
                if (!acknowledged.contains(expected.eventId()) && !acknowledged.contains(sentId.textValue())) {
                    missing.add("event " + expected.eventId() + " from " + request.origin() + " not acknowledged");
                }
            }
        }
        return Counted.of(missing);
    }

    /** Sent id to stored id: the edge's answer may name either. */
    private static Map<String, String> storedIds(ReplayPlan plan) {
        Map<String, String> ids = new java.util.HashMap<>();
        for (PlannedRequest request : plan.requests()) {
            for (int i = 0; i < request.events().size(); i++) {
                ids.put(
                        request.events().get(i).get("event_id").textValue(),
                        request.expected().get(i).eventId());
            }
        }
        return ids;
    }

    private static io.liveinsight.load.replay.send.EventLookup lookup(StoredItems tables, Map<String, String> ids) {
        return id -> {
            try {
                return !tables.events(ids.getOrDefault(id, id)).isEmpty();
            } catch (StoredItems.StoredItemsException e) {
                return false;
            }
        };
    }
}
