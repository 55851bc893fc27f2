package io.liveinsight.local.engines.fault;

import java.util.function.BiFunction;

/**
 * The multi-entry write calls a service can answer in part under throttling: the chosen entries are not forwarded,
 * and the answer reports them as not written in that service's own shape.
 */
enum PartialWrite {
    BATCH_WRITE_ITEM("DynamoDB_20120810.BatchWriteItem", PartialBatchWrites::plan),
    PUT_RECORDS("Kinesis_20131202.PutRecords", PartialPutRecords::plan);

    private final String operation;
    private final BiFunction<ProxyRequest, Picker, Plan> planner;

    PartialWrite(String operation, BiFunction<ProxyRequest, Picker, Plan> planner) {
        this.operation = operation;
        this.planner = planner;
    }

    /** The {@code X-Amz-Target} this applies to; other operations pass through. */
    String operation() {
        return operation;
    }

    /** What to do with one request of {@link #operation()}, choosing entries with {@code picker}. */
    Plan plan(ProxyRequest request, Picker picker) {
        return planner.apply(request, picker);
    }
}
