package io.liveinsight.processor.adapter.dynamodb;

import io.liveinsight.processor.port.StoreMisconfiguredException;
import io.liveinsight.processor.port.StoreUnavailableException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * The one place where SDK errors are sorted into the three failure classes: transient (throttling, 5xx, no answer:
 * retry, hold the checkpoint), misconfiguration (access, table, credentials: hold the checkpoint, report unhealthy,
 * never dead-letter good data) and the rest, which are about the data (it goes to the dead letters).
 */
final class DynamoDbErrors {

    /** Error codes that say the deployment is wrong, not the data. */
    private static final Set<String> MISCONFIGURATION = Set.of(
            "AccessDeniedException",
            "UnrecognizedClientException",
            "InvalidSignatureException",
            "ExpiredTokenException",
            "ExpiredToken",
            "MissingAuthenticationTokenException",
            "IncompleteSignatureException",
            "InvalidClientTokenId",
            "ResourceNotFoundException");

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

    /** Access denied, no such table, bad or expired credentials: every write would fail until an operator acts. */
    static boolean isMisconfiguration(Throwable error) {
        if (error instanceof ResourceNotFoundException) {
            return true;
        }
        if (error instanceof AwsServiceException aws && aws.awsErrorDetails() != null) {
            String code = aws.awsErrorDetails().errorCode();
            return (code != null && MISCONFIGURATION.contains(code)) || aws.statusCode() == 403;
        }
        return false;
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

    /** Transient or misconfigured as a store error; null when the error is about the data. */
    static StoreUnavailableException translate(String table, String operation, SdkException error) {
        if (isMisconfiguration(error)) {
            String code = error instanceof AwsServiceException aws && aws.awsErrorDetails() != null
                    ? aws.awsErrorDetails().errorCode()
                    : error.getClass().getSimpleName();
            return new StoreMisconfiguredException(table, operation + " on " + table + " refused: " + code, error);
        }
        if (error.getCause() instanceof StoreUnavailableException unavailable) {
            return unavailable;
        }
        return isRetryable(error) ? unavailable(operation + " " + table, error) : null;
    }
}
