package io.liveinsight.load.chaos;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * Records no edge would write, put straight on the stream: bytes that are not JSON, JSON that is not a stream record,
 * an unknown record version, a record whose second event breaks the contract (so its valid first event must not be
 * stored either), and a large record of garbage. Each must end on the dead-letter stream, and nothing of it in the
 * tables.
 */
final class Poison {

    /** What was put: the sequence numbers the dead-letter stream must name, and event ids the tables must not hold. */
    record Put(Set<String> sequenceNumbers, Set<String> forbiddenEventIds) {}

    private Poison() {}

    static Put put(KinesisClient kinesis, String stream, String runId, int count) {
        List<PutRecordsRequestEntry> entries = new ArrayList<>();
        Set<String> forbidden = new TreeSet<>();
        for (int i = 0; i < count; i++) {
            String key = "poison-" + runId + "-" + i;
            String data =
                    switch (i % 5) {
                        case 0 -> "this is not JSON \u0000\u00ff " + key;
                        case 1 -> "{\"hello\":\"" + key + "\"}";
                        case 2 -> "{\"v\":99,\"events\":[]}";
                        case 3 -> mixed(key, forbidden);
                        default -> "{\"v\":1,\"events\":[\"" + "x".repeat(200_000) + "\"]}";
                    };
            entries.add(PutRecordsRequestEntry.builder()
                    .partitionKey(key)
                    .data(SdkBytes.fromString(data, StandardCharsets.UTF_8))
                    .build());
        }
        Set<String> sequenceNumbers = new TreeSet<>();
        List<PutRecordsRequestEntry> pending = entries;
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            if (attempt == 10) {
                throw new IllegalStateException(pending.size() + " poison records refused 10 times");
            }
            List<PutRecordsRequestEntry> call = pending;
            PutRecordsResponse response =
                    kinesis.putRecords(r -> r.streamName(stream).records(call));
            List<PutRecordsRequestEntry> refused = new ArrayList<>();
            for (int j = 0; j < call.size(); j++) {
                PutRecordsResultEntry result = response.records().get(j);
                if (result.errorCode() == null) {
                    sequenceNumbers.add(result.sequenceNumber());
                } else {
                    refused.add(call.get(j));
                }
            }
            pending = refused;
        }
        return new Put(sequenceNumbers, forbidden);
    }

    private static String mixed(String key, Set<String> forbidden) {
        long now = System.currentTimeMillis();
        String good = key + "-valid";
        forbidden.add(good);
        forbidden.add(key + "-invalid");
        return "{\"v\":1,\"events\":["
                + "{\"event_id\":\"" + good + "\",\"session_id\":\"" + key + "\",\"user_id\":\"u\","
                + "\"event_type\":\"page_view\",\"page_url\":\"https://shop.example.com/\",\"timestamp\":" + now
                + ",\"received_at\":" + now + "},"
                + "{\"event_id\":\"" + key + "-invalid\",\"session_id\":\"" + key + "\",\"event_type\":\"\","
                + "\"timestamp\":-1}]}";
    }
}
