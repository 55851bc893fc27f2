package io.liveinsight.load.chaos;

import io.liveinsight.load.check.ActiveSessionProbe;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * "Is the pipeline live again?": one probe event per shard, sent through the edge (resent while it answers 503) and
 * awaited in ActiveSessions. A shard processes its records in order, so a probe's item also means everything put on
 * that shard before it has been processed; after a split, a child's probe also means its parent was finished (KCL
 * processes a parent before its children).
 */
final class Probes implements AutoCloseable {

    private final ActiveSessionProbe probe;
    private final Supplier<List<ShardKeys.HashRange>> shards;
    private final String runId;
    private final AtomicInteger round = new AtomicInteger();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    /** {@code shards}: the open shards' hash key ranges, asked again for every round (the stream may be resharded). */
    Probes(ActiveSessionProbe probe, Supplier<List<ShardKeys.HashRange>> shards, String runId) {
        this.probe = probe;
        this.shards = shards;
        this.runId = runId;
    }

    /**
     * Seconds from {@code sinceNanos} (System.nanoTime) until a probe sent now is visible on every shard; -1 when one
     * is not within the timeout.
     */
    double secondsUntilLive(long sinceNanos, long timeoutMs) {
        List<String> sessions =
                ShardKeys.onePerShard("probe-" + runId + "-" + round.incrementAndGet() + "-", shards.get());
        List<Future<ActiveSessionProbe.Sample>> samples = new ArrayList<>();
        for (String session : sessions) {
            samples.add(threads.submit(() -> probe.probe(session, timeoutMs)));
        }
        double latest = 0;
        for (Future<ActiveSessionProbe.Sample> future : samples) {
            ActiveSessionProbe.Sample sample;
            try {
                sample = future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("probe failed", e.getCause());
            }
            if (sample.latencyMs() < 0) {
                return -1;
            }
            latest = Math.max(latest, (sample.ackedAtNanos() - sinceNanos) / 1e9 + sample.latencyMs() / 1000);
        }
        return latest;
    }

    /** Every probe event the edge acknowledged: they are part of what the tables must hold. */
    List<Map<String, Object>> sentEvents() {
        return probe.sentEvents();
    }

    @Override
    public void close() {
        threads.close();
    }
}
