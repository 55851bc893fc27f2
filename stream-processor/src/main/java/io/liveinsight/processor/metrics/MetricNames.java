package io.liveinsight.processor.metrics;

/** CloudWatch metric names of namespace {@code LiveInsight} (SPEC.md), in one place. */
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
    public static final String MILLIS_BEHIND_LATEST = "MillisBehindLatest";
    /** Dimension of every metric: the deployment stage ({@code ProcessorConfig.stage}). */
    public static final String STAGE = "Stage";
    /** Dimension naming the table of a per-table metric. */
    public static final String TABLE = "Table";

    private MetricNames() {}
}
