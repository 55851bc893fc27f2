package io.liveinsight.dashboard.domain.stats;

/** How a rejected value is echoed in a reason: quoted, at most 40 characters, never half a surrogate pair. */
public final class Text {

    public static final int SHOWN = 40;

    private Text() {}

    public static String quote(String raw) {
        return "'" + abbreviate(raw) + "'";
    }

    public static String abbreviate(String raw) {
        if (raw.codePointCount(0, raw.length()) <= SHOWN) {
            return raw;
        }
        return raw.substring(0, raw.offsetByCodePoints(0, SHOWN)) + "...";
    }
}
