package io.liveinsight.load.chaos;

import io.liveinsight.event.EventLimits;
import io.liveinsight.event.SessionIds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Sessions whose ids a hostile or unlucky client could send (issue 13), as requests in the order they must be sent.
 * Pure: the same time gives the same requests.
 *
 * <ul>
 *   <li>The freeze attack: session {@code evil} gets two events two hours apart (client times now - 3 h and now - 1 h,
 *       both within what the edge keeps), so its second segment is stored under a derived id; once it is, a client
 *       sends session {@code evil~1}.
 *   <li>The reverse order: a client really uses {@code victim~1}; once it is stored, session {@code victim} gets two
 *       events two hours apart.
 *   <li>Ids made of the separator and other punctuation ({@code ~ # |}), astral characters (emoji), the longest id
 *       allowed (128 code points, ASCII ending in {@code ~}, and all astral), and 128-code-point ids that copy the
 *       start of a derived id: each gets an event two hours ago and two a minute ago, so each has a derived segment.
 *   <li>Only when asked ({@code --renumbering}): session {@code late-older} gets two events a minute ago, then, once
 *       stored, one two hours ago: its active segment moves from the client's id to a derived id.
 * </ul>
 */
final class HostileIds {

    static final String USER = "hostile-user";
    static final String ATTACKER = "evil";
    static final String VICTIM = "victim";
    static final String RENUMBERED = "late-older";

    /**
     * One request.
     *
     * @param awaitStored a Sessions item that must exist before the next request is sent (the attacks' order), or null
     */
    record Request(List<Map<String, Object>> events, String awaitStored) {
        Request {
            events = List.copyOf(events);
        }
    }

    private HostileIds() {}

    /** The ids of the third kind: every one a valid client session id. */
    static List<String> punctuationAndUnicodeIds() {
        String astral = "🚀😀𝕏";
        StringBuilder allAstral = new StringBuilder();
        while (allAstral.codePointCount(0, allAstral.length()) < EventLimits.MAX_SESSION_ID_CHARS) {
            int next = allAstral.codePointCount(0, allAstral.length()) % 3;
            allAstral.appendCodePoint(astral.codePointAt(astral.offsetByCodePoints(0, next)));
        }
        return List.of(
                "~",
                "x~~",
                "a~b~1",
                "order#42#",
                "|pipe|id|",
                "a#b|c~d",
                "😀 session 🚀",
                allAstral.toString(),
                "L".repeat(100) + "~".repeat(EventLimits.MAX_SESSION_ID_CHARS - 100),
                firstCodePoints(SessionIds.segmentId(ATTACKER, 1), EventLimits.MAX_SESSION_ID_CHARS),
                firstCodePoints(SessionIds.segmentId(VICTIM, 2), EventLimits.MAX_SESSION_ID_CHARS));
    }

    static List<Request> plan(String tag, long nowMs) {
        return plan(tag, nowMs, false);
    }

    static List<Request> plan(String tag, long nowMs, boolean renumbering) {
        Ids ids = new Ids(tag);
        long hour = Duration.ofHours(1).toMillis();
        List<Request> requests = new ArrayList<>();
        requests.add(one(ids, ATTACKER, nowMs - 3 * hour, "/evil/1", null));
        requests.add(one(ids, ATTACKER, nowMs - hour, "/evil/2", SessionIds.segmentId(ATTACKER, 1)));
        requests.add(one(ids, ATTACKER + "~1", nowMs, "/evil/3", ATTACKER + "~1"));
        requests.add(one(ids, VICTIM + "~1", nowMs, "/victim/1", VICTIM + "~1"));
        requests.add(one(ids, VICTIM, nowMs - 3 * hour, "/victim/2", null));
        requests.add(one(ids, VICTIM, nowMs - hour, "/victim/3", SessionIds.segmentId(VICTIM, 1)));
        for (String id : punctuationAndUnicodeIds()) {
            requests.add(one(ids, id, nowMs - 2 * hour, "/hostile/old", null));
            requests.add(new Request(
                    List.of(
                            Requests.event(ids.next(), id, USER, nowMs - 90_000, "click", "/hostile/new"),
                            Requests.event(ids.next(), id, USER, nowMs - 60_000, "page_view", "/hostile/new")),
                    null));
        }
        if (renumbering) {
            requests.add(new Request(
                    List.of(
                            Requests.event(ids.next(), RENUMBERED, USER, nowMs - 60_000, "page_view", "/late/1"),
                            Requests.event(ids.next(), RENUMBERED, USER, nowMs - 30_000, "page_view", "/late/2")),
                    RENUMBERED));
            requests.add(one(ids, RENUMBERED, nowMs - 2 * hour, "/late/0", SessionIds.segmentId(RENUMBERED, 1)));
        }
        return requests;
    }

    private static Request one(Ids ids, String session, long timestamp, String path, String awaitStored) {
        return new Request(
                List.of(Requests.event(ids.next(), session, USER, timestamp, "page_view", path)), awaitStored);
    }

    static String firstCodePoints(String text, int count) {
        return text.substring(0, text.offsetByCodePoints(0, count));
    }

    /** Event ids {@code h-<tag>-<n>}. */
    private static final class Ids {
        private final String tag;
        private int next;

        Ids(String tag) {
            this.tag = tag;
        }

        String next() {
            return "h-" + tag + "-" + next++;
        }
    }
}
