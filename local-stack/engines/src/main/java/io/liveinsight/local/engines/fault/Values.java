package io.liveinsight.local.engines.fault;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Typed views of parsed {@link Json} / {@link Cbor} values; a wrong shape is an {@link IllegalArgumentException}. */
final class Values {

    private Values() {}

    /** A mutable copy of an object. */
    static Map<String, Object> object(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("expected an object, got " + value);
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, element) -> copy.put(String.valueOf(key), element));
        return copy;
    }

    /** A mutable copy of an array; null reads as empty. */
    static List<Object> array(Object value) {
        if (value == null) {
            return new ArrayList<>();
        }
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException("expected an array, got " + value);
        }
        return new ArrayList<>(list);
    }

    static long number(Object value) {
        if (value == null) {
            return 0;
        }
        if (!(value instanceof Number number)) {
            throw new IllegalArgumentException("expected a number, got " + value);
        }
        return number.longValue();
    }
}
