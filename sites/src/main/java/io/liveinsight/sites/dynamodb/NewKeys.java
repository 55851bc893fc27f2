package io.liveinsight.sites.dynamodb;

import io.liveinsight.event.site.SiteKeys;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Plain keys just minted, to show once (docs/contract/sites.md#keys): the registry keeps only the write key and the
 * SHA-256 of the others. {@link #toString()} names the kinds only, so a log line never holds a key.
 */
public final class NewKeys {

    private final Map<SiteKeys.Kind, String> keys;

    NewKeys(Map<SiteKeys.Kind, String> keys) {
        this.keys = Collections.unmodifiableMap(new EnumMap<>(keys));
    }

    /** The new key of {@code kind}, when one was minted. */
    public Optional<String> get(SiteKeys.Kind kind) {
        return Optional.ofNullable(keys.get(kind));
    }

    /** Kind to plain key, in the order write, server, read. */
    public Map<SiteKeys.Kind, String> all() {
        return keys;
    }

    @Override
    public String toString() {
        return "NewKeys" + keys.keySet();
    }
}
