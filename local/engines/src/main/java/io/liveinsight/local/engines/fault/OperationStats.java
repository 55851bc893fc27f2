package io.liveinsight.local.engines.fault;

/**
 * What the proxy did with the requests of one operation (or of all of them).
 *
 * @param requests requests received (connections refused while down are not requests)
 * @param forwarded requests sent upstream, whole or in part
 * @param throttled requests answered ProvisionedThroughputExceededException without reaching upstream
 * @param failedEntries BatchWriteItem items returned unprocessed and PutRecords entries marked failed by the proxy
 * @param unavailable requests answered 503 while down
 */
public record OperationStats(long requests, long forwarded, long throttled, long failedEntries, long unavailable) {

    public static final OperationStats ZERO = new OperationStats(0, 0, 0, 0, 0);

    OperationStats plus(OperationStats other) {
        return new OperationStats(
                requests + other.requests,
                forwarded + other.forwarded,
                throttled + other.throttled,
                failedEntries + other.failedEntries,
                unavailable + other.unavailable);
    }
}
