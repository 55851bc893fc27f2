package io.liveinsight.dashboard.adapter.dynamodb;

import io.liveinsight.dashboard.port.StoreUnavailableException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/** SDK failures as the dashboard sees them, in one place: the read did not happen, and the page tries again later. */
final class DynamoDbErrors {

    private DynamoDbErrors() {}

    static StoreUnavailableException unavailable(String what, SdkException e) {
        String reason;
        if (e instanceof ResourceNotFoundException) {
            reason = "table missing";
        } else if (e instanceof AwsServiceException service && service.isThrottlingException()) {
            reason = "throttled";
        } else {
            reason = e.getClass().getSimpleName();
        }
        return new StoreUnavailableException(what + ": " + reason, e);
    }
}
