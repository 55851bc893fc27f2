package io.liveinsight.local.engines.fault;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * The body encodings of the AWS JSON protocols: JSON 1.0 (DynamoDB), JSON 1.1 and CBOR 1.1 (Kinesis), read into and
 * written from Jackson trees. The Kinesis SDK speaks CBOR unless {@code aws.cborEnabled=false} (or {@code
 * AWS_CBOR_ENABLED=false}) makes it speak JSON 1.1; the proxy follows each message's Content-Type. Binary values are
 * base64 strings in JSON and byte strings in CBOR, as the protocols carry them. CBOR tags (timestamps) are not kept,
 * which is safe for the bodies the proxy rewrites (PutRecords and BatchWriteItem carry no timestamps).
 */
enum WireFormat {
    JSON_1_0("application/x-amz-json-1.0"),
    JSON_1_1("application/x-amz-json-1.1"),
    CBOR_1_1("application/x-amz-cbor-1.1");

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();
    private static final ObjectMapper CBOR = CBORMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final String contentType;

    WireFormat(String contentType) {
        this.contentType = contentType;
    }

    String contentType() {
        return contentType;
    }

    /** The format of a message, from its Content-Type; JSON 1.1 unless it names 1.0 or CBOR. */
    static WireFormat of(String contentType) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (type.contains("cbor")) {
            return CBOR_1_1;
        }
        return type.contains("json-1.0") ? JSON_1_0 : JSON_1_1;
    }

    /** A mutable object node: every body of these protocols is one object; anything else is rejected. */
    ObjectNode read(byte[] body) {
        JsonNode tree;
        try {
            tree = mapper().readTree(body);
        } catch (JacksonException notThisFormat) {
            throw new IllegalArgumentException("not " + this + ": " + notThisFormat.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!(tree instanceof ObjectNode object)) {
            throw new IllegalArgumentException("expected an object, got " + tree);
        }
        return object;
    }

    byte[] write(JsonNode value) {
        try {
            return mapper().writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new empty object, to build an answer in. */
    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    private ObjectMapper mapper() {
        return this == CBOR_1_1 ? CBOR : JSON;
    }
}
