package io.liveinsight.local.engines;

import java.net.URI;
import java.util.Objects;

/** Where DynamoDB and Kinesis answer: the embedded engines, an external LocalStack, or (with nulls) real AWS. */
public record AwsEndpoints(URI dynamoDb, URI kinesis) {

    public AwsEndpoints {
        Objects.requireNonNull(dynamoDb, "dynamoDb endpoint");
        Objects.requireNonNull(kinesis, "kinesis endpoint");
    }

    public static AwsEndpoints same(URI endpoint) {
        return new AwsEndpoints(endpoint, endpoint);
    }
}
