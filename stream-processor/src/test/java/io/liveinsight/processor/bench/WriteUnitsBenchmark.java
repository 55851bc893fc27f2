package io.liveinsight.processor.bench;

import io.liveinsight.event.EventCodec;
import io.liveinsight.event.TableNames;
import io.liveinsight.local.engines.LocalAws;
import io.liveinsight.local.engines.LocalCredentials;
import io.liveinsight.local.engines.fault.FaultProxy;
import io.liveinsight.processor.config.ProcessorConfig;
import io.liveinsight.processor.consumer.Pipeline;
import io.liveinsight.processor.consumer.RecordDecoder.RawRecord;
import io.liveinsight.processor.metrics.InMemoryStreamMetrics;
import io.liveinsight.processor.metrics.MetricNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * DynamoDB write units per event on a realistic replay (sessions of ~10 events, 1-3 records each, KCL batches of
 * 200 records), through the consumer's own {@link Pipeline} on DynamoDB Local, read from what the writes returned as
 * ConsumedCapacity ({@code WriteUnitsConsumed|<table>}). Requests per operation are counted by a pass-through
 * {@link FaultProxy}, which gives the strongly consistent reads (GetItem) per event too.
 *
 * <p>Run: {@code ./mvnw -B -q -pl stream-processor -am -Pbench -DskipTests verify} (arguments: sessions, runs).
 */
public final class WriteUnitsBenchmark {

    private static final int RECORDS_PER_BATCH = 200;

    private WriteUnitsBenchmark() {}

    public static void main(String[] args) {
        int sessions = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        EventCodec codec = new EventCodec();
        try (LocalAws aws = LocalAws.startOnFreePorts();
                FaultProxy proxy = FaultProxy.start(aws.endpoints().dynamoDb());
                DynamoDbClient dynamoDb = DynamoDbClient.builder()
                        .endpointOverride(proxy.endpoint())
                        .region(LocalCredentials.REGION)
                        .credentialsProvider(LocalCredentials.provider())
                        .httpClientBuilder(ApacheHttpClient.builder())
                        .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)))
                        .build()) {
            reportGsiAccounting(aws);
            List<double[]> perRun = new ArrayList<>();
            for (int run = 0; run < runs; run++) {
                TableNames tables = aws.createTables("WriteUnits");
                String deadLetters = aws.createStream("write-units-dead-letters", 1);
                InMemoryStreamMetrics metrics = new InMemoryStreamMetrics();
                Pipeline pipeline = Pipeline.create(
                        ProcessorConfig.local(
                                "unused", "unused", tables, aws.endpoints().kinesis(), proxy.endpoint(), deadLetters),
                        dynamoDb,
                        aws.kinesis(),
                        metrics,
                        () -> false);
                List<ReplayTraffic.Beacon> beacons = ReplayTraffic.beacons(100L + run, sessions, now());
                int events = beacons.stream().mapToInt(b -> b.events().size()).sum();
                proxy.resetStats();
                long sequence = 0;
                long started = System.nanoTime();
                for (List<ReplayTraffic.Beacon> batch : ReplayTraffic.batches(beacons, RECORDS_PER_BATCH)) {
                    List<RawRecord> records = new ArrayList<>();
                    for (ReplayTraffic.Beacon beacon : batch) {
                        records.add(new RawRecord(
                                beacon.sessionId(), Long.toString(sequence++), codec.encode(beacon.events())));
                    }
                    if (!pipeline.process(records)) {
                        throw new IllegalStateException("batch not stored");
                    }
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                double eventsUnits = metrics.total(MetricNames.WRITE_UNITS + "|" + tables.events());
                double sessionsUnits = metrics.total(MetricNames.WRITE_UNITS + "|" + tables.sessions());
                double activeUnits = metrics.total(MetricNames.WRITE_UNITS + "|" + tables.activeSessions());
                long reads =
                        proxy.stats().operation("DynamoDB_20120810.GetItem").requests();
                long puts = proxy.stats().operation("DynamoDB_20120810.PutItem").requests();
                long batchWrites = proxy.stats()
                        .operation("DynamoDB_20120810.BatchWriteItem")
                        .requests();
                double total = eventsUnits + sessionsUnits + activeUnits;
                System.out.printf(
                        "run %d: %d events, %d sessions, %d records in %.1f s: WCU/event %.3f"
                                + " (Events %.3f, Sessions %.3f, ActiveSessions %.3f);"
                                + " GetItem/event %.3f, PutItem/event %.3f, BatchWriteItem calls %d%n",
                        run + 1,
                        events,
                        sessions,
                        beacons.size(),
                        seconds,
                        total / events,
                        eventsUnits / events,
                        sessionsUnits / events,
                        activeUnits / events,
                        (double) reads / events,
                        (double) puts / events,
                        batchWrites);
                perRun.add(new double[] {
                    total / events,
                    eventsUnits / events,
                    sessionsUnits / events,
                    activeUnits / events,
                    (double) reads / events
                });
            }
            System.out.printf(
                    "median of %d runs: WCU/event %.3f (Events %.3f, Sessions %.3f, ActiveSessions %.3f);"
                            + " strongly consistent GetItem/event %.3f (1 RCU each under 4 KB)%n",
                    runs,
                    median(perRun, 0),
                    median(perRun, 1),
                    median(perRun, 2),
                    median(perRun, 3),
                    median(perRun, 4));
        }
    }

    /** Says whether DynamoDB Local counts the Events GSIs in ConsumedCapacity (AWS does). */
    private static void reportGsiAccounting(LocalAws aws) {
        TableNames tables = aws.createTables("GsiCheck");
        ConsumedCapacity consumed = aws.dynamoDb()
                .putItem(r -> r.tableName(tables.events())
                        .item(Map.of(
                                "event_id", AttributeValue.fromS("probe"),
                                "timestamp", AttributeValue.fromN("1"),
                                "user_id", AttributeValue.fromS("u"),
                                "session_id", AttributeValue.fromS("s")))
                        .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES))
                .consumedCapacity();
        System.out.printf(
                "DynamoDB Local, one small Events item: total %s, table %s, GSIs %s%n",
                consumed.capacityUnits(),
                consumed.table() == null ? null : consumed.table().capacityUnits(),
                consumed.globalSecondaryIndexes());
    }

    private static long now() {
        return System.currentTimeMillis() - 3_600_000L;
    }

    private static double median(List<double[]> runs, int column) {
        double[] values = runs.stream().mapToDouble(r -> r[column]).sorted().toArray();
        return values.length % 2 == 1
                ? values[values.length / 2]
                : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
    }
}
