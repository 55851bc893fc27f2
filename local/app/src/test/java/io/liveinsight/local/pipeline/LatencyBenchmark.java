package io.liveinsight.local.pipeline;

import io.liveinsight.event.Event;
import io.liveinsight.event.EventCodec;
import io.liveinsight.event.TableNames;
import io.liveinsight.local.engines.LiveInsightResources;
import io.liveinsight.local.engines.LocalAws;
import io.liveinsight.processor.config.ProcessorConfig;
import io.liveinsight.processor.consumer.KclConsumer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * PutRecords-to-ActiveSessions latency on the local stack (kinesis-mock, the KCL consumer polling every 250 ms,
 * DynamoDB Local): one record of a new 3-event session put at a steady rate, timed from just before its PutRecords
 * call to the moment a strongly consistent GetItem first finds its ActiveSessions item (a poller sweeps the pending
 * sessions every 5 ms). One consumer, warmed up, then several runs; each prints p50/p90/p99/max.
 *
 * <p>Run: {@code ./mvnw -B -q -pl stream-processor,local/app -am -Pbench -DskipTests verify} (arguments via
 * {@code -Dlatency.args="<samples per run> <records per second> <runs>"}).
 */
public final class LatencyBenchmark {

    private static final EventCodec CODEC = new EventCodec();
    private static final String APPLICATION = "latency-consumer";

    private LatencyBenchmark() {}

    public static void main(String[] args) throws Exception {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        try (LocalAws aws = LocalAws.startOnFreePorts()) {
            DynamoDbClient dynamoDb = aws.dynamoDb();
            TableNames tables = aws.createTables("Latency");
            String stream = aws.createStream("latency", 1);
            String deadLetters = stream + "-DeadLetters";
            LiveInsightResources.createStream(aws.kinesis(), deadLetters, 1);
            LiveInsightResources.createLeaseTable(dynamoDb, APPLICATION);
            try (KclConsumer consumer = KclConsumer.start(ProcessorConfig.local(
                    stream,
                    APPLICATION,
                    tables,
                    aws.endpoints().kinesis(),
                    aws.endpoints().dynamoDb(),
                    deadLetters))) {
                long started = System.nanoTime();
                StreamRecords.put(
                        aws.kinesis(), stream, List.of(Sentinel.record("latency", System.currentTimeMillis())));
                Await.until(
                        "the consumer's first record",
                        Duration.ofSeconds(120),
                        () -> Sentinel.arrived(dynamoDb, tables.activeSessions(), "latency"));
                System.out.printf("consumer ready after %d ms%n", Await.millisSince(started));
                measure(aws, stream, tables, "warmup", 50, rate);
                List<long[]> results = new ArrayList<>();
                for (int run = 1; run <= runs; run++) {
                    long[] millis = measure(aws, stream, tables, "run" + run, samples, rate);
                    results.add(millis);
                    System.out.printf(
                            "run %d: %d records at %d/s: p50 %d ms, p90 %d ms, p99 %d ms, max %d ms%n",
                            run,
                            samples,
                            rate,
                            percentile(millis, 50),
                            percentile(millis, 90),
                            percentile(millis, 99),
                            millis[millis.length - 1]);
                }
                System.out.printf(
                        "median of %d runs: p50 %d ms, p99 %d ms%n",
                        runs,
                        median(results.stream()
                                .mapToLong(m -> percentile(m, 50))
                                .toArray()),
                        median(results.stream()
                                .mapToLong(m -> percentile(m, 99))
                                .toArray()));
            }
        }
    }

    private static long[] measure(LocalAws aws, String stream, TableNames tables, String label, int samples, int rate)
            throws InterruptedException {
        Map<String, Long> pending = new ConcurrentHashMap<>();
        List<Long> latencies = new CopyOnWriteArrayList<>();
        AtomicBoolean done = new AtomicBoolean();
        Thread poller = new Thread(() -> {
            while (!done.get()) {
                for (Map.Entry<String, Long> entry : pending.entrySet()) {
                    Map<String, AttributeValue> item = aws.dynamoDb()
                            .getItem(r -> r.tableName(tables.activeSessions())
                                    .key(Map.of("session_id", AttributeValue.fromS(entry.getKey())))
                                    .consistentRead(true))
                            .item();
                    if (item != null && !item.isEmpty()) {
                        latencies.add((System.nanoTime() - entry.getValue()) / 1_000_000);
                        pending.remove(entry.getKey());
                    }
                }
                sleep(5);
            }
        });
        poller.start();
        long interval = 1_000_000_000L / rate;
        long next = System.nanoTime();
        for (int i = 0; i < samples; i++) {
            String session = "latency-" + label + "-" + i;
            StreamRecords.Entry entry = new StreamRecords.Entry(session, CODEC.encode(events(session)));
            long sent = System.nanoTime();
            pending.put(session, sent);
            StreamRecords.put(aws.kinesis(), stream, List.of(entry));
            next += interval;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
        }
        Await.until(label + " records in ActiveSessions", Duration.ofSeconds(60), pending::isEmpty);
        done.set(true);
        poller.join();
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length != samples) {
            throw new IllegalStateException(label + ": " + sorted.length + " of " + samples + " measured");
        }
        return sorted;
    }

    private static List<Event> events(String session) {
        long now = System.currentTimeMillis();
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            events.add(new Event(
                    session + "-e" + i,
                    "u-" + session,
                    session,
                    i == 0 ? "page_view" : "click",
                    now - 3_000 + i * 1_000,
                    "https://shop.example/p/" + i,
                    null,
                    "Mozilla/5.0",
                    Map.of(),
                    null,
                    null,
                    null,
                    null,
                    now,
                    "198.51.100.0",
                    false,
                    false));
        }
        return events;
    }

    private static long percentile(long[] sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
