package io.liveinsight.dashboard.adapter.dynamodb;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Items to JSON-ready values and back (page keys), in one place. */
final class Attributes {

    private Attributes() {}

    static Map<String, Object> toJson(Map<String, AttributeValue> item) {
        Map<String, Object> json = new LinkedHashMap<>();
        item.forEach((name, value) -> json.put(name, value(value)));
        return json;
    }

    static Object value(AttributeValue value) {
        return switch (value.type()) {
            case S -> value.s();
            case N -> number(value.n());
            case BOOL -> value.bool();
            case NUL -> null;
            case M -> toJson(value.m());
            case L -> {
                List<Object> list = new ArrayList<>(value.l().size());
                value.l().forEach(v -> list.add(value(v)));
                yield list;
            }
            case SS -> value.ss();
            case NS -> value.ns().stream().map(Attributes::number).toList();
            default -> null; // binary: nothing the dashboard shows
        };
    }

    static Object number(String n) {
        try {
            return Long.parseLong(n);
        } catch (NumberFormatException e) {
            return new BigDecimal(n);
        }
    }

    static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    static long longValue(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null || value.n() == null) {
            return 0;
        }
        try {
            return Long.parseLong(value.n());
        } catch (NumberFormatException e) {
            return new BigDecimal(value.n()).longValue();
        }
    }

    /** A page key (strings and integers) as DynamoDB's ExclusiveStartKey. */
    static Map<String, AttributeValue> key(Map<String, Object> key) {
        if (key == null) {
            return null;
        }
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        key.forEach((name, value) -> attributes.put(
                name,
                value instanceof Number n
                        ? AttributeValue.fromN(Long.toString(n.longValue()))
                        : AttributeValue.fromS(value.toString())));
        return attributes;
    }

    /** DynamoDB's LastEvaluatedKey as a page key, or null when there is no further page. */
    static Map<String, Object> pageKey(Map<String, AttributeValue> lastEvaluatedKey) {
        if (lastEvaluatedKey == null || lastEvaluatedKey.isEmpty()) {
            return null;
        }
        Map<String, Object> key = new LinkedHashMap<>();
        lastEvaluatedKey.forEach((name, value) -> key.put(name, value.s() != null ? value.s() : number(value.n())));
        return key;
    }
}
