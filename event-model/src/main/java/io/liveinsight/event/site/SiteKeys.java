package io.liveinsight.event.site;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Random;

/**
 * A site's keys (docs/contract/sites.md#keys): a public write key for its pages, a secret server key and a secret read
 * token. Each is a prefix telling its kind and random base32 ({@code a-z 2-7}); the registry finds a key by its
 * SHA-256, and keeps only that for the secret ones.
 */
public final class SiteKeys {

    /** What a key lets its holder do. */
    public enum Kind {
        WRITE("li_pub_", 26),
        SERVER("li_sec_", 52),
        READ("li_read_", 52);

        private final String prefix;
        private final int randomChars;

        Kind(String prefix, int randomChars) {
            this.prefix = prefix;
            this.randomChars = randomChars;
        }

        public String prefix() {
            return prefix;
        }

        /** The name stored on key items: {@code write}, {@code server}, {@code read}. */
        public String storedName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Kind ofStoredName(String name) {
            for (Kind kind : values()) {
                if (kind.storedName().equals(name)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("not a key kind: " + name);
        }
    }

    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private SiteKeys() {}

    /** A new key of {@code kind} from a secure random source. */
    public static String newKey(Kind kind) {
        return newKey(kind, RANDOM);
    }

    /** A new key of {@code kind} from {@code random} (tests pass a seeded one). */
    public static String newKey(Kind kind, Random random) {
        StringBuilder key = new StringBuilder(kind.prefix);
        for (int i = 0; i < kind.randomChars; i++) {
            key.append(BASE32[random.nextInt(BASE32.length)]);
        }
        return key.toString();
    }

    /** The kind of {@code key} by its prefix and shape; null when it is no key of any kind. */
    public static Kind kind(String key) {
        if (key == null) {
            return null;
        }
        for (Kind kind : Kind.values()) {
            if (key.length() == kind.prefix.length() + kind.randomChars && key.startsWith(kind.prefix)) {
                for (int i = kind.prefix.length(); i < key.length(); i++) {
                    char c = key.charAt(i);
                    if (!((c >= 'a' && c <= 'z') || (c >= '2' && c <= '7'))) {
                        return null;
                    }
                }
                return kind;
            }
        }
        return null;
    }

    /** The SHA-256 of the key's UTF-8 bytes, as 64 lower-case hex digits: how the registry finds and keeps it. */
    public static String sha256(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Compares two hex digests in constant time. */
    public static boolean sameDigest(String a, String b) {
        return a != null
                && b != null
                && MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }
}
