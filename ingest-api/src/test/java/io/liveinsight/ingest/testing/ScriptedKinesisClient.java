package io.liveinsight.ingest.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamSummaryRequest;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamSummaryResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * A test double of the Kinesis client: a script decides, per call number and entry, whether the entry is refused
 * with an error code (e.g. ProvisionedThroughputExceededException). Entries not refused go to the real client when
 * one is given (kinesis-mock), else count as stored. Every call's entries are kept, so tests see what was retried.
 */
public final class ScriptedKinesisClient implements KinesisClient {

    /** Answers the error code for (call number from 0, entry), or null to let the entry through. */
    private final BiFunction<Integer, PutRecordsRequestEntry, String> script;

    private final KinesisClient delegate;
    public final List<List<PutRecordsRequestEntry>> calls = new ArrayList<>();

    public ScriptedKinesisClient(BiFunction<Integer, PutRecordsRequestEntry, String> script, KinesisClient delegate) {
        this.script = script;
        this.delegate = delegate;
    }

    @Override
    public synchronized PutRecordsResponse putRecords(PutRecordsRequest request) {
        int call = calls.size();
        calls.add(List.copyOf(request.records()));
        List<PutRecordsRequestEntry> through = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (PutRecordsRequestEntry entry : request.records()) {
            String error = script.apply(call, entry);
            errors.add(error);
            if (error == null) {
                through.add(entry);
            }
        }
        List<PutRecordsResultEntry> stored = through.isEmpty() || delegate == null
                ? null
                : delegate.putRecords(request.toBuilder().records(through).build())
                        .records();
        List<PutRecordsResultEntry> results = new ArrayList<>();
        int next = 0;
        int failed = 0;
        for (String error : errors) {
            if (error != null) {
                failed++;
                results.add(PutRecordsResultEntry.builder()
                        .errorCode(error)
                        .errorMessage("Rate exceeded for shard shardId-000000000000")
                        .build());
            } else {
                results.add(
                        stored == null
                                ? PutRecordsResultEntry.builder()
                                        .shardId("shardId-000000000000")
                                        .sequenceNumber("1")
                                        .build()
                                : stored.get(next));
                next++;
            }
        }
        return PutRecordsResponse.builder()
                .records(results)
                .failedRecordCount(failed)
                .build();
    }

    @Override
    public DescribeStreamSummaryResponse describeStreamSummary(DescribeStreamSummaryRequest request) {
        return delegate.describeStreamSummary(request);
    }

    @Override
    public String serviceName() {
        return "kinesis";
    }

    @Override
    public void close() {}

    public List<String> partitionKeys(int call) {
        return calls.get(call).stream()
                .map(PutRecordsRequestEntry::partitionKey)
                .toList();
    }
}
