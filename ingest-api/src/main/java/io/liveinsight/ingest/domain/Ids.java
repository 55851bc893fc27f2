package io.liveinsight.ingest.domain;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;
import java.util.random.RandomGenerator;

/** Mints identifiers: UUIDv7 (time-ordered) for events and sessions, {@code anon-<uuid>} for users. */
public final class Ids {

    private final Clock clock;
    private final RandomGenerator random;

    public Ids(Clock clock, RandomGenerator random) {
        this.clock = clock;
        this.random = random;
    }

    public String eventId() {
        return uuidV7().toString();
    }

    public String sessionId() {
        return uuidV7().toString();
    }

    public String userId() {
        return "anon-" + uuidV7();
    }

    /**
     * The anonymous user of a session whose client sent no user id: {@code anon-<name-based uuid>}, the same for
     * the same session in every request and on every edge instance.
     */
    public String userIdForSession(String sessionId) {
        return "anon-" + UUID.nameUUIDFromBytes(("liveinsight:session:" + sessionId).getBytes(StandardCharsets.UTF_8));
    }

    /** RFC 9562 version 7: 48 bits of Unix milliseconds, version, 74 random bits, variant. */
    UUID uuidV7() {
        long millis = clock.millis() & 0xFFFF_FFFF_FFFFL;
        long high = (millis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low);
    }
}
