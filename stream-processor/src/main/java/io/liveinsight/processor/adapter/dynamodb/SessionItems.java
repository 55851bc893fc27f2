package io.liveinsight.processor.adapter.dynamodb;

import static io.liveinsight.processor.adapter.dynamodb.AttributeValues.n;
import static io.liveinsight.processor.adapter.dynamodb.AttributeValues.number;
import static io.liveinsight.processor.adapter.dynamodb.AttributeValues.putIfPresent;
import static io.liveinsight.processor.adapter.dynamodb.AttributeValues.s;
import static io.liveinsight.processor.adapter.dynamodb.AttributeValues.string;

import io.liveinsight.processor.domain.EventFingerprints;
import io.liveinsight.processor.domain.SessionAggregate;
import io.liveinsight.processor.domain.SessionAggregate.Stamped;
import io.liveinsight.processor.domain.SessionRules;
import io.liveinsight.processor.domain.SessionState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Session state to and from items.
 *
 * <ul>
 *   <li>The <b>root</b> Sessions item (key: the client's session id) is the source of truth: segment 0's SPEC.md
 *       attributes, plus {@code fingerprints} (every counted event id), {@code applied_events} (the lock token), and
 *       {@code segments} (the aggregates of later segments, if any).
 *   <li>A <b>segment</b> Sessions item ({@code <id>~k}) and every ActiveSessions item are projections of the root,
 *       carrying the root's {@code applied_events} so an older projection never overwrites a newer one.
 * </ul>
 *
 * Besides SPEC.md's attributes each session keeps {@code current_page}, {@code minutes} (events per epoch minute)
 * and {@code stamps} (time and event id behind the entry, exit and current pages), which make merges exact.
 */
final class SessionItems {

    static final String APPLIED = "applied_events";
    static final String ROOT = "root_session_id";

    private SessionItems() {}

    static Map<String, AttributeValue> rootItem(SessionState state) {
        Map<String, AttributeValue> item = attributes(state.segments().get(0));
        item.put(
                "fingerprints",
                AttributeValue.fromB(SdkBytes.fromByteArray(state.seen().toBytes())));
        item.put(APPLIED, n(state.appliedEvents()));
        if (state.segments().size() > 1) {
            List<AttributeValue> later = state
                    .segments()
                    .subList(1, state.segments().size())
                    .stream()
                    .map(segment -> AttributeValue.fromM(attributes(segment)))
                    .toList();
            item.put("segments", AttributeValue.fromL(later));
        }
        return item;
    }

    static SessionState fromRootItem(Map<String, AttributeValue> item) {
        List<SessionAggregate> segments = new ArrayList<>();
        segments.add(aggregate(item));
        AttributeValue later = item.get("segments");
        if (later != null) {
            later.l().forEach(segment -> segments.add(aggregate(segment.m())));
        }
        return new SessionState(
                string(item, "session_id"),
                segments,
                EventFingerprints.fromBytes(item.get("fingerprints").b().asByteArrayUnsafe()),
                number(item, APPLIED));
    }

    /** A later segment's own Sessions item, so it can be read like any session. */
    static Map<String, AttributeValue> segmentItem(SessionState state, int segment) {
        Map<String, AttributeValue> item = attributes(state.segments().get(segment));
        item.put(ROOT, s(state.clientSessionId()));
        item.put(APPLIED, n(state.appliedEvents()));
        return item;
    }

    static Map<String, AttributeValue> activeItem(SessionState state, int segment) {
        SessionAggregate a = state.segments().get(segment);
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("session_id", s(a.sessionId()));
        item.put("user_id", s(a.userId()));
        item.put("start_time", n(a.startTime()));
        item.put("last_activity", n(a.lastActivity()));
        putIfPresent(
                item,
                "current_page",
                a.currentPage() == null ? null : a.currentPage().value());
        item.put("total_events", n(a.totalEvents()));
        item.put("page_views", n(a.pageViews()));
        putIfPresent(item, "referrer", a.referrer());
        item.put("is_bot", AttributeValue.fromBool(a.isBot()));
        item.put("expires_at", n(a.expiresAt()));
        item.put("minutes", minutes(a.recentMinutes()));
        item.put(ROOT, s(state.clientSessionId()));
        item.put(APPLIED, n(state.appliedEvents()));
        return item;
    }

    private static Map<String, AttributeValue> attributes(SessionAggregate a) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("session_id", s(a.sessionId()));
        item.put("user_id", s(a.userId()));
        item.put("start_time", n(a.startTime()));
        item.put("last_activity", n(a.lastActivity()));
        item.put("total_events", n(a.totalEvents()));
        item.put("page_views", n(a.pageViews()));
        item.put("session_duration", n(a.sessionDuration()));
        putIfPresent(
                item, "entry_page", a.entryPage() == null ? null : a.entryPage().value());
        putIfPresent(
                item, "exit_page", a.exitPage() == null ? null : a.exitPage().value());
        putIfPresent(
                item,
                "current_page",
                a.currentPage() == null ? null : a.currentPage().value());
        putIfPresent(item, "referrer", a.referrer());
        putIfPresent(item, "user_agent", a.userAgent());
        item.put("is_bot", AttributeValue.fromBool(a.isBot()));
        Map<String, AttributeValue> types = new LinkedHashMap<>();
        a.eventTypes().forEach((type, count) -> types.put(type, n(count)));
        item.put("event_types", AttributeValue.fromM(types));
        item.put("minutes", minutes(a.minutes()));
        Map<String, AttributeValue> stamps = new LinkedHashMap<>();
        putStamp(stamps, "entry", a.entryPage());
        putStamp(stamps, "exit", a.exitPage());
        putStamp(stamps, "first", a.firstEvent());
        putStamp(stamps, "current", a.currentPage());
        item.put("stamps", AttributeValue.fromM(stamps));
        return item;
    }

    private static SessionAggregate aggregate(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> stamps = item.get("stamps").m();
        Map<String, Long> types = new TreeMap<>();
        item.get("event_types").m().forEach((type, count) -> types.put(type, Long.parseLong(count.n())));
        SortedMap<Long, Long> minutes = new TreeMap<>();
        item.get("minutes")
                .m()
                .forEach((minute, count) -> minutes.put(Long.parseLong(minute), Long.parseLong(count.n())));
        return new SessionAggregate(
                string(item, "session_id"),
                string(item, "user_id"),
                number(item, "start_time"),
                number(item, "last_activity"),
                number(item, "total_events"),
                number(item, "page_views"),
                stamp(stamps, "entry", string(item, "entry_page")),
                stamp(stamps, "exit", string(item, "exit_page")),
                stamp(stamps, "first", null),
                stamp(stamps, "current", string(item, "current_page")),
                string(item, "referrer"),
                string(item, "user_agent"),
                Boolean.TRUE.equals(item.get("is_bot").bool()),
                types,
                minutes);
    }

    private static AttributeValue minutes(SortedMap<Long, Long> minutes) {
        Map<String, AttributeValue> map = new LinkedHashMap<>();
        minutes.forEach((minute, count) -> map.put(Long.toString(minute), n(count)));
        return AttributeValue.fromM(map);
    }

    private static void putStamp(Map<String, AttributeValue> stamps, String name, Stamped stamp) {
        if (stamp != null) {
            stamps.put(name, AttributeValue.fromM(Map.of("t", n(stamp.time()), "id", s(stamp.eventId()))));
        }
    }

    private static Stamped stamp(Map<String, AttributeValue> stamps, String name, String value) {
        AttributeValue stamp = stamps.get(name);
        if (stamp == null) {
            return null;
        }
        return new Stamped(
                Long.parseLong(stamp.m().get("t").n()), stamp.m().get("id").s(), value);
    }

    static String segmentId(SessionState state, int segment) {
        return SessionRules.segmentId(state.clientSessionId(), segment);
    }
}
