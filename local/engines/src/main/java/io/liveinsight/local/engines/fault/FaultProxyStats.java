package io.liveinsight.local.engines.fault;

import java.util.Map;

/**
 * A snapshot of the proxy's counters, per operation: the {@code X-Amz-Target} header, such as {@code
 * DynamoDB_20120810.PutItem}, or {@link #NO_OPERATION} for requests without one.
 */
public record FaultProxyStats(Map<String, OperationStats> operations) {

    public static final String NO_OPERATION = "";

    public FaultProxyStats {
        operations = Map.copyOf(operations);
    }

    /** One operation's counters; zeros if it was never seen. */
    public OperationStats operation(String target) {
        return operations.getOrDefault(target, OperationStats.ZERO);
    }

    /** All operations together. */
    public OperationStats total() {
        return operations.values().stream().reduce(OperationStats.ZERO, OperationStats::plus);
    }

    public long requests() {
        return total().requests();
    }

    public long forwarded() {
        return total().forwarded();
    }

    public long throttled() {
        return total().throttled();
    }

    public long failedEntries() {
        return total().failedEntries();
    }

    public long unavailable() {
        return total().unavailable();
    }
}
