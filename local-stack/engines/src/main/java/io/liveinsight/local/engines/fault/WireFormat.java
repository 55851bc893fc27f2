package io.liveinsight.local.engines.fault;

import java.util.Locale;

/** The body encodings of the AWS JSON protocols: JSON 1.0 (DynamoDB), JSON 1.1 and CBOR 1.1 (Kinesis). */
enum WireFormat {
    JSON_1_0("application/x-amz-json-1.0"),
    JSON_1_1("application/x-amz-json-1.1"),
    CBOR_1_1("application/x-amz-cbor-1.1");

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

    Object parse(byte[] body) {
        return this == CBOR_1_1 ? Cbor.parse(body) : Json.parse(body);
    }

    byte[] write(Object value) {
        return this == CBOR_1_1 ? Cbor.write(value) : Json.write(value);
    }
}
