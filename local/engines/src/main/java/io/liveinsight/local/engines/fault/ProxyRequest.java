package io.liveinsight.local.engines.fault;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** One HTTP request as received, headers keyed case-insensitively. */
record ProxyRequest(String method, String pathAndQuery, Map<String, List<String>> headers, byte[] body) {

    static final String TARGET_HEADER = "X-Amz-Target";

    ProxyRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(pathAndQuery, "pathAndQuery");
        headers = Headers.copy(headers);
        Objects.requireNonNull(body, "body");
    }

    /** The {@code X-Amz-Target} header, such as {@code DynamoDB_20120810.PutItem}; empty when absent. */
    String operation() {
        String target = Headers.first(headers, TARGET_HEADER);
        return target == null ? "" : target;
    }

    boolean isDynamoDb() {
        return operation().startsWith("DynamoDB_");
    }

    WireFormat format() {
        return WireFormat.of(Headers.first(headers, "Content-Type"));
    }

    /** The body read in its {@link #format()}; not an object of that format is an IllegalArgumentException. */
    ObjectNode bodyTree() {
        return format().read(body);
    }

    /** The same {@link #withBody(byte[])} with {@code tree} written in this message's format. */
    ProxyRequest withBody(ObjectNode tree) {
        return withBody(format().write(tree));
    }

    ProxyRequest withBody(byte[] newBody) {
        return new ProxyRequest(method, pathAndQuery, headers, newBody);
    }
}
