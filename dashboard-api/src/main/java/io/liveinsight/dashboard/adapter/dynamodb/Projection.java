package io.liveinsight.dashboard.adapter.dynamodb;

import io.liveinsight.event.contract.ItemAttributes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The public attributes of each table (the shared contract's {@link ItemAttributes} lists) as a ProjectionExpression,
 * every name through a placeholder (several are DynamoDB reserved words: {@code timestamp}, {@code minutes}...). The
 * processor's internal attributes and the event's {@code ip} are never read out; {@code root_session_id} is read for
 * {@link SessionViews}, which uses it and drops it.
 */
record Projection(String expression, Map<String, String> names) {

    static final Projection ACTIVE = of(ItemAttributes.ACTIVE_SESSION);

    static final Projection SESSION = of(ItemAttributes.SESSION);

    static final Projection EVENT = of(ItemAttributes.EVENT);

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
