package io.liveinsight.ingest.adapter.kinesis;

import java.util.Set;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/** The one place that decides which Kinesis failures are worth retrying inside a request's budget. */
final class KinesisErrors {

    /** Per-entry error codes of PutRecords that a later attempt can clear. */
    private static final Set<String> RETRYABLE_ENTRY_CODES = Set.of(
            "ProvisionedThroughputExceededException",
            "InternalFailure",
            "KMSThrottlingException",
            "ServiceUnavailable");

    private KinesisErrors() {}

    static boolean retryable(String entryErrorCode) {
        return RETRYABLE_ENTRY_CODES.contains(entryErrorCode);
    }

    /** Throttling, 5xx and I/O failures are retried; a missing stream, bad credentials or a bad request are not. */
    static boolean retryable(SdkException e) {
        if (e instanceof SdkServiceException service) {
            return service.isThrottlingException() || service.statusCode() >= 500 || service.statusCode() == 0;
        }
        return e instanceof SdkClientException;
    }
}
