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

    /** {@link #heartbeatMix()}: DynamoDB write units per event, Events with both GSIs included. */
    public static final double HEARTBEAT_MIX_WRITE_UNITS_PER_EVENT = 3.508;
    /** {@link #heartbeatMix()}: strongly consistent session reads (one per session per batch, 1 RCU) per event. */
    public static final double HEARTBEAT_MIX_READ_UNITS_PER_EVENT = 0.252;
    /** {@link #heartbeatMix()}: events per request, one record each (the tab's requests carry 3.8 on average). */
    public static final double HEARTBEAT_MIX_EVENTS_PER_REQUEST = 3.966;

    public static final double HEARTBEAT_MIX_BYTES_PER_RECORD = 2_231;
    /** {@link #heartbeatMixOneBeatPerRequest()}: DynamoDB write units per event, Events with both GSIs included. */
    public static final double ONE_BEAT_MIX_WRITE_UNITS_PER_EVENT = 4.948;
    /** {@link #heartbeatMixOneBeatPerRequest()}: strongly consistent session reads per event. */
    public static final double ONE_BEAT_MIX_READ_UNITS_PER_EVENT = 0.972;
    /** {@link #heartbeatMixOneBeatPerRequest()}: events per request, one record each. */
    public static final double ONE_BEAT_MIX_EVENTS_PER_REQUEST = 1.028;

    public static final double ONE_BEAT_MIX_BYTES_PER_RECORD = 592;
    /** One EMF line per request (ingest-api's IngestRequests, EventsAccepted ...), about this long. */
    public static final double EMF_BYTES_PER_REQUEST = 400;

    public Workload {
        if (eventsPerRequest <= 0) {
            throw new IllegalArgumentException("eventsPerRequest must be positive");
        }
    }

    /**
     * Issue 13's cost mix as our tracker sends it: one session in ten a tab visible for 24 h, the other nine ~10-event
     * sessions. The tab beats every 30 s and holds a batch of nothing but heartbeats for 120 s
     * ({@code heartbeatFlushInterval}), so its requests carry four beats (page views and clicks, in about 10 % of
     * them, go within 5 s and take the waiting beats along); each request is one record and one session write, so
     * Sessions and ActiveSessions are paid once per four beats while Events pays 3 (item and two GSIs) per event.
     * Measured by stream-processor's {@code WriteUnitsBenchmark} on DynamoDB Local with production's strings,
     * 2026-12-06, median of 3 runs (see its README, Benchmarks).
     */
    public static Workload heartbeatMix() {
        return mix(
                "LiveInsight (heartbeat mix, tracker)",
                HEARTBEAT_MIX_EVENTS_PER_REQUEST,
                HEARTBEAT_MIX_WRITE_UNITS_PER_EVENT,
                HEARTBEAT_MIX_READ_UNITS_PER_EVENT,
                HEARTBEAT_MIX_BYTES_PER_RECORD);
    }

    /**
     * The same mix with one heartbeat a request: what other clients send, and our tracker before
     * {@code heartbeatFlushInterval}. Every beat is a record and a batch of its own and pays the whole per-write
     * cost: Events 3, Sessions 1, ActiveSessions 1. Same benchmark and runs as {@link #heartbeatMix()}.
     */
    public static Workload heartbeatMixOneBeatPerRequest() {
        return mix(
                "LiveInsight (heartbeat mix, 1 beat a request)",
                ONE_BEAT_MIX_EVENTS_PER_REQUEST,
                ONE_BEAT_MIX_WRITE_UNITS_PER_EVENT,
                ONE_BEAT_MIX_READ_UNITS_PER_EVENT,
                ONE_BEAT_MIX_BYTES_PER_RECORD);
    }

    private static Workload mix(
            String name, double eventsPerRequest, double writeUnits, double readUnits, double bytesPerRecord) {
        return new Workload(
                name,
                eventsPerRequest,
                writeUnits,
                readUnits,
                1 / eventsPerRequest,
                bytesPerRecord,
                LIVEINSIGHT_LAMBDA_MS,
                LAMBDA_MEMORY_MB,
                0,
                EMF_BYTES_PER_REQUEST);
    }

    /** The original LiveInsight as its design describes it: one request per event, ~6 WCU and a read, REST API. */
    public static Workload original() {
        return new Workload("original design", 1, 6, 1, 0, 0, ORIGINAL_LAMBDA_MS, LAMBDA_MEMORY_MB, 1, 0);
    }
}
