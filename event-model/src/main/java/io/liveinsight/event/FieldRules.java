package io.liveinsight.event;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The rule for each kind of value (docs/contract/events.md#fields), as pure checks answering an error message or null.
 * Lengths count Unicode characters (code points), not UTF-16 units, so an emoji is one character.
 */
final class FieldRules {

    static final String IDENTIFIER_CHARS = "A-Z a-z 0-9 _ . : -";
    static final String EVENT_TYPE_CHARS = "a-z 0-9 _ . : -";

    /** DynamoDB numbers: 38 significant digits, magnitude within [1e-130, 9.99..e125]; JSON numbers must fit. */
    static final BigDecimal MAX_NUMBER = new BigDecimal("9.9999999999999999999999999999999999999E+125");

    static final BigDecimal MIN_NUMBER = new BigDecimal("1E-130");

    private FieldRules() {}

    /** 1..max characters of {@code [A-Za-z0-9_.:-]}. */
    static String identifier(String value, int max) {
        return charset(value, max, false) ? null : "must be 1-" + max + " characters of " + IDENTIFIER_CHARS;
    }

    /** 1..max characters of {@code [a-z0-9_.:-]}. */
    static String eventType(String value, int max) {
        return charset(value, max, true) ? null : "must be 1-" + max + " characters of " + EVENT_TYPE_CHARS;
    }

    /** Any text of min..max characters. */
    static String text(String value, int min, int max) {
        if (!isValidUnicode(value)) {
            return "must be valid Unicode text (it has an unpaired surrogate)";
        }
        int length = value.length() <= max ? value.codePointCount(0, value.length()) : codePoints(value);
        if (length < min || length > max) {
            return min > 0 ? "must be " + min + "-" + max + " characters" : "must be at most " + max + " characters";
        }
        return null;
    }

    /** A property value: string of at most 1024 characters, number DynamoDB can store, boolean or null. */
    static String propertyValue(Object value) {
        if (value == null || value instanceof Boolean) {
            return null;
        }
        if (value instanceof String text) {
            return text(text, 0, EventLimits.MAX_PROPERTY_STRING_CHARS);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return null;
        }
        if (value instanceof BigInteger integer) {
            return storableNumber(new BigDecimal(integer));
        }
        if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            return Double.isFinite(number) ? storableNumber(BigDecimal.valueOf(number)) : "must be a finite number";
        }
        if (value instanceof BigDecimal decimal) {
            return storableNumber(decimal);
        }
        return "must be a string, number, boolean or null";
    }

    static String propertyKey(String key) {
        String error = text(key, 1, EventLimits.MAX_PROPERTY_KEY_CHARS);
        return error == null ? null : "property name " + error;
    }

    private static String storableNumber(BigDecimal number) {
        BigDecimal magnitude = number.abs();
        if (magnitude.signum() != 0 && (magnitude.compareTo(MAX_NUMBER) > 0 || magnitude.compareTo(MIN_NUMBER) < 0)) {
            return "must be a number within 1e-130 and 9.99e125 in magnitude";
        }
        if (magnitude.stripTrailingZeros().precision() > 38) {
            return "must have at most 38 significant digits";
        }
        return null;
    }

    private static boolean charset(String value, int max, boolean lowerOnly) {
        int length = value.length();
        if (length == 0 || length > max) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9')
                    || c == '_'
                    || c == '.'
                    || c == ':'
                    || c == '-'
                    || (!lowerOnly && c >= 'A' && c <= 'Z');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static int codePoints(String value) {
        return value.codePointCount(0, value.length());
    }

    /** False when the string holds a lone surrogate, which no UTF-8 encoder can write. */
    static boolean isValidUnicode(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
