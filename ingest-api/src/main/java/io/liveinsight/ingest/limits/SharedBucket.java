package io.liveinsight.ingest.limits;

import io.liveinsight.ingest.port.BudgetLeases;
import io.liveinsight.ingest.port.BudgetLeases.Lease;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * One scope's shared budget (a site's, or the deployment's) as one edge instance spends it
 * (docs/contract/sites.md#shared-budgets). Time is cut into 1-second windows of {@code rate} events each; the
 * instance takes a slice of a window's budget from {@link BudgetLeases} when it runs out, and spends it locally until
 * the window ends (unspent tokens of a past window are dropped, so no instance hoards). The windows' total is what
 * every instance together can admit: the store never hands out more than a window's budget.
 *
 * <p><b>Burst.</b> Once the current window is spent, an instance may take from the next {@code ceil(burst/rate) - 1}
 * windows (at most {@link #MAX_WINDOWS_AHEAD}): after a quiet spell the scope admits up to {@code burst} at once, and
 * under constant pressure one window's budget a second, as a token bucket would.
 *
 * <p><b>Slice.</b> {@link #SLICE_SHARE} of a window's budget divided by the instances taking from it, at least 1. The
 * instances are counted without naming them: the window's item counts its takes, and an instance that made {@code c}
 * of the window's {@code takes} so far shares it with about {@code takes / c} instances (the largest recent count).
 * Unspent slices are then at most a tenth of a window's budget
 * together, which is what keeps each second within 10 % of the rate; the price is about {@code 10 x instances}
 * conditional writes a second per scope at full rate (ingest-api/README.md#limits).
 *
 * <p><b>Store down.</b> When the store does not answer, the instance admits from a local bucket of its share
 * ({@code rate / instances}) and asks the store again in the next window: limits hold roughly, ingest goes on.
 *
 * <p>Thread-safe (one lock per scope; the store is called under it, so one instance's threads share a slice).
 */
public final class SharedBucket {

    /** How far ahead of the current window an instance may take (a burst of 5 seconds' budget at most). */
    public static final int MAX_WINDOWS_AHEAD = 4;

    /** The share of a window's budget the instances hold unspent at most, together. */
    public static final double SLICE_SHARE = 0.1;

    private static final long WINDOW_MILLIS = 1000;
    private static final double MAX_INSTANCES = 1000;
    private static final double FORGET = 0.95;

    /**
     * What a new instance assumes until the store's answers say otherwise: counting too many only costs a few more
     * calls while it learns (5 % a take), counting too few lets the first instances hold a whole window between them.
     */
    static final double INITIAL_INSTANCES = 10;

    private final String scope;
    private final BudgetLeases leases;
    private final TreeMap<Long, Integer> held = new TreeMap<>(); // window -> unspent tokens taken from it
    private long exhaustedThrough = Long.MIN_VALUE; // windows up to this one are known to be fully handed out
    private long storeDownUntil = Long.MIN_VALUE; // window before which the store is not asked again
    private double instances = INITIAL_INSTANCES;
    private long callsWindow = Long.MIN_VALUE;
    private int callsInWindow; // this instance's granted takes in callsWindow
    private TokenBucket fallback;
    private long leaseCalls;

    public SharedBucket(String scope, BudgetLeases leases) {
        this.scope = scope;
        this.leases = leases;
    }

    /**
     * Takes tokens for {@code events}, all or none.
     *
     * @return 0 when taken, else milliseconds until a window with room is reachable (at least 1)
     */
    public synchronized long take(int events, int rate, int burst, long nowMillis, long nowNanos) {
        long window = Math.floorDiv(nowMillis, WINDOW_MILLIS);
        held.headMap(window).clear();
        int ahead = ahead(rate, burst);
        int need = Math.min(events, rate * (ahead + 1)); // a request larger than the burst fits a full budget
        if (window < storeDownUntil) {
            return fromFallback(events, rate, burst, nowNanos);
        }
        int holding = holding();
        long next = Math.max(window, exhaustedThrough + 1);
        while (holding < need && next <= window + ahead) {
            int wanted = Math.min(rate, Math.max(slice(rate), need - holding));
            Lease lease = leases.take(scope, next, rate, wanted);
            leaseCalls++;
            if (!lease.available()) {
                storeDownUntil = window + 1;
                return fromFallback(events, rate, burst, nowNanos);
            }
            learn(next, lease);
            if (lease.granted() > 0) {
                held.merge(next, lease.granted(), Integer::sum);
                holding += lease.granted();
            }
            if (lease.granted() < wanted) {
                exhaustedThrough = next;
                next++;
            }
        }
        if (holding < need) {
            long reachable = (exhaustedThrough + 1 - ahead) * WINDOW_MILLIS;
            return Math.max(1, reachable - nowMillis);
        }
        spend(need);
        return 0;
    }

    /** Gives back tokens a request took before another limit refused it (they count for the current window). */
    public synchronized void refund(int events, long nowMillis, long nowNanos) {
        if (fallback != null && Math.floorDiv(nowMillis, WINDOW_MILLIS) < storeDownUntil) {
            fallback.refund(events, nowNanos);
            return;
        }
        held.merge(Math.floorDiv(nowMillis, WINDOW_MILLIS), events, Integer::sum);
    }

    /** Calls made to the store so far (for the benchmark's cost figure). */
    public synchronized long leaseCalls() {
        return leaseCalls;
    }

    /** The instances this one believes share the scope. */
    public synchronized double instances() {
        return instances;
    }

    static int ahead(int rate, int burst) {
        int windows = (int) Math.ceil((double) burst / rate) - 1;
        return Math.max(0, Math.min(MAX_WINDOWS_AHEAD, windows));
    }

    int slice(int rate) {
        return (int) Math.max(1, Math.ceil(rate * SLICE_SHARE / instances));
    }

    /**
     * Counts the instances from a take's answer, a refused one too (an instance that takes first in every window sees
     * itself alone until the window is spent; the refusal then shows everyone's takes). The estimate follows a larger
     * count at once and forgets slowly ({@link #FORGET} a take): counting too few makes slices too large, the costly
     * error.
     */
    private void learn(long window, Lease lease) {
        if (window != callsWindow) {
            callsWindow = window;
            callsInWindow = 0;
        }
        if (lease.granted() > 0) {
            callsInWindow++;
        }
        double sample = (double) lease.takes() / Math.max(1, callsInWindow);
        instances = Math.max(1, Math.min(MAX_INSTANCES, Math.max(sample, instances * FORGET)));
    }

    private int holding() {
        int total = 0;
        for (int tokens : held.values()) {
            total += tokens;
        }
        return total;
    }

    /** Spends from the earliest window first: those tokens expire first. */
    private void spend(int tokens) {
        int left = tokens;
        Iterator<Map.Entry<Long, Integer>> entries = held.entrySet().iterator();
        while (left > 0 && entries.hasNext()) {
            Map.Entry<Long, Integer> entry = entries.next();
            int used = Math.min(left, entry.getValue());
            left -= used;
            if (used == entry.getValue()) {
                entries.remove();
            } else {
                entry.setValue(entry.getValue() - used);
            }
        }
    }

    private long fromFallback(int events, int rate, int burst, long nowNanos) {
        int share = (int) Math.max(1, Math.ceil(rate / instances));
        int shareBurst = (int) Math.max(1, Math.ceil(burst / instances));
        if (fallback == null || !fallback.hasSettings(share, shareBurst)) {
            fallback = new TokenBucket(share, shareBurst, nowNanos);
        }
        long wait = fallback.waitNanos(events, nowNanos);
        if (wait > 0) {
            return Math.max(1, wait / 1_000_000);
        }
        fallback.take(events, nowNanos);
        return 0;
    }
}
