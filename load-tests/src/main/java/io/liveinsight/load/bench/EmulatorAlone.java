package io.liveinsight.load.bench;

import static io.liveinsight.event.contract.ItemAttributes.EVENT_ID;
import static io.liveinsight.event.contract.ItemAttributes.EVENT_TYPE;
import static io.liveinsight.event.contract.ItemAttributes.IP;
import static io.liveinsight.event.contract.ItemAttributes.IS_BOT;
import static io.liveinsight.event.contract.ItemAttributes.PAGE_URL;
import static io.liveinsight.event.contract.ItemAttributes.RECEIVED_AT;
import static io.liveinsight.event.contract.ItemAttributes.SESSION_ID;
import static io.liveinsight.event.contract.ItemAttributes.TIMESTAMP;
import static io.liveinsight.event.contract.ItemAttributes.USER_AGENT;
import static io.liveinsight.event.contract.ItemAttributes.USER_ID;

import io.liveinsight.event.contract.Tables;
import io.liveinsight.local.engines.LiveInsightResources;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * The emulators alone, without the pipeline: kinesis-mock taking PutRecords of records the size the edge writes, and
 * DynamoDB Local taking BatchWriteItem into an Events-shaped table (two GSIs) and single PutItem calls (what the session
 * writes are). Kinesis twice: one small PutRecords per call with 16 calls in flight (what the edge does, one call per
 * request) and 500-record calls (its capacity). For a fixed time each, on the stack's own engines, pipeline idle.
 */
final class EmulatorAlone {

    record Figures(
            double kinesisSmallCallsPerSecond,
            double kinesisRecordsPerSecond,
            double kinesisMegabytesPerSecond,
            int recordBytes,
            double dynamoDbBatchItemsPerSecond,
            double dynamoDbPutItemsPerSecond) {}

    private static final int THREADS = 2;
    /** Like the edge under load: one small PutRecords per request, this many requests in flight. */
    static final int EDGE_LIKE_THREADS = 16;

    private EmulatorAlone() {}

    static Figures measure(KinesisClient kinesis, DynamoDbClient dynamoDb, int recordBytes, long millisEach)
            throws Exception {
        String stream = stream(kinesis);
        double smallCalls = kinesis(kinesis, stream, recordBytes, 1, EDGE_LIKE_THREADS, millisEach);
        double records = kinesis(kinesis, stream, recordBytes, 500, THREADS, millisEach);
        String table = eventsLikeTable(dynamoDb);
        double batchItems = run(THREADS, millisEach, counter -> {
            List<WriteRequest> batch = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                batch.add(WriteRequest.builder()
                        .putRequest(PutRequest.builder()
                                .item(item(counter.incrementAndGet()))
                                .build())
                        .build());
            }
            dynamoDb.batchWriteItem(r -> r.requestItems(Map.of(table, batch)));
            return 25;
        });
        double puts = run(THREADS, millisEach, counter -> {
            dynamoDb.putItem(r -> r.tableName(table).item(item(counter.incrementAndGet())));
            return 1;
        });
        return new Figures(smallCalls, records, records * recordBytes / 1e6, recordBytes, batchItems, puts);
    }

    private static String stream(KinesisClient kinesis) throws InterruptedException {
        String stream = "Bench-EmulatorAlone";
        kinesis.createStream(r -> r.streamName(stream).shardCount(1));
        while (kinesis.describeStreamSummary(r -> r.streamName(stream))
                        .streamDescriptionSummary()
                        .streamStatus()
                != StreamStatus.ACTIVE) {
            Thread.sleep(100);
        }
        return stream;
    }

    /** Records per second stored, {@code perCall} records a call, {@code threads} calls at once. */
    private static double kinesis(
            KinesisClient kinesis, String stream, int recordBytes, int perCall, int threads, long millis)
            throws Exception {
        SdkBytes data = SdkBytes.fromByteArray(new byte[recordBytes]);
        return run(threads, millis, counter -> {
            List<PutRecordsRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < perCall; i++) {
                entries.add(PutRecordsRequestEntry.builder()
                        .partitionKey("s-" + counter.incrementAndGet())
                        .data(data)
                        .build());
            }
            var response = kinesis.putRecords(r -> r.streamName(stream).records(entries));
            return perCall - response.failedRecordCount();
        });
    }

    private interface Operation {
        int call(AtomicLong counter) throws Exception;
    }

    /** Operations per second over {@code millis}, {@code threads} threads calling back to back. */
    private static double run(int threads, long millis, Operation operation) throws Exception {
        AtomicLong counter = new AtomicLong();
        AtomicLong done = new AtomicLong();
        long deadline = System.nanoTime() + millis * 1_000_000;
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    while (System.nanoTime() < deadline) {
                        done.addAndGet(operation.call(counter));
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        }
        return done.get() / ((System.nanoTime() - start) / 1e9);
    }

    private static String eventsLikeTable(DynamoDbClient dynamoDb) {
        String table = "Bench-EmulatorAlone-Events";
        dynamoDb.createTable(LiveInsightResources.createRequest(Tables.EVENTS, table));
        return table;
    }

    /** About the size of a stored event: the fields a page view carries. */
    private static Map<String, AttributeValue> item(long n) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(EVENT_ID, AttributeValue.fromS("alone-" + n));
        item.put(TIMESTAMP, AttributeValue.fromN(Long.toString(1_767_225_600_000L + n)));
        item.put(USER_ID, AttributeValue.fromS("u-" + n % 1000));
        item.put(SESSION_ID, AttributeValue.fromS("s-" + n % 5000));
        item.put(EVENT_TYPE, AttributeValue.fromS("page_view"));
        item.put(PAGE_URL, AttributeValue.fromS("https://shop.example.com/p/" + n % 200));
        item.put(
                USER_AGENT,
                AttributeValue.fromS("Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"));
        item.put(RECEIVED_AT, AttributeValue.fromN(Long.toString(1_767_225_600_000L + n)));
        item.put(IP, AttributeValue.fromS("203.0.113.0"));
        item.put(IS_BOT, AttributeValue.fromBool(false));
        return item;
    }
}
