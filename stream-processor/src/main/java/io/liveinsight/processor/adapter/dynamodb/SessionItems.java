package io.liveinsight.processor.adapter.dynamodb;

import static io.liveinsight.event.contract.ItemAttributes.CURRENT_PAGE;
import static io.liveinsight.event.contract.ItemAttributes.ENTRY_PAGE;
import static io.liveinsight.event.contract.ItemAttributes.EVENT_TYPES;
import static io.liveinsight.event.contract.ItemAttributes.EXIT_PAGE;
import static io.liveinsight.event.contract.ItemAttributes.EXPIRES_AT;
import static io.liveinsight.event.contract.ItemAttributes.IS_BOT;
import static io.liveinsight.event.contract.ItemAttributes.LAST_ACTIVITY;
import static io.liveinsight.event.contract.ItemAttributes.MINUTES;
import static io.liveinsight.event.contract.ItemAttributes.PAGE_VIEWS;
import static io.liveinsight.event.contract.ItemAttributes.REFERRER;
import static io.liveinsight.event.contract.ItemAttributes.REPLAY_RUN;
import static io.liveinsight.event.contract.ItemAttributes.ROOT_SESSION_ID;
import static io.liveinsight.event.contract.ItemAttributes.SESSION_DURATION;
import static io.liveinsight.event.contract.ItemAttributes.SESSION_ID;
import static io.liveinsight.event.contract.ItemAttributes.SITE;
import static io.liveinsight.event.contract.ItemAttributes.START_TIME;
import static io.liveinsight.event.contract.ItemAttributes.TOTAL_EVENTS;
import static io.liveinsight.event.contract.ItemAttributes.USER_AGENT;
import static io.liveinsight.event.contract.ItemAttributes.USER_ID;
import static io.liveinsight.processor.adapter.dynamodb.AttributeValues.n;
import static io.liveinsight.processor.adapter.dynamodb.AttributeValues.number;
import static io.liveinsight.processor.adapter.dynamodb.AttributeValues.putIfPresent;
import static io.liveinsight.processor.adapter.dynamodb.AttributeValues.s;
import static io.liveinsight.processor.adapter.dynamodb.AttributeValues.string;

import io.liveinsight.event.site.SiteScope;
import io.liveinsight.processor.domain.Marks;
import io.liveinsight.processor.domain.Segment;
import io.liveinsight.processor.domain.SessionAggregate;
import io.liveinsight.processor.domain.SessionAggregate.Stamped;
import io.liveinsight.processor.domain.SessionKey;
import io.liveinsight.processor.domain.SessionRules;
import io.liveinsight.processor.enrichment.Enrichment;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Segments to and from items (store format 2). A Sessions item holds one segment: the documented attributes
 * ({@code current_page} only when it is not the exit page; the first touch's enrichment when {@link SessionTables}
 * gives one, which it does for a session's first segment only), plus
 * compact internals that keep its size bounded whatever the session's length:
 *
 * <ul>
 *   <li>{@code rv}: the item's revision (optimistic lock; ActiveSessions copies it so a projection never goes back);
 *   <li>{@code mk}: per shard, the highest record the segment holds (how replays are recognised);
 *   <li>{@code pm}: events per minute over the active window (binary: the first minute, then a varint a minute);
 *   <li>{@code sp}: time and event id behind the entry, exit and current pages and the first event, which make
 *       merges exact;
 *   <li>on the client id's item only, when there is more than one segment: {@code segments} (how many) and
 *       {@code sealed} (how many are final).
 * </ul>
 *
 * <p>Keys are a site's (docs/contract/sites.md#isolation): {@code session_id} and {@code user_id} are stored scoped
 * ({@link SessionKey}), every item carries {@code site}, and what is read back is the client's ids again, so the
 * domain never sees a scope. The default site's keys are the client's ids as they always were.
 */
final class SessionItems {

    static final String REVISION = "rv";
    static final String ROOT = ROOT_SESSION_ID;
    static final String SEGMENTS = "segments";
    static final String SEALED = "sealed";

    private SessionItems() {}

    static Map<String, AttributeValue> key(String sessionId) {
        return Map.of(SESSION_ID, s(sessionId));
    }

    static boolean isFormat2(Map<String, AttributeValue> item) {
        return item.containsKey(REVISION) && item.containsKey("mk");
    }

    /** The client id's item: segment 0, and the segment counts when there is more than one. */
    static Map<String, AttributeValue> rootItem(
            SessionKey session, Segment first, Enrichment enrichment, int segments, int sealed) {
        Map<String, AttributeValue> item = segmentItem(session, first, enrichment);
        if (segments > 1) {
            item.put(SEGMENTS, n(segments));
        }
        if (sealed > 0) {
            item.put(SEALED, n(sealed));
        }
        return item;
    }

    static int segmentCount(Map<String, AttributeValue> root) {
        return root.containsKey(SEGMENTS) ? (int) number(root, SEGMENTS) : 1;
    }

    static int sealedCount(Map<String, AttributeValue> root) {
        return (int) number(root, SEALED);
    }

    /** @param enrichment the segment's first touch, null to store none */
    static Map<String, AttributeValue> segmentItem(SessionKey session, Segment segment, Enrichment enrichment) {
        SessionAggregate a = segment.aggregate();
        Map<String, AttributeValue> item = keyAndTimes(session, a);
        item.put(TOTAL_EVENTS, n(a.totalEvents()));
        item.put(PAGE_VIEWS, n(a.pageViews()));
        item.put(SESSION_DURATION, n(a.sessionDuration()));
        putIfPresent(item, ENTRY_PAGE, value(a.entryPage()));
        putIfPresent(item, EXIT_PAGE, value(a.exitPage()));
        if (!Objects.equals(value(a.currentPage()), value(a.exitPage()))) {
            putIfPresent(item, CURRENT_PAGE, value(a.currentPage())); // when absent, it is the exit page
        }
        putIfPresent(item, REFERRER, a.referrer());
        putIfPresent(item, USER_AGENT, a.userAgent());
        if (enrichment != null) {
            EnrichmentItems.put(item, enrichment);
        }
        item.put(IS_BOT, AttributeValue.fromBool(a.isBot()));
        putIfPresent(item, REPLAY_RUN, a.replayRun());
        Map<String, AttributeValue> types = new TreeMap<>();
        a.eventTypes().forEach((type, count) -> types.put(type, n(count)));
        item.put(EVENT_TYPES, AttributeValue.fromM(types));
        item.put("pm", perMinute(a.minutes()));
        item.put("sp", stamps(a));
        item.put("mk", marks(segment.marks()));
        item.put(REVISION, n(segment.revision()));
        return item;
    }

    /** The segment an item holds, with the client's ids (the scope of its keys taken off). */
    static Segment segment(Map<String, AttributeValue> item) {
        String sessionId = SiteScope.clientId(string(item, SESSION_ID));
        List<AttributeValue> sp = item.get("sp").l();
        SessionAggregate aggregate = new SessionAggregate(
                sessionId,
                SiteScope.clientId(string(item, USER_ID)),
                number(item, START_TIME),
                number(item, LAST_ACTIVITY),
                number(item, TOTAL_EVENTS),
                number(item, PAGE_VIEWS),
                stamp(sp, 0, string(item, ENTRY_PAGE)),
                stamp(sp, 2, string(item, EXIT_PAGE)),
                new Stamped(
                        number(item, START_TIME),
                        sp.size() > 6 ? sp.get(6).s() : sp.get(1).s(),
                        null),
                stamp(sp, 4, item.containsKey(CURRENT_PAGE) ? string(item, CURRENT_PAGE) : string(item, EXIT_PAGE)),
                string(item, REFERRER),
                string(item, USER_AGENT),
                Boolean.TRUE.equals(item.get(IS_BOT).bool()),
                eventTypes(item.get(EVENT_TYPES).m()),
                perMinute(item.get("pm")),
                string(item, REPLAY_RUN));
        return new Segment(
                SessionRules.ordinal(sessionId), aggregate, marks(item.get("mk").m()), number(item, REVISION));
    }

    /**
     * The ActiveSessions item of a segment (same attributes as before format 2, {@code minutes} included, and on a
     * later segment {@code root_session_id}, the client's session id, for the live view's links). A Sessions item
     * does not carry it: its derived id gives the client's id back ({@code SessionIds}), and those 47 bytes are what
     * keeps a later segment under 1 KB with real-world strings. {@code root_session_id} is a key like
     * {@code session_id}: scoped for a site other than the default one.
     */
    static Map<String, AttributeValue> activeItem(SessionKey session, Segment segment, Enrichment enrichment) {
        SessionAggregate a = segment.aggregate();
        Map<String, AttributeValue> item = keyAndTimes(session, a);
        putIfPresent(item, CURRENT_PAGE, value(a.currentPage()));
        item.put(TOTAL_EVENTS, n(a.totalEvents()));
        item.put(PAGE_VIEWS, n(a.pageViews()));
        putIfPresent(item, REFERRER, a.referrer());
        if (enrichment != null) {
            EnrichmentItems.put(item, enrichment);
        }
        item.put(IS_BOT, AttributeValue.fromBool(a.isBot()));
        putIfPresent(item, REPLAY_RUN, a.replayRun());
        item.put(EXPIRES_AT, n(a.expiresAt()));
        Map<String, AttributeValue> minutes = new LinkedHashMap<>();
        a.recentMinutes().forEach((minute, count) -> minutes.put(Long.toString(minute), n(count)));
        item.put(MINUTES, AttributeValue.fromM(minutes));
        if (segment.ordinal() > 0) {
            item.put(ROOT, s(session.value()));
        }
        item.put(REVISION, n(segment.revision()));
        return item;
    }

    /**
     * What both tables' items start with: the key and the user (scoped to the site), the first and the latest
     * activity, the site ({@code default} too: ActiveSessions' {@code SiteIndex} reads every site's by it).
     */
    private static Map<String, AttributeValue> keyAndTimes(SessionKey session, SessionAggregate a) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put(SESSION_ID, s(SiteScope.sessionKey(session.site(), a.sessionId())));
        item.put(USER_ID, s(session.userKey(a.userId())));
        item.put(START_TIME, n(a.startTime()));
        item.put(LAST_ACTIVITY, n(a.lastActivity()));
        item.put(SITE, s(session.site()));
        return item;
    }

    private static String value(Stamped stamp) {
        return stamp == null ? null : stamp.value();
    }

    /** The first minute (8 bytes), then each minute's count as an unsigned LEB128 varint: ~40 bytes for 31. */
    private static AttributeValue perMinute(SortedMap<Long, Long> minutes) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (!minutes.isEmpty()) {
            long first = minutes.firstKey();
            for (int shift = 56; shift >= 0; shift -= 8) {
                bytes.write((int) (first >>> shift));
            }
            for (long minute = first; minute <= minutes.lastKey(); minute++) {
                long count = minutes.getOrDefault(minute, 0L);
                while ((count & ~0x7FL) != 0) {
                    bytes.write((int) ((count & 0x7F) | 0x80));
                    count >>>= 7;
                }
                bytes.write((int) count);
            }
        }
        return AttributeValue.fromB(SdkBytes.fromByteArray(bytes.toByteArray()));
    }

    private static SortedMap<Long, Long> perMinute(AttributeValue value) {
        SortedMap<Long, Long> minutes = new TreeMap<>();
        ByteBuffer bytes = value.b().asByteBuffer();
        if (bytes.remaining() == 0) {
            return minutes;
        }
        long minute = bytes.getLong();
        while (bytes.hasRemaining()) {
            long count = 0;
            int shift = 0;
            int b;
            do {
                b = bytes.get() & 0xFF;
                count |= (long) (b & 0x7F) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);
            if (count != 0) {
                minutes.put(minute, count);
            }
            minute++;
        }
        return minutes;
    }

    /**
     * [entry time, entry id, exit time, exit id, current time, current id, first event id]; NULL where absent. The
     * first event's time is {@code start_time}, and its id is left out when it is the entry page's event.
     */
    private static AttributeValue stamps(SessionAggregate a) {
        List<AttributeValue> list = new ArrayList<>();
        for (Stamped stamp : new Stamped[] {a.entryPage(), a.exitPage(), a.currentPage()}) {
            list.add(stamp == null ? AttributeValue.fromNul(true) : n(stamp.time()));
            list.add(stamp == null ? AttributeValue.fromNul(true) : s(stamp.eventId()));
        }
        boolean firstIsEntry = a.entryPage() != null
                && a.entryPage().eventId().equals(a.firstEvent().eventId());
        if (!firstIsEntry) {
            list.add(s(a.firstEvent().eventId()));
        }
        return AttributeValue.fromL(list);
    }

    private static Stamped stamp(List<AttributeValue> sp, int at, String value) {
        AttributeValue time = sp.get(at);
        if (time.n() == null) {
            return null;
        }
        return new Stamped(Long.parseLong(time.n()), sp.get(at + 1).s(), value);
    }

    private static AttributeValue marks(Marks marks) {
        Map<String, AttributeValue> map = new TreeMap<>();
        marks.byShard()
                .forEach((shard, sequence) ->
                        map.put(shard, AttributeValue.fromB(SdkBytes.fromByteArray(sequence.toByteArray()))));
        return AttributeValue.fromM(map);
    }

    private static Marks marks(Map<String, AttributeValue> map) {
        Map<String, BigInteger> byShard = new TreeMap<>();
        map.forEach((shard, sequence) ->
                byShard.put(shard, new BigInteger(sequence.b().asByteArrayUnsafe())));
        return new Marks(byShard);
    }

    static Map<String, Long> eventTypes(Map<String, AttributeValue> map) {
        Map<String, Long> types = new TreeMap<>();
        map.forEach((type, count) -> types.put(type, Long.parseLong(count.n())));
        return types;
    }
}
