package io.liveinsight.local.engines.fault;

/** How the proxy is down. */
public enum Outage {
    /**
     * The listening socket is closed and open connections are dropped: new connections are refused, like a host or
     * container that is gone. The SDK sees an {@code SdkClientException} (connection refused or no response).
     */
    REFUSE_CONNECTIONS,
    /**
     * Connections are accepted and every request is answered HTTP 503 with error code {@code ServiceUnavailable}, like
     * a service that is up but failing. The SDK sees a {@code DynamoDbException} or {@code KinesisException} with
     * status code 503 (which its default retry strategy retries).
     */
    SERVICE_UNAVAILABLE
}
