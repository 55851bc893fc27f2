package io.liveinsight.processor.adapter.dynamodb;

import static io.liveinsight.event.contract.ItemAttributes.CURRENT_PAGE;
import static io.liveinsight.event.contract.ItemAttributes.ENTRY_PAGE;
import static io.liveinsight.event.contract.ItemAttributes.EVENT_TYPES;
import static io.liveinsight.event.contract.ItemAttributes.EXIT_PAGE;
import static io.liveinsight.event.contract.ItemAttributes.IS_BOT;
import static io.liveinsight.event.contract.ItemAttributes.LAST_ACTIVITY;
import static io.liveinsight.event.contract.ItemAttributes.MINUTES;
import static io.liveinsight.event.contract.ItemAttributes.PAGE_VIEWS;
import static io.liveinsight.event.contract.ItemAttributes.REFERRER;
import static io.liveinsight.event.contract.ItemAttributes.SESSION_ID;
import static io.liveinsight.event.contract.ItemAttributes.START_TIME;
import static io.liveinsight.event.contract.ItemAttributes.TOTAL_EVENTS;
import static io.liveinsight.event.contract.ItemAttributes.USER_AGENT;
import static io.liveinsight.event.contract.ItemAttributes.USER_ID;
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
        item.get(MINUTES)
                .m()
                .forEach((minute, count) -> minutes.put(Long.parseLong(minute), Long.parseLong(count.n())));
        return new SessionAggregate(
                string(item, SESSION_ID),
                string(item, USER_ID),
                number(item, START_TIME),
                number(item, LAST_ACTIVITY),
                number(item, TOTAL_EVENTS),
                number(item, PAGE_VIEWS),
                stamp(stamps, "entry", string(item, ENTRY_PAGE)),
                stamp(stamps, "exit", string(item, EXIT_PAGE)),
                stamp(stamps, "first", null),
                stamp(stamps, "current", string(item, CURRENT_PAGE)),
                string(item, REFERRER),
                string(item, USER_AGENT),
                Boolean.TRUE.equals(item.get(IS_BOT).bool()),
                SessionItems.eventTypes(item.get(EVENT_TYPES).m()),
                minutes,
                null); // format 1 is older than the replay lane
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
