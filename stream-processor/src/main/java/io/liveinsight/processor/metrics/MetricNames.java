package io.liveinsight.processor.metrics;

/** CloudWatch metric names of namespace {@code LiveInsight} (docs/contract/metrics.md#metrics), in one place. */
public final class MetricNames {

    public static final String NAMESPACE = "LiveInsight";
    public static final String EVENTS_PROCESSED = "EventsProcessed";
    public static final String PROCESSING_TIME = "ProcessingTime";
    public static final String BATCH_SIZE = "BatchSize";
    public static final String POISON_RECORDS = "PoisonRecords";
    public static final String DEAD_LETTERED = "DeadLetteredRecords";
    public static final String DYNAMODB_THROTTLES = "DynamoDbThrottles";
    public static final String RETRY_ATTEMPTS = "RetryAttempts";
    public static final String WRITE_UNITS = "WriteUnitsConsumed";
    /** The largest lag over the shards this worker holds (the KCL application only). */
    public static final String MILLIS_BEHIND_LATEST = "MillisBehindLatest";
    /**
     * How long the oldest batch received and not yet stored has waited, in ms: the largest over shards, 0 when none
     * waits. A stuck shard makes it grow.
     */
    public static final String OLDEST_UNSTORED_BATCH_AGE = "OldestUnstoredBatchAge";
    /** Whole batches sent to the dead letters after a deterministic failure (their records count in DEAD_LETTERED). */
    public static final String BATCHES_DEAD_LETTERED = "BatchesDeadLettered";
    /** Dimension of every metric: the deployment stage ({@code ProcessorConfig.stage}). */
    public static final String STAGE = "Stage";
    /** Dimension naming the table of a per-table metric. */
    public static final String TABLE = "Table";

    private MetricNames() {}

    /** True for the metrics in milliseconds; the others are counts. */
    public static boolean isMilliseconds(String name) {
        return name.equals(PROCESSING_TIME)
                || name.equals(MILLIS_BEHIND_LATEST)
                || name.equals(OLDEST_UNSTORED_BATCH_AGE);
    }
}
