package io.liveinsight.ingest.adapter.cloudwatch;

/** CloudWatch names of the edge's metrics (docs/contract/metrics.md#metrics: namespace {@code LiveInsight}). */
public final class MetricNames {

    public static final String NAMESPACE = "LiveInsight";
    public static final String SERVICE_DIMENSION = "Service";
    public static final String SERVICE = "ingest-api";
    public static final String REASON_DIMENSION = "Reason";
    /** Dimension of every metric: the deployment stage ({@code IngestConfig.stage}). */
    public static final String STAGE_DIMENSION = "Stage";

    public static final String EVENTS_ACCEPTED = "EventsAccepted";
    public static final String EVENTS_REJECTED = "EventsRejected";
    public static final String KINESIS_PUT_FAILURES = "KinesisPutFailures";
    public static final String REQUESTS = "IngestRequests";

    private MetricNames() {}
}
