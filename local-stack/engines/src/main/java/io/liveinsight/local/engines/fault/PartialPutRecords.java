package io.liveinsight.local.engines.fault;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kinesis's way of throttling a PutRecords: HTTP 200 where some result entries carry {@code ErrorCode}
 * ProvisionedThroughputExceededException and {@code FailedRecordCount} counts them. Failed entries never reach
 * upstream: only the others are forwarded, and upstream's results are put back in their original positions.
 */
final class PartialPutRecords {

    static final String OPERATION = "Kinesis_20131202.PutRecords";

    private PartialPutRecords() {}

    static Plan plan(ProxyRequest request, Picker picker) {
        WireFormat format = request.format();
        Map<String, Object> body = Values.object(format.parse(request.body()));
        List<Object> records = Values.array(body.get("Records"));
        boolean[] failed = new boolean[records.size()];
        List<Object> forwarded = new ArrayList<>();
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
        Map<String, Object> failure = failure(body);
        if (forwarded.isEmpty()) {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("FailedRecordCount", (long) failures);
            answer.put("Records", java.util.Collections.nCopies(failures, failure));
            return new Plan.Answer(AwsResponses.ok(request, answer), failures);
        }
        body.put("Records", forwarded);
        return new Plan.ForwardRewritten(
                request.withBody(format.write(body)), response -> merge(response, failed, failure), failures);
    }

    private static ProxyResponse merge(ProxyResponse response, boolean[] failed, Map<String, Object> failure) {
        WireFormat format = response.format();
        Map<String, Object> body = Values.object(format.parse(response.body()));
        List<Object> upstreamResults = Values.array(body.get("Records"));
        long failures = 0;
        List<Object> results = new ArrayList<>(failed.length);
        Iterator<Object> next = upstreamResults.iterator();
        for (boolean fail : failed) {
            if (fail) {
                failures++;
            }
            results.add(fail ? failure : next.next());
        }
        if (next.hasNext()) {
            throw new IllegalArgumentException("upstream returned more results than records forwarded");
        }
        body.put("FailedRecordCount", Values.number(body.get("FailedRecordCount")) + failures);
        body.put("Records", results);
        return response.withBody(format.write(body));
    }

    private static Map<String, Object> failure(Map<String, Object> request) {
        Object stream = request.get("StreamName") != null ? request.get("StreamName") : request.get("StreamARN");
        Map<String, Object> failure = new LinkedHashMap<>();
        failure.put("ErrorCode", AwsResponses.THROTTLED);
        failure.put("ErrorMessage", "Rate exceeded for shard in stream " + stream + " (injected by FaultProxy).");
        return failure;
    }
}
