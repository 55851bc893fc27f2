package io.liveinsight.dashboard.port;

/** Read capacity the store consumed, as DynamoDB reports it (ReturnConsumedCapacity). */
@FunctionalInterface
public interface ReadMetrics {

    ReadMetrics NONE = (table, units) -> {};

    void consumed(String table, double readUnits);
}
