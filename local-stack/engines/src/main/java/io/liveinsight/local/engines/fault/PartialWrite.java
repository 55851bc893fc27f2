package io.liveinsight.local.engines.fault;

/**
 * A service's way of answering one multi-entry write call in part under throttling: the chosen entries are not
 * forwarded, and the answer reports them as not written in that service's own shape.
 */
sealed interface PartialWrite permits PartialBatchWrites, PartialPutRecords {

    /** The {@code X-Amz-Target} this applies to; other operations pass through. */
    String operation();

    /** What to do with one request of {@link #operation()}, choosing entries with {@code picker}. */
    Plan plan(ProxyRequest request, Picker picker);
}
