package io.liveinsight.processor.progress;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How far each shard this worker holds has got, told truthfully: one {@link Shard} per shard processor, written only
 * by that processor's thread, read by anyone (health, metrics) through {@link #snapshot()}.
 *
 * <p>A shard is <em>stuck</em> when a batch it received has waited unstored for {@code stuckAfter} or longer: a
 * store that stays unavailable or misconfigured, or a thread that hangs. Its age counts from when the batch reached
 * the processor, not from when its records reached the stream: a shard that is behind but advancing is lagging
 * ({@code MillisBehindLatest}), not stuck. An idle shard is never stuck, however long since it last advanced.
 */
public final class ShardProgress {

    private final Clock clock;
    private final Duration stuckAfter;
    private final Map<String, Shard> shards = new ConcurrentHashMap<>();

    /** @param stuckAfter how long a batch may wait unstored before its shard counts as stuck */
    public ShardProgress(Clock clock, Duration stuckAfter) {
        if (stuckAfter.isNegative() || stuckAfter.isZero()) {
            throw new IllegalArgumentException("stuckAfter must be positive, is " + stuckAfter);
        }
        this.clock = clock;
        this.stuckAfter = stuckAfter;
    }

    /** Starts tracking a shard (a processor's {@code initialize}); a second one for the same id replaces the first. */
    public Shard open(String shardId) {
        Shard shard = new Shard(shardId);
        shards.put(shardId, shard);
        return shard;
    }

    /** Every shard tracked now, at one instant of the clock. */
    public Snapshot snapshot() {
        Instant now = clock.instant();
        long maxBehind = 0;
        Duration oldestBatch = Duration.ZERO;
        Duration oldestRecord = Duration.ZERO;
        List<String> stuck = new ArrayList<>();
        for (Shard shard : shards.values()) {
            State state = shard.state;
            maxBehind = Math.max(maxBehind, state.millisBehindLatest());
            if (state.waitingSince() == null) {
                continue;
            }
            Duration waiting = nonNegative(Duration.between(state.waitingSince(), now));
            oldestBatch = max(oldestBatch, waiting);
            if (state.oldestRecordArrival() != null) {
                oldestRecord = max(oldestRecord, nonNegative(Duration.between(state.oldestRecordArrival(), now)));
            }
            if (waiting.compareTo(stuckAfter) >= 0) {
                stuck.add(shard.shardId);
            }
        }
        stuck.sort(null);
        return new Snapshot(maxBehind, oldestBatch, oldestRecord, stuck);
    }

    /**
     * The shards at one instant.
     *
     * @param maxMillisBehindLatest the largest {@code MillisBehindLatest} last reported by any shard (0 with none)
     * @param oldestUnstoredBatchAge how long the oldest batch received and not yet stored has waited (0 when none
     *     waits)
     * @param oldestUnstoredRecordAge the age, since it reached the stream, of the oldest record of a batch not yet
     *     stored (0 when none waits or the arrival times are unknown)
     * @param stuckShards the shards whose waiting batch is {@code stuckAfter} old or older, sorted
     */
    public record Snapshot(
            long maxMillisBehindLatest,
            Duration oldestUnstoredBatchAge,
            Duration oldestUnstoredRecordAge,
            List<String> stuckShards) {

        public Snapshot {
            stuckShards = List.copyOf(stuckShards);
        }
    }

    /**
     * One shard's progress, fed by its processor: {@link #received} when a batch arrives, {@link #advanced} once it
     * is stored and checkpointed, {@link #close} when the processor lets the shard go.
     */
    public final class Shard {

        private final String shardId;
        /** Written by the shard's processor thread only; read by any. */
        private volatile State state = State.IDLE;

        private Shard(String shardId) {
            this.shardId = shardId;
        }

        /**
         * A batch arrived. If an earlier one still waits (it was left unstored), the wait keeps its start: the shard
         * has not advanced since.
         *
         * @param millisBehindLatest what KCL reported with the batch, null if nothing
         * @param oldestRecordArrival the earliest approximate arrival time of the batch's records, null if unknown
         */
        public void received(Long millisBehindLatest, Instant oldestRecordArrival) {
            State current = state;
            long behind = millisBehindLatest == null ? current.millisBehindLatest() : millisBehindLatest;
            state = current.waitingSince() != null
                    ? new State(
                            behind,
                            current.waitingSince(),
                            earliest(current.oldestRecordArrival(), oldestRecordArrival))
                    : new State(behind, clock.instant(), oldestRecordArrival);
        }

        /** Everything received is stored and checkpointed: nothing waits. */
        public void advanced() {
            state = new State(state.millisBehindLatest(), null, null);
        }

        /** The processor let the shard go (lease lost, shard ended, shutdown): it is no longer this worker's. */
        public void close() {
            shards.remove(shardId, this);
        }

        public String shardId() {
            return shardId;
        }
    }

    /** {@code waitingSince} null when nothing waits; {@code oldestRecordArrival} null when unknown. */
    private record State(long millisBehindLatest, Instant waitingSince, Instant oldestRecordArrival) {
        static final State IDLE = new State(0, null, null);
    }

    private static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static Duration nonNegative(Duration duration) {
        return duration.isNegative() ? Duration.ZERO : duration;
    }
}
