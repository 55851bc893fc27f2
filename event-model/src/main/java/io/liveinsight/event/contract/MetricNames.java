package io.liveinsight.event.contract;

import java.util.Set;

/**
 * The CloudWatch metrics of docs/contract/metrics.md, written once: the edge and the processor emit them, the CDK
 * alarms and the operations dashboard watch them.
 */
public final class MetricNames {

    public static final String NAMESPACE = "LiveInsight";

    /** Dimension of every metric: the deployment stage. */
    public static final String STAGE_DIMENSION = "Stage";
    /** Dimension of the edge's metrics: which service emitted them ({@link #INGEST_SERVICE}). */
    public static final String SERVICE_DIMENSION = "Service";
    /** Dimension of {@link #EVENTS_REJECTED}: why. */
    public static final String REASON_DIMENSION = "Reason";
    /** Dimension naming the table of a per-table processor metric. */
    public static final String TABLE_DIMENSION = "Table";

    public static final String INGEST_SERVICE = "ingest-api";

    // The edge (ingest-api).
    public static final String EVENTS_ACCEPTED = "EventsAccepted";
    public static final String EVENTS_REJECTED = "EventsRejected";
    public static final String KINESIS_PUT_FAILURES = "KinesisPutFailures";
    public static final String INGEST_REQUESTS = "IngestRequests";

    // The stream processor.
    public static final String EVENTS_PROCESSED = "EventsProcessed";
    public static final String PROCESSING_TIME = "ProcessingTime";
    public static final String BATCH_SIZE = "BatchSize";
    public static final String POISON_RECORDS = "PoisonRecords";
    public static final String DEAD_LETTERED = "DeadLetteredRecords";
    public static final String DYNAMODB_THROTTLES = "DynamoDbThrottles";
    public static final String RETRY_ATTEMPTS = "RetryAttempts";
    public static final String WRITE_UNITS = "WriteUnitsConsumed";
    /** The largest lag over the shards a worker holds (the KCL application only). */
    public static final String MILLIS_BEHIND_LATEST = "MillisBehindLatest";
    /**
     * How long the oldest batch received and not yet stored has waited, in ms: the largest over shards, 0 when none
     * waits. A stuck shard makes it grow.
     */
    public static final String OLDEST_UNSTORED_BATCH_AGE = "OldestUnstoredBatchAge";
    /** Whole batches sent to the dead letters after a deterministic failure (their records count in DEAD_LETTERED). */
    public static final String BATCHES_DEAD_LETTERED = "BatchesDeadLettered";

    private static final Set<String> MILLISECONDS =
            Set.of(PROCESSING_TIME, MILLIS_BEHIND_LATEST, OLDEST_UNSTORED_BATCH_AGE);

    private MetricNames() {}

    /** True for the metrics in milliseconds; the others are counts. */
    public static boolean isMilliseconds(String name) {
        return MILLISECONDS.contains(name);
    }
}
