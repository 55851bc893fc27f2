package io.liveinsight.load.replay.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.liveinsight.ingest.domain.Ids;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Ids for recorded events that have none (docs/contract/replay.md#ids), from where the event was read, so a resend
 * or a second replay of the same file never mints a second one:
 *
 * <ul>
 *   <li>{@code event_id}: {@code rp-<tag>-<line>-<position>}, {@code <tag>} the first 8 hex digits of the SHA-256 of
 *       the source's name;
 *   <li>{@code session_id}: {@code rp-<tag>-<line>-s<k>}, one per user of the request ({@code k} counts the request's
 *       users), as the edge mints one session per user per request;
 *   <li>{@code user_id}: what the edge derives from the session id (ingest-api {@code Ids.userIdForSession}), so the
 *       stored user is the one the edge would have stored live, whatever the lane maps first.
 * </ul>
 *
 * A JSON {@code null} is absent, as the edge reads it. A present id of the wrong type is left for the edge's rules to
 * refuse. Pure.
 */
public final class MissingIds {

    private static final Ids EDGE_IDS = new Ids(Clock.systemUTC(), RandomGenerator.getDefault());

    private MissingIds() {}

    /** Gives the events of one request (read at {@code origin}) the ids they lack, in place. */
    public static void fill(Origin origin, List<ObjectNode> events) {
        String prefix = "rp-" + tag(origin.source()) + "-" + origin.line() + "-";
        Map<String, String> sessionsByUser = new LinkedHashMap<>();
        for (int position = 0; position < events.size(); position++) {
            ObjectNode event = events.get(position);
            if (absent(event.get("event_id"))) {
                event.put("event_id", prefix + position);
            }
            if (absent(event.get("session_id"))) {
                JsonNode user = event.get("user_id");
                String userKey = absent(user) ? "" : "u:" + user;
                String session = sessionsByUser.computeIfAbsent(userKey, k -> prefix + "s" + sessionsByUser.size());
                event.put("session_id", session);
            }
            JsonNode session = event.get("session_id");
            if (absent(event.get("user_id")) && session.isTextual()) {
                event.put("user_id", EDGE_IDS.userIdForSession(session.textValue()));
            }
        }
    }

    static String tag(String source) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(source.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static boolean absent(JsonNode node) {
        return node == null || node.isNull();
    }
}
