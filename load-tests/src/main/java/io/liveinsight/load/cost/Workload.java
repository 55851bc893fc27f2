package io.liveinsight.load.cost;

/**
 * What a design does per event, measured (ours) or stated (the original), plus the assumptions that turn it into money.
 *
 * @param name how the table calls it
 * @param eventsPerRequest events per API request (the tracker batches; the original sent one)
 * @param writeUnitsPerEvent DynamoDB write units per event
 * @param readUnitsPerEvent DynamoDB read units per event
 * @param kinesisRecordsPerEvent records per event (0: no stream)
 * @param kinesisBytesPerRecord average record size
 * @param lambdaMsPerRequest billed Lambda duration per request
 * @param lambdaMemoryMb Lambda memory
 * @param putMetricDataPerEvent synchronous PutMetricData calls per event (the original: 1)
 * @param logBytesPerRequest Embedded Metric Format bytes per request
 */
public record Workload(
        String name,
        double eventsPerRequest,
        double writeUnitsPerEvent,
        double readUnitsPerEvent,
        double kinesisRecordsPerEvent,
        double kinesisBytesPerRecord,
        double lambdaMsPerRequest,
        int lambdaMemoryMb,
        double putMetricDataPerEvent,
        double logBytesPerRequest) {

    /** Ingest Lambda, warm, on kinesis-mock: 20-30 ms a request (ingest-api README); billed at 512 MB. */
    public static final double LIVEINSIGHT_LAMBDA_MS = 25;
    /** The original's handler wrote DynamoDB and CloudWatch synchronously; assumed 150 ms at 512 MB. */
    public static final double ORIGINAL_LAMBDA_MS = 150;

    public static final int LAMBDA_MEMORY_MB = 512;
    /** One EMF line per request (ingest-api's IngestRequests, EventsAccepted ...), about this long. */
    public static final double EMF_BYTES_PER_REQUEST = 400;

    public Workload {
        if (eventsPerRequest <= 0) {
            throw new IllegalArgumentException("eventsPerRequest must be positive");
        }
    }

    /** The original LiveInsight as its design describes it: one request per event, ~6 WCU and a read, REST API. */
    public static Workload original() {
        return new Workload("original design", 1, 6, 1, 0, 0, ORIGINAL_LAMBDA_MS, LAMBDA_MEMORY_MB, 1, 0);
    }
}
