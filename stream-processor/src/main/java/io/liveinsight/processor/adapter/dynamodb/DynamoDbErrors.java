package io.liveinsight.processor.adapter.dynamodb;

import io.liveinsight.processor.port.StoreUnavailableException;
import software.amazon.awssdk.core.exception.SdkException;

/** The one place where SDK errors become the store's errors. */
final class DynamoDbErrors {

    private DynamoDbErrors() {}

    static StoreUnavailableException unavailable(String operation, SdkException cause) {
        return new StoreUnavailableException(
                operation + " failed: " + cause.getClass().getSimpleName(), cause);
    }
}
