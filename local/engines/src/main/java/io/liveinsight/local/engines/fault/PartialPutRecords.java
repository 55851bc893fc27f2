package io.liveinsight.local.engines.fault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;

/**
 * Kinesis's way of throttling a PutRecords: HTTP 200 where some result entries carry {@code ErrorCode}
 * ProvisionedThroughputExceededException and {@code FailedRecordCount} counts them. Failed entries never reach
 * upstream: only the others are forwarded, and upstream's results are put back in their original positions.
 */
final class PartialPutRecords {

    private PartialPutRecords() {}

    static Plan plan(ProxyRequest request, Picker picker) {
        ObjectNode body = request.bodyTree();
        ArrayNode records = Trees.array(body.get("Records"));
        boolean[] failed = new boolean[records.size()];
        ArrayNode forwarded = body.arrayNode();
        for (int i = 0; i < records.size(); i++) {
            failed[i] = picker.next();
            if (!failed[i]) {
                forwarded.add(records.get(i));
            }
        }
        int failures = records.size() - forwarded.size();
        if (failures == 0) {
            return new Plan.ForwardAsIs();
        }
        ObjectNode failure = failure(body);
        if (forwarded.isEmpty()) {
            ObjectNode answer = WireFormat.object();
            answer.put("FailedRecordCount", (long) failures);
            ArrayNode results = answer.putArray("Records");
            for (int i = 0; i < failures; i++) {
                results.add(failure);
            }
            return new Plan.Answer(AwsResponses.ok(request, answer), failures);
        }
        body.set("Records", forwarded);
        return new Plan.ForwardRewritten(
                request.withBody(body), response -> merge(response, failed, failure), failures);
    }

    private static ProxyResponse merge(ProxyResponse response, boolean[] failed, ObjectNode failure) {
        ObjectNode body = response.bodyTree();
        Iterator<JsonNode> next = Trees.array(body.get("Records")).iterator();
        long failures = 0;
        ArrayNode results = body.arrayNode(failed.length);
        for (boolean fail : failed) {
            if (fail) {
                failures++;
            }
            results.add(fail ? failure : next.next());
        }
        if (next.hasNext()) {
            throw new IllegalArgumentException("upstream returned more results than records forwarded");
        }
        body.put("FailedRecordCount", Trees.number(body.get("FailedRecordCount")) + failures);
        body.set("Records", results);
        return response.withBody(body);
    }

    private static ObjectNode failure(ObjectNode request) {
        JsonNode stream = request.hasNonNull("StreamName") ? request.get("StreamName") : request.get("StreamARN");
        ObjectNode failure = WireFormat.object();
        failure.put("ErrorCode", AwsResponses.THROTTLED);
        failure.put("ErrorMessage", "Rate exceeded for shard in stream " + text(stream) + " (injected by FaultProxy).");
        return failure;
    }

    /** As the message showed it before: the string itself, or {@code null} when there is none. */
    private static String text(JsonNode value) {
        return value == null || value.isNull() ? "null" : value.isTextual() ? value.textValue() : value.toString();
    }
}
