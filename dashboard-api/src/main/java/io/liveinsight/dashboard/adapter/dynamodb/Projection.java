package io.liveinsight.dashboard.adapter.dynamodb;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The public attributes of each table as a ProjectionExpression, every name through a placeholder (several are
 * DynamoDB reserved words: {@code timestamp}, {@code minutes}...). The consumer's internal attributes
 * ({@code fingerprints}, {@code stamps}, {@code segments}, {@code applied_events}) and the event's {@code ip} are never
 * read out; {@code root_session_id} is read for the API core, which uses it and drops it.
 */
record Projection(String expression, Map<String, String> names) {

    static final Projection ACTIVE = of(List.of(
            "session_id",
            "user_id",
            "start_time",
            "last_activity",
            "current_page",
            "total_events",
            "page_views",
            "referrer",
            "is_bot",
            "expires_at",
            "minutes"));

    static final Projection SESSION = of(List.of(
            "session_id",
            "user_id",
            "start_time",
            "last_activity",
            "total_events",
            "page_views",
            "session_duration",
            "entry_page",
            "exit_page",
            "current_page",
            "referrer",
            "user_agent",
            "is_bot",
            "event_types",
            // internal: tells a segment's client session id; DashboardApi reads it and never returns it
            "root_session_id"));

    static final Projection EVENT = of(List.of(
            "event_id",
            "timestamp",
            "user_id",
            "session_id",
            "event_type",
            "page_url",
            "referrer",
            "user_agent",
            "element_tag",
            "element_id",
            "element_class",
            "element_text",
            "properties",
            "received_at",
            "is_bot",
            "clock_skew"));

    static Projection of(List<String> attributes) {
        Map<String, String> names = new LinkedHashMap<>();
        StringBuilder expression = new StringBuilder();
        for (int i = 0; i < attributes.size(); i++) {
            String placeholder = "#p" + i;
            names.put(placeholder, attributes.get(i));
            expression.append(i == 0 ? "" : ",").append(placeholder);
        }
        return new Projection(expression.toString(), Map.copyOf(names));
    }

    /** These names plus a query's own placeholders. */
    Map<String, String> namesWith(Map<String, String> more) {
        Map<String, String> all = new LinkedHashMap<>(names);
        all.putAll(more);
        return all;
    }
}
