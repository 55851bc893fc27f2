package io.liveinsight.load.replay.send;

import io.liveinsight.event.time.Sleeper;
import io.liveinsight.load.replay.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Lag to the tables, sampled: for each second of the replay one acknowledged event is polled in Events ({@link
 * EventLookup}) until it is there; its lag is from the edge's 200 (given only once Kinesis holds it) to the first read
 * that finds it. Polls every {@link #POLL_MS} ms, gives up on a sample after {@code timeout} (reported as never seen).
 * Ticker and sleeper are injected: a test drives it with {@link #pollOnce} and never sleeps.
 */
public final class LagSampler {

    /** One sample: the second of the replay it was acknowledged in, and its lag in ms (-1: not seen in time). */
    public record Sample(double atSecond, double lagMs) {}

    static final long POLL_MS = 100;

    private final EventLookup lookup;
    private final Ticker ticker;
    private final Sleeper sleeper;
    private final long startNanos;
    private final long timeoutNanos;
    private final List<Pending> pending = new ArrayList<>();
    private final List<Sample> samples = new ArrayList<>();
    private int lastSecond = -1;

    public LagSampler(EventLookup lookup, Ticker ticker, Sleeper sleeper, long startNanos, Duration timeout) {
        this.lookup = lookup;
        this.ticker = ticker;
        this.sleeper = sleeper;
        this.startNanos = startNanos;
        this.timeoutNanos = timeout.toNanos();
    }

    /** An event acknowledged at {@code ackedNanos}; taken when its second has no sample yet. */
    public synchronized void offer(long ackedNanos, String eventId) {
        int second = (int) ((ackedNanos - startNanos) / 1_000_000_000L);
        if (second > lastSecond) {
            lastSecond = second;
            pending.add(new Pending(ackedNanos, eventId));
        }
    }

    /** Reads each pending event once; returns how many are still pending. */
    public int pollOnce() {
        List<Pending> due;
        synchronized (this) {
            due = new ArrayList<>(pending);
        }
        for (Pending one : due) {
            boolean stored = lookup.isStored(one.eventId);
            long now = ticker.nanos();
            synchronized (this) {
                if (stored || now - one.ackedNanos > timeoutNanos) {
                    pending.remove(one);
                    samples.add(new Sample(
                            (one.ackedNanos - startNanos) / 1e9, stored ? (now - one.ackedNanos) / 1e6 : -1));
                }
            }
        }
        synchronized (this) {
            return pending.size();
        }
    }

    /** Polls until {@code done} says the replay ended and nothing is pending. */
    public void run(java.util.function.BooleanSupplier done) throws InterruptedException {
        while (pollOnce() > 0 || !done.getAsBoolean()) {
            sleeper.sleep(Duration.ofMillis(POLL_MS));
        }
    }

    public synchronized List<Sample> samples() {
        List<Sample> out = new ArrayList<>(samples);
        out.sort(java.util.Comparator.comparingDouble(Sample::atSecond));
        return out;
    }

    /** Forgets what is still pending (the replay is being cut short). */
    public synchronized void abandon() {
        for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
            Pending one = it.next();
            samples.add(new Sample((one.ackedNanos - startNanos) / 1e9, -1));
            it.remove();
        }
    }

    private record Pending(long ackedNanos, String eventId) {}
}
