package io.liveinsight.processor.domain.stats;

/**
 * Breakdown keys as stored: at most {@link #MAX_CHARS} code points. A client may send 2,048 characters in a page URL
 * or a referrer (docs/contract/events.md#limits); a hundred such keys made an hour item of ~140 KB, 139 write units
 * a batch, and in astral characters past DynamoDB's 400 KB item limit. Cut between whole code points: half of an
 * astral character is written by the rollup's JSON as a lone surrogate that no reader can parse.
 */
public final class BreakdownKeys {

    public static final int MAX_CHARS = 200;

    private BreakdownKeys() {}

    /** The key's first {@link #MAX_CHARS} code points; null stays null. */
    public static String cut(String key) {
        if (key == null || key.length() <= MAX_CHARS || key.codePointCount(0, key.length()) <= MAX_CHARS) {
            return key;
        }
        return key.substring(0, key.offsetByCodePoints(0, MAX_CHARS));
    }
}
