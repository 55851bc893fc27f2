package io.liveinsight.processor.adapter.dynamodb;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Java values to DynamoDB attribute values: numbers stay numbers (N), never strings. */
final class AttributeValues {

    private AttributeValues() {}

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    static AttributeValue of(Object value) {
        return switch (value) {
            case null -> AttributeValue.fromNul(true);
            case String text -> AttributeValue.fromS(text);
            case Boolean flag -> AttributeValue.fromBool(flag);
            case BigDecimal decimal -> AttributeValue.fromN(decimal.toPlainString());
            case Double number when number.isNaN() || number.isInfinite() -> AttributeValue.fromS(number.toString());
            case Float number when number.isNaN() || number.isInfinite() -> AttributeValue.fromS(number.toString());
            case Number number -> AttributeValue.fromN(new BigDecimal(number.toString()).toPlainString());
            case Map<?, ?> map -> AttributeValue.fromM(map(map));
            case List<?> list ->
                AttributeValue.fromL(list.stream().map(AttributeValues::of).toList());
            default -> AttributeValue.fromS(value.toString());
        };
    }

    static Map<String, AttributeValue> map(Map<?, ?> values) {
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        values.forEach((key, value) -> out.put(String.valueOf(key), of(value)));
        return out;
    }

    static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, AttributeValue.fromS(value));
        }
    }

    static long number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
    }

    static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }
}
