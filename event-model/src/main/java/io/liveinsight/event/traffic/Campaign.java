package io.liveinsight.event.traffic;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The campaign a page URL carries: {@code utm_source}, {@code utm_medium}, {@code utm_campaign}, {@code utm_term},
 * {@code utm_content}, and the ad click id if any ({@code gclid}, {@code fbclid}...). Values are lower-cased,
 * trimmed and cut to {@value #MAX_VALUE} characters; absent ones are null. Never throws, whatever the URL.
 */
public record Campaign(
        String source, String medium, String name, String term, String content, String clickIdParameter) {

    /** Longest value kept: a campaign name is a label, not a payload. */
    public static final int MAX_VALUE = 100;

    public static final Campaign NONE = new Campaign(null, null, null, null, null, null);

    /** Click-id parameters of the ad networks, and the network each one names. */
    static final Map<String, String> CLICK_IDS = Map.of(
            "gclid", "google",
            "gbraid", "google",
            "wbraid", "google",
            "dclid", "google",
            "msclkid", "bing",
            "fbclid", "facebook",
            "ttclid", "tiktok",
            "twclid", "twitter",
            "li_fat_id", "linkedin",
            "yclid", "yandex");

    public boolean isPresent() {
        return source != null || medium != null || name != null || clickIdParameter != null;
    }

    /** The campaign of a page URL, {@link #NONE} when it has none (or is no URL). */
    public static Campaign of(String pageUrl) {
        Map<String, String> query = query(pageUrl);
        if (query.isEmpty()) {
            return NONE;
        }
        String clickId = CLICK_IDS.keySet().stream()
                .filter(query::containsKey)
                .sorted()
                .findFirst()
                .orElse(null);
        return new Campaign(
                query.get("utm_source"),
                query.get("utm_medium"),
                query.get("utm_campaign"),
                query.get("utm_term"),
                query.get("utm_content"),
                clickId);
    }

    /** The network a click id names ({@code gclid} -> {@code google}), if there is one. */
    public Optional<String> clickIdNetwork() {
        return Optional.ofNullable(clickIdParameter).map(CLICK_IDS::get);
    }

    private static Map<String, String> query(String url) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (url == null) {
            return parameters;
        }
        int start = url.indexOf('?');
        if (start < 0) {
            return parameters;
        }
        int end = url.indexOf('#', start);
        String query = url.substring(start + 1, end < 0 ? url.length() : end);
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            if (name.isEmpty()) {
                continue;
            }
            String key = name.toLowerCase(Locale.ROOT);
            boolean tracked = key.startsWith("utm_") || CLICK_IDS.containsKey(key);
            if (tracked && !parameters.containsKey(key)) {
                String clean = clean(value);
                if (clean != null || CLICK_IDS.containsKey(key)) {
                    parameters.put(key, clean);
                }
            }
        }
        return parameters;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text; // a stray % : keep it as written
        }
    }

    private static String clean(String value) {
        String stripped = value.strip().toLowerCase(Locale.ROOT);
        if (stripped.isEmpty()) {
            return null;
        }
        int end = stripped.offsetByCodePoints(0, Math.min(MAX_VALUE, stripped.codePointCount(0, stripped.length())));
        return stripped.substring(0, end);
    }
}
