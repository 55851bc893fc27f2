package io.liveinsight.local.engines.fault;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DynamoDB's way of throttling a BatchWriteItem: some items are written, the others come back in {@code
 * UnprocessedItems} of an HTTP 200 answer; when none can be written, the whole call fails with
 * ProvisionedThroughputExceededException. Held-back items never reach upstream.
 */
final class PartialBatchWrites {

    static final String OPERATION = "DynamoDB_20120810.BatchWriteItem";

    private PartialBatchWrites() {}

    static Plan plan(ProxyRequest request, Picker picker) {
        WireFormat format = request.format();
        Map<String, Object> body = Values.object(format.parse(request.body()));
        Map<String, Object> forwarded = new LinkedHashMap<>();
        Map<String, List<Object>> heldBack = new LinkedHashMap<>();
        int total = 0;
        int held = 0;
        for (Map.Entry<String, Object> table :
                Values.object(body.get("RequestItems")).entrySet()) {
            List<Object> forwardedItems = new ArrayList<>();
            for (Object item : Values.array(table.getValue())) {
                total++;
                if (picker.next()) {
                    held++;
                    heldBack.computeIfAbsent(table.getKey(), t -> new ArrayList<>())
                            .add(item);
                } else {
                    forwardedItems.add(item);
                }
            }
            if (!forwardedItems.isEmpty()) {
                forwarded.put(table.getKey(), forwardedItems);
            }
        }
        if (held == 0) {
            return new Plan.ForwardAsIs();
        }
        if (held == total) {
            return new Plan.Throttle();
        }
        body.put("RequestItems", forwarded);
        return new Plan.ForwardRewritten(
                request.withBody(format.write(body)), response -> merge(response, heldBack), held);
    }

    private static ProxyResponse merge(ProxyResponse response, Map<String, List<Object>> heldBack) {
        WireFormat format = response.format();
        Map<String, Object> body = Values.object(format.parse(response.body()));
        Map<String, Object> unprocessed = body.get("UnprocessedItems") == null
                ? new LinkedHashMap<>()
                : Values.object(body.get("UnprocessedItems"));
        heldBack.forEach((table, items) -> {
            List<Object> merged = Values.array(unprocessed.get(table));
            merged.addAll(items);
            unprocessed.put(table, merged);
        });
        body.put("UnprocessedItems", unprocessed);
        return response.withBody(format.write(body));
    }
}
