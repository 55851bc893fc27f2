package io.liveinsight.load.replay;

import io.liveinsight.event.time.Sleeper;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Sends a plan of beacons on time, at most {@code maxInFlight} at once, resending what the edge did not acknowledge
 * (503 + Retry-After, connection errors) up to {@code maxAttempts} times. Clock, sleeper and executor are injected:
 * with a direct executor and a fake clock the pacing is exact and tests never sleep.
 */
public final class Replayer {

    public static final int DEFAULT_MAX_ATTEMPTS = 6;
    public static final long BASE_BACKOFF_MS = 100;

    private final Sender sender;
    private final Ticker ticker;
    private final Sleeper sleeper;
    private final Executor executor;
    private final int maxInFlight;
    private final int maxAttempts;
    private final boolean collectIds;
    private final ProgressListener progress;

    public Replayer(
            Sender sender,
            Ticker ticker,
            Sleeper sleeper,
            Executor executor,
            int maxInFlight,
            int maxAttempts,
            boolean collectIds,
            ProgressListener progress) {
        if (maxInFlight < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("maxInFlight and maxAttempts must be at least 1");
        }
        this.sender = sender;
        this.ticker = ticker;
        this.sleeper = sleeper;
        this.executor = executor;
        this.maxInFlight = maxInFlight;
        this.maxAttempts = maxAttempts;
        this.collectIds = collectIds;
        this.progress = progress;
    }

    public ReplaySummary run(List<Beacon> plan) throws InterruptedException {
        return run(plan, () -> false);
    }

    /**
     * Like {@link #run(List)}, but sends no further beacon once {@code stop} says so; beacons already sent are still
     * delivered (retried as usual) before it returns.
     */
    public ReplaySummary run(List<Beacon> plan, BooleanSupplier stop) throws InterruptedException {
        Counters counters = new Counters();
        Semaphore inFlight = new Semaphore(maxInFlight);
        long start = ticker.nanos();
        long behind = 0;
        long planned = plan.stream().mapToLong(Beacon::eventCount).sum();
        for (Beacon beacon : plan) {
            long due = start + beacon.sendAtMs() * 1_000_000;
            long wait = due - ticker.nanos();
            if (wait > 0) {
                sleeper.sleep(Duration.ofNanos(wait));
            }
            if (stop.getAsBoolean()) {
                break;
            }
            inFlight.acquire();
            if (stop.getAsBoolean()) { // an answer that came while waiting for a slot may have said to stop
                inFlight.release();
                break;
            }
            behind = Math.max(behind, (ticker.nanos() - due) / 1_000_000);
            counters.requests.incrementAndGet();
            counters.eventsSent.addAndGet(beacon.eventCount());
            executor.execute(() -> {
                try {
                    deliver(beacon, counters);
                } finally {
                    inFlight.release();
                    progress.onProgress(
                            counters.done.incrementAndGet(),
                            plan.size(),
                            counters.accepted.get(),
                            planned,
                            ticker.nanos() - start);
                }
            });
        }
        inFlight.acquire(maxInFlight);
        inFlight.release(maxInFlight);
        progress.onFinished();
        return new ReplaySummary(
                counters.requests.get(),
                counters.eventsSent.get(),
                counters.accepted.get(),
                counters.rejected.get(),
                counters.retried.get(),
                counters.failed.get(),
                counters.latency,
                ticker.nanos() - start,
                Math.max(0, behind),
                counters.ids);
    }

    private void deliver(Beacon beacon, Counters counters) {
        for (int attempt = 1; ; attempt++) {
            SendResult result = sender.send(beacon);
            counters.latency.add(result.latencyNanos());
            if (!result.isRetryable()) {
                counters.accepted.addAndGet(result.acceptedEventIds().size());
                counters.rejected.addAndGet(
                        beacon.isMalformed() && result.status() >= 400 ? 1 : result.rejectedEvents());
                if (collectIds) {
                    counters.ids.addAll(result.acceptedEventIds());
                }
                return;
            }
            if (attempt >= maxAttempts) {
                counters.failed.incrementAndGet();
                return;
            }
            counters.retried.incrementAndGet();
            long backoffMs = result.retryAfterMs() > 0
                    ? result.retryAfterMs()
                    : Math.min(5_000, BASE_BACKOFF_MS << Math.min(10, attempt - 1));
            try {
                sleeper.sleep(Duration.ofMillis(backoffMs));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                counters.failed.incrementAndGet();
                return;
            }
        }
    }

    /** Progress as requests complete; {@link ConsoleProgressBar} draws it. */
    public interface ProgressListener {
        ProgressListener NONE = new ProgressListener() {
            @Override
            public void onProgress(long done, long total, long accepted, long plannedEvents, long elapsedNanos) {}

            @Override
            public void onFinished() {}
        };

        void onProgress(long done, long total, long accepted, long plannedEvents, long elapsedNanos);

        void onFinished();
    }

    private static final class Counters {
        final AtomicLong requests = new AtomicLong();
        final AtomicLong eventsSent = new AtomicLong();
        final AtomicLong accepted = new AtomicLong();
        final AtomicLong rejected = new AtomicLong();
        final AtomicLong retried = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final AtomicLong done = new AtomicLong();
        final Latencies latency = new Latencies();
        final Set<String> ids = ConcurrentHashMap.newKeySet();
    }
}
