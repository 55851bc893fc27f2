package io.liveinsight.local.engines.fault;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/** The live counters behind {@link FaultProxyStats}; thread-safe. */
final class StatsCounters {

    private final Map<String, Counters> byOperation = new ConcurrentHashMap<>();

    void request(String operation) {
        counters(operation).requests.increment();
    }

    void forwarded(String operation) {
        counters(operation).forwarded.increment();
    }

    void throttled(String operation) {
        counters(operation).throttled.increment();
    }

    void failedEntries(String operation, int entries) {
        counters(operation).failedEntries.add(entries);
    }

    void unavailable(String operation) {
        counters(operation).unavailable.increment();
    }

    FaultProxyStats snapshot() {
        return new FaultProxyStats(byOperation.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().snapshot())));
    }

    void reset() {
        byOperation.clear();
    }

    private Counters counters(String operation) {
        return byOperation.computeIfAbsent(operation, o -> new Counters());
    }

    private static final class Counters {
        final LongAdder requests = new LongAdder();
        final LongAdder forwarded = new LongAdder();
        final LongAdder throttled = new LongAdder();
        final LongAdder failedEntries = new LongAdder();
        final LongAdder unavailable = new LongAdder();

        OperationStats snapshot() {
            return new OperationStats(
                    requests.sum(), forwarded.sum(), throttled.sum(), failedEntries.sum(), unavailable.sum());
        }
    }
}
