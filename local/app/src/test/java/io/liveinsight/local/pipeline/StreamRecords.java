package io.liveinsight.local.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/** Putting records on a stream in order, reading a stream back, and reading KCL's checkpoint. */
final class StreamRecords {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StreamRecords() {}

    /** One record to put: partition key and data. */
    record Entry(String partitionKey, byte[] data) {}

    /**
     * Puts the entries in this order (PutRecords of up to 500; one shard keeps the order) and returns their
     * sequence numbers. A refused entry fails the test: kinesis-mock refuses none unless a proxy says so.
     */
    static List<BigInteger> put(KinesisClient kinesis, String stream, List<Entry> entries) {
        List<BigInteger> sequenceNumbers = new ArrayList<>();
        for (int from = 0; from < entries.size(); from += 500) {
            List<PutRecordsRequestEntry> chunk = entries.subList(from, Math.min(entries.size(), from + 500)).stream()
                    .map(e -> PutRecordsRequestEntry.builder()
                            .partitionKey(e.partitionKey())
                            .data(SdkBytes.fromByteArray(e.data()))
                            .build())
                    .toList();
            PutRecordsResponse response =
                    kinesis.putRecords(r -> r.streamName(stream).records(chunk));
            if (response.failedRecordCount() != null && response.failedRecordCount() > 0) {
                throw new AssertionError(response.failedRecordCount() + " records refused by " + stream);
            }
            for (PutRecordsResultEntry result : response.records()) {
                sequenceNumbers.add(new BigInteger(result.sequenceNumber()));
            }
        }
        return sequenceNumbers;
    }

    /** Every record on the stream's shards from the start, as JSON objects (dead letters). */
    static List<JsonNode> readJson(KinesisClient kinesis, String stream) {
        List<JsonNode> out = new ArrayList<>();
        for (var shard : kinesis.listShards(r -> r.streamName(stream)).shards()) {
            String iterator = kinesis.getShardIterator(r -> r.streamName(stream)
                            .shardId(shard.shardId())
                            .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                    .shardIterator();
            while (iterator != null) {
                String current = iterator;
                var response = kinesis.getRecords(r -> r.shardIterator(current).limit(1000));
                for (Record record : response.records()) {
                    try {
                        out.add(JSON.readTree(record.data().asByteArray()));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                if (response.records().isEmpty() || response.millisBehindLatest() == 0) {
                    break;
                }
                iterator = response.nextShardIterator();
            }
        }
        return out;
    }

    /**
     * KCL's checkpoint of the stream's first shard in the lease table named after the application: the sequence
     * number, or -1 while it is a sentinel such as TRIM_HORIZON (nothing checkpointed yet).
     */
    static BigInteger checkpoint(DynamoDbClient dynamoDb, String applicationName) {
        Map<String, AttributeValue> lease = dynamoDb.getItem(r -> r.tableName(applicationName)
                        .key(Map.of("leaseKey", AttributeValue.fromS("shardId-000000000000")))
                        .consistentRead(true))
                .item();
        if (lease == null || !lease.containsKey("checkpoint")) {
            return BigInteger.ONE.negate();
        }
        String checkpoint = lease.get("checkpoint").s();
        return checkpoint.chars().allMatch(Character::isDigit) ? new BigInteger(checkpoint) : BigInteger.ONE.negate();
    }
}
