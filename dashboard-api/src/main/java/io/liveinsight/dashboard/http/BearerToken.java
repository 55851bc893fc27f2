package io.liveinsight.dashboard.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The dashboard's shared secret, checked in constant time: the presented token and the configured one are both
 * hashed (SHA-256) and the digests compared with {@link MessageDigest#isEqual}, so the time taken depends neither on
 * how many leading bytes match nor on how long either token is. Only the digest is kept; the token never appears in
 * a message or a log line.
 */
final class BearerToken {

    private static final String SCHEME = "Bearer ";

    private final byte[] digest;

    BearerToken(String token) {
        this.digest = sha256(token);
    }

    /** True when the Authorization header is {@code Bearer <the token>} (scheme in any case, no other form). */
    boolean matches(String authorization) {
        String presented = presented(authorization);
        return presented != null && MessageDigest.isEqual(sha256(presented), digest);
    }

    /** The token of an Authorization header {@code Bearer <token>} (scheme in any case), or null for any other. */
    static String presented(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return null;
        }
        String presented = authorization.substring(SCHEME.length()).strip();
        return presented.isEmpty() ? null : presented;
    }

    @Override
    public String toString() {
        return "BearerToken[redacted]";
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
