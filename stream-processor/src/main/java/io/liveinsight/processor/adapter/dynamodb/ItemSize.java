package io.liveinsight.processor.adapter.dynamodb;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** DynamoDB's item size (names plus values), close enough to predict write units for the rate limiter. */
final class ItemSize {

    private ItemSize() {}

    static int bytes(Map<String, AttributeValue> item) {
        int total = 0;
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            total += attribute.getKey().getBytes(StandardCharsets.UTF_8).length + bytes(attribute.getValue());
        }
        return total;
    }

    private static int bytes(AttributeValue value) {
        if (value.s() != null) {
            return value.s().getBytes(StandardCharsets.UTF_8).length;
        }
        if (value.n() != null) {
            return 1 + (value.n().length() + 1) / 2;
        }
        if (value.b() != null) {
            return value.b().asByteArrayUnsafe().length;
        }
        if (value.hasM()) {
            return 3 + bytes(value.m()) + value.m().size();
        }
        if (value.hasL()) {
            return 3 + value.l().stream().mapToInt(v -> 1 + bytes(v)).sum();
        }
        return 1; // BOOL, NULL
    }
}
