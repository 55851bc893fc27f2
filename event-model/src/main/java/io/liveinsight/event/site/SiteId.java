package io.liveinsight.event.site;

/**
 * Site ids (docs/contract/sites.md#site-ids): 1-32 characters of {@code a-z 0-9 -}, starting with a letter or digit,
 * so a site id never holds {@code ~} or {@code #} and can head a key.
 */
public final class SiteId {

    /** The site of a deployment without a registry, and of an event that names none. */
    public static final String DEFAULT = "default";

    public static final int MAX_CHARS = 32;

    private static final String RULE = "must be 1-" + MAX_CHARS + " characters of a-z 0-9 -, not starting with -";

    private SiteId() {}

    /** Null when {@code id} is a valid site id, else why not. */
    public static String error(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_CHARS || id.charAt(0) == '-') {
            return RULE;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
                return RULE;
            }
        }
        return null;
    }

    /** {@code site}, or {@link #DEFAULT} when null (an event or item from before sites). */
    public static String orDefault(String site) {
        return site == null ? DEFAULT : site;
    }

    /** The id itself; throws when it is not a valid site id. */
    public static String require(String id) {
        String error = error(id);
        if (error != null) {
            throw new IllegalArgumentException("site id " + error + ": " + id);
        }
        return id;
    }
}
