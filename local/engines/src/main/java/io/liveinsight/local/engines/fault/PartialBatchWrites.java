package io.liveinsight.local.engines.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * DynamoDB's way of throttling a BatchWriteItem: some items are written, the others come back in {@code
 * UnprocessedItems} of an HTTP 200 answer; when none can be written, the whole call fails with
 * ProvisionedThroughputExceededException. Held-back items never reach upstream.
 */
final class PartialBatchWrites {

    private PartialBatchWrites() {}

    static Plan plan(ProxyRequest request, Picker picker) {
        ObjectNode body = request.bodyTree();
        ObjectNode forwarded = WireFormat.object();
        ObjectNode heldBack = WireFormat.object();
        int total = 0;
        int held = 0;
        for (Map.Entry<String, JsonNode> table :
                Trees.object(body.get("RequestItems")).properties()) {
            for (JsonNode item : Trees.array(table.getValue())) {
                total++;
                if (picker.next()) {
                    held++;
                    heldBack.withArrayProperty(table.getKey()).add(item);
                } else {
                    forwarded.withArrayProperty(table.getKey()).add(item);
                }
            }
        }
        if (held == 0) {
            return new Plan.ForwardAsIs();
        }
        if (held == total) {
            return new Plan.Throttle();
        }
        body.set("RequestItems", forwarded);
        return new Plan.ForwardRewritten(request.withBody(body), response -> merge(response, heldBack), held);
    }

    private static ProxyResponse merge(ProxyResponse response, ObjectNode heldBack) {
        ObjectNode body = response.bodyTree();
        ObjectNode unprocessed = Trees.object(body.get("UnprocessedItems"));
        for (Map.Entry<String, JsonNode> table : heldBack.properties()) {
            ArrayNode merged = Trees.array(unprocessed.get(table.getKey()));
            merged.addAll((ArrayNode) table.getValue());
            unprocessed.set(table.getKey(), merged);
        }
        body.set("UnprocessedItems", unprocessed);
        return response.withBody(body);
    }
}
