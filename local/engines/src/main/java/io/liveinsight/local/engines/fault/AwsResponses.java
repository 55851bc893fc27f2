package io.liveinsight.local.engines.fault;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The answers the proxy makes up, shaped as DynamoDB and Kinesis shape them: the error body in the request's wire
 * format (JSON 1.0, JSON 1.1 or CBOR) with {@code __type} and {@code message}, a request id, and for DynamoDB the
 * {@code x-amz-crc32} checksum.
 */
final class AwsResponses {

    static final String THROTTLED = "ProvisionedThroughputExceededException";
    static final String DYNAMODB_ERROR_PREFIX = "com.amazonaws.dynamodb.v20120810#";
    static final String DYNAMODB_THROTTLED_MESSAGE = "The level of configured provisioned throughput for the table was"
            + " exceeded. Consider increasing your provisioning level with the UpdateTable API.";
    static final String KINESIS_THROTTLED_MESSAGE = "Rate exceeded for shard (injected by FaultProxy).";
    static final String UNAVAILABLE = "ServiceUnavailable";

    private AwsResponses() {}

    /** HTTP 400 ProvisionedThroughputExceededException, as DynamoDB or Kinesis sends it. */
    static ProxyResponse throttled(ProxyRequest request) {
        return request.isDynamoDb()
                ? error(request, 400, DYNAMODB_ERROR_PREFIX + THROTTLED, DYNAMODB_THROTTLED_MESSAGE)
                : error(request, 400, THROTTLED, KINESIS_THROTTLED_MESSAGE);
    }

    /** HTTP 503 ServiceUnavailable. */
    static ProxyResponse unavailable(ProxyRequest request) {
        return error(request, 503, UNAVAILABLE, "Service unavailable (injected by FaultProxy).");
    }

    /** HTTP 502 when the upstream engine cannot be reached; a proxy's answer, not an AWS one. */
    static ProxyResponse badGateway(String reason) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put("Content-Type", List.of("text/plain; charset=utf-8"));
        return new ProxyResponse(
                502, headers, ("FaultProxy: upstream unreachable: " + reason).getBytes(StandardCharsets.UTF_8));
    }

    static ProxyResponse error(ProxyRequest request, int status, String type, String message) {
        ObjectNode body = WireFormat.object();
        body.put("__type", type);
        body.put("message", message);
        return ok(request, body).withStatus(status);
    }

    /** HTTP 200 with a body in the request's wire format. */
    static ProxyResponse ok(ProxyRequest request, ObjectNode body) {
        WireFormat format = request.isDynamoDb() ? WireFormat.JSON_1_0 : request.format();
        byte[] bytes = format.write(body);
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put("Content-Type", List.of(format.contentType()));
        headers.put("x-amzn-RequestId", List.of(UUID.randomUUID().toString()));
        if (request.isDynamoDb()) {
            headers.put(ProxyResponse.CRC32_HEADER, List.of(ProxyResponse.crc32(bytes)));
        }
        return new ProxyResponse(200, headers, bytes);
    }
}
