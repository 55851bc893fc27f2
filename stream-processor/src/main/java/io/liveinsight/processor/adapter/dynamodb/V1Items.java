package io.liveinsight.processor.adapter.dynamodb;

import static io.liveinsight.processor.adapter.dynamodb.AttributeValues.number;
import static io.liveinsight.processor.adapter.dynamodb.AttributeValues.string;

import io.liveinsight.processor.domain.SessionAggregate;
import io.liveinsight.processor.domain.SessionAggregate.Stamped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads Sessions items written before store format 2. A format-1 <i>root</i> (it has {@code fingerprints}) held
 * every segment of its client session id: its aggregates are converted, and the next write stores them in format 2
 * (its events' Events items carry no {@code src}, so a resend or replay of them is a duplicate, as it should be).
 * A format-1 <i>projection</i> (a later segment, {@code <id>~1}, no {@code fingerprints}) is not a session of the
 * client who owns that id: it is overwritten by that client's first event.
 */
final class V1Items {

    private V1Items() {}

    static boolean isRoot(Map<String, AttributeValue> item) {
        return item.containsKey("fingerprints") && item.containsKey("applied_events");
    }

    /** Segment 0, then the later segments, as the format-1 root held them. */
    static List<SessionAggregate> segments(Map<String, AttributeValue> root) {
        List<SessionAggregate> segments = new ArrayList<>();
        segments.add(aggregate(root));
        AttributeValue later = root.get("segments");
        if (later != null && later.l() != null) {
            later.l().forEach(segment -> segments.add(aggregate(segment.m())));
        }
        return segments;
    }

    private static SessionAggregate aggregate(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> stamps = item.get("stamps").m();
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
                SessionItems.eventTypes(item.get("event_types").m()),
                minutes);
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
