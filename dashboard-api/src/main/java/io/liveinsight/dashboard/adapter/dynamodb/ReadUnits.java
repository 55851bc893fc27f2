package io.liveinsight.dashboard.adapter.dynamodb;

import io.liveinsight.dashboard.port.ReadMetrics;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;

/** The read units DynamoDB says a call consumed (ReturnConsumedCapacity), reported in one place. */
final class ReadUnits {

    private ReadUnits() {}

    static void report(ReadMetrics metrics, ConsumedCapacity capacity) {
        if (capacity != null && capacity.capacityUnits() != null) {
            double units =
                    capacity.readCapacityUnits() != null ? capacity.readCapacityUnits() : capacity.capacityUnits();
            metrics.consumed(capacity.tableName(), units);
        }
    }
}
