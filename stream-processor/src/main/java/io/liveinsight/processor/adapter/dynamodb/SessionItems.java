package io.liveinsight.processor.adapter.dynamodb;

import static io.liveinsight.processor.adapter.dynamodb.AttributeValues.n;
import static io.liveinsight.processor.adapter.dynamodb.AttributeValues.number;
import static io.liveinsight.processor.adapter.dynamodb.AttributeValues.putIfPresent;
import static io.liveinsight.processor.adapter.dynamodb.AttributeValues.s;
import static io.liveinsight.processor.adapter.dynamodb.AttributeValues.string;

import io.liveinsight.processor.domain.SessionAggregate;
import io.liveinsight.processor.domain.SessionAggregate.Stamped;
import io.liveinsight.processor.domain.SessionState;
import io.liveinsight.processor.domain.StreamPosition;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Session state to and from the Sessions and ActiveSessions items. Besides SPEC.md's attributes, a Sessions item
 * keeps {@code applied_seq} (the last applied stream position) and {@code stamps} (time and event id behind the
 * entry, exit and current pages), which make later merges exact.
 */
final class SessionItems {

    static final String APPLIED = "applied_seq";
    static final long ACTIVE_WINDOW_SECONDS = 30 * 60;

    private SessionItems() {}

    static Map<String, AttributeValue> toSessionItem(SessionState state) {
        SessionAggregate a = state.aggregate();
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
        Map<String, AttributeValue> stamps = new LinkedHashMap<>();
        putStamp(stamps, "entry", a.entryPage());
        putStamp(stamps, "exit", a.exitPage());
        putStamp(stamps, "first", a.firstEvent());
        putStamp(stamps, "current", a.currentPage());
        item.put("stamps", AttributeValue.fromM(stamps));
        item.put(APPLIED, s(state.applied().padded()));
        return item;
    }

    static SessionState fromSessionItem(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> stamps = item.get("stamps").m();
        Map<String, Long> types = new TreeMap<>();
        item.get("event_types").m().forEach((type, count) -> types.put(type, Long.parseLong(count.n())));
        SessionAggregate aggregate = new SessionAggregate(
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
                types);
        return new SessionState(aggregate, new StreamPosition(string(item, APPLIED)));
    }

    static Map<String, AttributeValue> toActiveItem(SessionState state) {
        SessionAggregate a = state.aggregate();
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
        item.put("is_bot", AttributeValue.fromBool(a.isBot()));
        item.put("expires_at", n(Math.floorDiv(a.lastActivity(), 1000) + ACTIVE_WINDOW_SECONDS));
        item.put(APPLIED, s(state.applied().padded()));
        return item;
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
}
