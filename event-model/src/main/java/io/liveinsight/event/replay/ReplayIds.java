package io.liveinsight.event.replay;

import io.liveinsight.event.Event;
import io.liveinsight.event.SessionIds;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The ids of one replay run (docs/contract/replay.md#ids): each event, session and user id mapped by HMAC-SHA256 keyed
 * with the replay key's digest, so the same run maps the same ids the same way (a resend is still a duplicate, a second
 * replay with the same run id changes nothing), two runs never share an id, and no visitor can send an id a replay
 * maps to without the key. Not thread-safe (one {@link Mac}): one per request.
 *
 * <p>Event ids {@code r.<run>.<26>} with the run cut to its first 35 characters (an event id has at most 64), session
 * and user ids {@code r~<run>~<26>}; {@code <26>} is the first 130 bits of the HMAC in lower-case base32.
 */
public final class ReplayIds {

    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final int EVENT_ID_RUN_CHARS = 35;

    private final Mac mac;
    private final String run;

    public ReplayIds(ReplayKey key, String run) {
        String error = ReplayLane.runError(run);
        if (error != null) {
            throw new IllegalArgumentException("replay run " + error + ": " + run);
        }
        this.run = run;
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.digest(), "HmacSHA256"));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }

    public String run() {
        return run;
    }

    public String eventId(String original) {
        String shortRun = run.length() > EVENT_ID_RUN_CHARS ? run.substring(0, EVENT_ID_RUN_CHARS) : run;
        return "r." + shortRun + "." + tag('e', original);
    }

    public String sessionId(String original) {
        return SessionIds.REPLAY_PREFIX + run + "~" + tag('s', original);
    }

    public String userId(String original) {
        return SessionIds.REPLAY_PREFIX + run + "~" + tag('u', original);
    }

    /** The event as the replay lane stores it: ids mapped, {@code replay_run} set, everything else as sent. */
    public Event map(Event event) {
        return new Event(
                eventId(event.eventId()),
                userId(event.userId()),
                sessionId(event.sessionId()),
                event.eventType(),
                event.timestamp(),
                event.pageUrl(),
                event.referrer(),
                event.userAgent(),
                event.properties(),
                event.elementTag(),
                event.elementId(),
                event.elementClass(),
                event.elementText(),
                event.receivedAt(),
                event.ip(),
                event.isBot(),
                event.clockSkew(),
                run);
    }

    private String tag(char kind, String original) {
        mac.update((byte) kind);
        mac.update((byte) 0);
        mac.update(run.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        byte[] hash = mac.doFinal(original.getBytes(StandardCharsets.UTF_8));
        return base32(hash, 26);
    }

    private static String base32(byte[] bytes, int chars) {
        StringBuilder out = new StringBuilder(chars);
        int buffer = 0;
        int bits = 0;
        for (int i = 0; out.length() < chars; ) {
            if (bits < 5) {
                buffer = (buffer << 8) | (bytes[i++] & 0xff);
                bits += 8;
            }
            out.append(BASE32[(buffer >> (bits - 5)) & 31]);
            bits -= 5;
        }
        return out.toString();
    }
}
