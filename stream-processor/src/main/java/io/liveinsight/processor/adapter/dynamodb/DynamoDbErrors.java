package io.liveinsight.processor.adapter.dynamodb;

import io.liveinsight.processor.port.StoreUnavailableException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/** The one place where SDK errors are sorted into retryable or not, and become the store's errors. */
final class DynamoDbErrors {

    private DynamoDbErrors() {}

    /** Throttling (provisioned or on-demand limits). */
    static boolean isThrottle(Throwable error) {
        return error instanceof SdkServiceException service && service.isThrottlingException();
    }

    /** Worth trying again: throttling, a 5xx, or no answer at all (connection refused, timeout). */
    static boolean isRetryable(Throwable error) {
        if (error instanceof SdkServiceException service) {
            return service.isThrottlingException() || service.statusCode() >= 500;
        }
        return error instanceof SdkClientException;
    }

    /**
     * The table looks down (5xx, no connection), as opposed to busy (throttling): only this counts against the
     * circuit breaker; throttling is the Retry's and the RateLimiter's business.
     */
    static boolean isOutage(Throwable error) {
        return isRetryable(error) && !isThrottle(error);
    }

    static StoreUnavailableException unavailable(String operation, Throwable cause) {
        String reason = cause instanceof SdkException ? cause.getClass().getSimpleName() : cause.toString();
        return new StoreUnavailableException(operation + " failed: " + reason, cause);
    }
}
