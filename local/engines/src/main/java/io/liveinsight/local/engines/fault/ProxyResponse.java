package io.liveinsight.local.engines.fault;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.CRC32;

/** One HTTP response to send back, headers keyed case-insensitively. */
record ProxyResponse(int status, Map<String, List<String>> headers, byte[] body) {

    /** DynamoDB's checksum of the body; the SDK verifies it when present. */
    static final String CRC32_HEADER = "x-amz-crc32";

    ProxyResponse {
        headers = Headers.copy(headers);
        Objects.requireNonNull(body, "body");
    }

    WireFormat format() {
        return WireFormat.of(Headers.first(headers, "Content-Type"));
    }

    /** The body read in its {@link #format()}; not an object of that format is an IllegalArgumentException. */
    ObjectNode bodyTree() {
        return format().read(body);
    }

    /** The same {@link #withBody(byte[])} with {@code tree} written in this message's format. */
    ProxyResponse withBody(ObjectNode tree) {
        return withBody(format().write(tree));
    }

    /** The same response with another body, its checksum header (if any) recomputed. */
    ProxyResponse withBody(byte[] newBody) {
        Map<String, List<String>> newHeaders = Headers.copy(headers);
        if (newHeaders.containsKey(CRC32_HEADER)) {
            newHeaders.put(CRC32_HEADER, List.of(crc32(newBody)));
        }
        return new ProxyResponse(status, newHeaders, newBody);
    }

    ProxyResponse withStatus(int newStatus) {
        return new ProxyResponse(newStatus, headers, body);
    }

    static String crc32(byte[] body) {
        CRC32 crc = new CRC32();
        crc.update(body);
        return Long.toString(crc.getValue());
    }
}
