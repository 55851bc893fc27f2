package io.liveinsight.ingest.testing;

import io.liveinsight.ingest.port.BudgetLeases;
import java.util.HashMap;
import java.util.Map;

/** The shared budgets in memory, as the DynamoDB adapter behaves: never more than a window's budget in total. */
public final class InMemoryBudgetLeases implements BudgetLeases {

    private final Map<String, Long> taken = new HashMap<>();
    private final Map<String, Long> takes = new HashMap<>();
    public int calls;
    public boolean down;

    @Override
    public synchronized Lease take(String scope, long window, int budget, int wanted) {
        calls++;
        if (down) {
            return Lease.UNAVAILABLE;
        }
        String key = scope + "#" + window;
        long before = taken.getOrDefault(key, 0L);
        int granted = (int) Math.max(0, Math.min(wanted, budget - before));
        if (granted == 0) {
            return Lease.granted(0, before, takes.getOrDefault(key, 0L)); // a refused condition changes nothing
        }
        taken.put(key, before + granted);
        return Lease.granted(granted, before + granted, takes.merge(key, 1L, Long::sum));
    }

    /** Events handed out of a scope's window so far. */
    public synchronized long taken(String scope, long window) {
        return taken.getOrDefault(scope + "#" + window, 0L);
    }
}
