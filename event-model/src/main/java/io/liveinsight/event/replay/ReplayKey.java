package io.liveinsight.event.replay;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The deployment's replay key as the edge holds it: only its SHA-256 ({@code REPLAY_KEY_SHA256}), never the key. The
 * digest also seeds {@link ReplayIds}, so the replay tool, which holds the key, maps ids exactly as the edge does.
 */
public final class ReplayKey {

    /** The shortest key there may be. */
    public static final int MIN_CHARS = 16;

    private final byte[] digest;

    private ReplayKey(byte[] digest) {
        if (digest.length != 32) {
            throw new IllegalArgumentException("a SHA-256 digest has 32 bytes, not " + digest.length);
        }
        this.digest = digest.clone();
    }

    /** From the key itself (the replay tool's side). */
    public static ReplayKey of(String key) {
        if (key == null || key.length() < MIN_CHARS) {
            throw new IllegalArgumentException("a replay key has at least " + MIN_CHARS + " characters");
        }
        return new ReplayKey(sha256(key));
    }

    /** From the key's SHA-256 in hex (the edge's side). */
    public static ReplayKey fromSha256Hex(String hex) {
        return new ReplayKey(HexFormat.of().parseHex(hex.strip()));
    }

    public String sha256Hex() {
        return HexFormat.of().formatHex(digest);
    }

    /** Whether {@code presented} is the key, in time independent of where it differs. */
    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(digest, sha256(presented));
    }

    byte[] digest() {
        return digest.clone();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
