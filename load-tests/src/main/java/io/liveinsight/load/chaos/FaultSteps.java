package io.liveinsight.load.chaos;

import io.liveinsight.load.replay.Beacon;
import io.liveinsight.load.replay.SendResult;
import io.liveinsight.load.replay.Sender;
import io.liveinsight.local.engines.fault.FaultProxy;
import io.liveinsight.local.engines.fault.Share;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The faults, one method each, injected while the traffic flows. Each step waits until every shard is live again
 * before it returns, and records what happened.
 */
final class FaultSteps {

    static final long RECOVERY_TIMEOUT_MS = 180_000;

    private final ChaosStack stack;
    private final CountingSender clients;
    private final Sender edge;
    private final Probes probes;
    private final ChaosSettings settings;
    private final long trafficStart;
    private final Consumer<String> say;
    private final List<FaultRecord> records = new ArrayList<>();
    private final List<Poison.Put> poison = new ArrayList<>();
    private long duplicateEvents;
    private int restarts;

    FaultSteps(
            ChaosStack stack,
            CountingSender clients,
            Sender edge,
            Probes probes,
            ChaosSettings settings,
            long trafficStart,
            Consumer<String> say) {
        this.stack = stack;
        this.clients = clients;
        this.edge = edge;
        this.probes = probes;
        this.settings = settings;
        this.trafficStart = trafficStart;
        this.say = say;
    }

    void quiet() {
        ChaosStack.sleep(settings.quietMs());
    }

    void kinesisThrottling() {
        FaultProxy kinesis = stack.kinesisProxy();
        step(
                "Kinesis throttling",
                () -> kinesis.partialPutRecords(Share.of(0.3, settings.seed())),
                settings.throttleMs(),
                kinesis::passThrough,
                () -> String.format(
                        "30 %% of PutRecords entries refused (ProvisionedThroughputExceeded): %,d entries",
                        kinesis.stats().failedEntries()),
                kinesis);
    }

    void kinesisUnreachable() {
        FaultProxy kinesis = stack.kinesisProxy();
        step(
                "Kinesis unreachable",
                kinesis::down,
                settings.outageMs(),
                kinesis::up,
                () -> "connections refused (edge writes and consumer reads)",
                kinesis);
    }

    void dynamoDbThrottling() {
        FaultProxy dynamoDb = stack.dynamoDbProxy();
        step(
                "DynamoDB throttling",
                () -> dynamoDb.throttle(Share.of(0.3, settings.seed())),
                settings.throttleMs(),
                dynamoDb::passThrough,
                () -> String.format(
                        "30 %% of requests to every table refused (ProvisionedThroughputExceeded): %,d requests",
                        dynamoDb.stats().throttled()),
                dynamoDb);
    }

    void dynamoDbDown() {
        FaultProxy dynamoDb = stack.dynamoDbProxy();
        step(
                "DynamoDB down",
                dynamoDb::down,
                settings.outageMs(),
                dynamoDb::up,
                () -> "connections refused (tables and KCL leases)",
                dynamoDb);
    }

    /** Partial batch writes for 2 s so a batch is surely half-written, then SIGKILL, then a fresh worker. */
    void consumerKilled(String worker) {
        FaultProxy dynamoDb = stack.dynamoDbProxy();
        String[] detail = new String[1];
        step(
                "consumer killed mid-batch",
                () -> {
                    dynamoDb.partialBatchWrites(Share.of(0.5, settings.seed()));
                    ChaosStack.sleep(2_000);
                    long inFlight = dynamoDb.stats().failedEntries();
                    long pid = stack.consumer(worker).pid();
                    stack.consumer(worker).killHard();
                    dynamoDb.passThrough();
                    detail[0] = String.format(
                            "worker %s (pid %d) SIGKILL with a batch half-written (%,d items left unprocessed in the"
                                    + " 2 s before)",
                            worker, pid, inFlight);
                },
                0,
                () -> restart(worker),
                () -> detail[0] + "; restarted",
                dynamoDb);
    }

    void leaseHandover(String worker) {
        Duration[] stopped = new Duration[1];
        step(
                "lease handover",
                () -> stopped[0] = stack.consumer(worker).stop(Duration.ofSeconds(40)),
                0,
                () -> {},
                () -> String.format(
                        "two workers on %d shards; worker %s stopped (SIGTERM, ended in %.1f s), the other took its"
                                + " leases",
                        ChaosStack.SHARDS, worker, stopped[0].toMillis() / 1000.0),
                null);
        restart(worker);
    }

    void poisonRecords() {
        int count = settings.poisonRecords();
        step(
                "poison records",
                () -> poison.add(Poison.put(stack.kinesis(), ChaosStack.STREAM, "p" + records.size(), count)),
                0,
                () -> {},
                () -> count + " records put straight on the stream (not JSON, not a record, unknown version, an"
                        + " invalid event beside a valid one, 200 KB of garbage)",
                null);
    }

    void duplicates() {
        int wanted = settings.duplicateBeacons();
        long[] events = new long[1];
        step(
                "duplicate submissions",
                () -> events[0] = resend(clients.acknowledgedBeacons(wanted)),
                0,
                () -> {},
                () -> String.format("%d acknowledged requests submitted again (%,d events)", wanted, events[0]),
                null);
    }

    /** Everything at once: throttling on both, a worker killed, both dependencies down for a while, poison, duplicates. */
    void together(String worker) {
        FaultProxy kinesis = stack.kinesisProxy();
        FaultProxy dynamoDb = stack.dynamoDbProxy();
        long quarter = settings.togetherMs() / 4;
        long[] duplicated = new long[1];
        step(
                "all of them together",
                () -> {
                    kinesis.partialPutRecords(Share.of(0.2, settings.seed()));
                    dynamoDb.throttle(Share.of(0.2, settings.seed()));
                    poison.add(Poison.put(stack.kinesis(), ChaosStack.STREAM, "t", settings.poisonRecords()));
                    duplicated[0] = resend(clients.acknowledgedBeacons(settings.duplicateBeacons()));
                    ChaosStack.sleep(quarter);
                    stack.consumer(worker).killHard();
                    CompletableFuture<Void> restarted = CompletableFuture.runAsync(() -> restart(worker));
                    ChaosStack.sleep(quarter);
                    kinesis.down();
                    dynamoDb.down();
                    ChaosStack.sleep(quarter);
                    kinesis.up();
                    dynamoDb.up();
                    ChaosStack.sleep(quarter);
                    restarted.join();
                },
                0,
                () -> {
                    kinesis.passThrough();
                    dynamoDb.passThrough();
                },
                () -> String.format(
                        "20 %% throttling on Kinesis and DynamoDB throughout; %d poison records; %,d events"
                                + " resubmitted; worker %s SIGKILL at %.0f s and restarted; Kinesis and DynamoDB both"
                                + " down for %.0f s at %.0f s",
                        settings.poisonRecords(),
                        duplicated[0],
                        worker,
                        quarter / 1000.0,
                        quarter / 1000.0,
                        2 * quarter / 1000.0),
                null);
    }

    private void step(
            String name,
            Runnable inject,
            long holdMs,
            Runnable clear,
            java.util.function.Supplier<String> injected,
            FaultProxy proxy) {
        quiet();
        if (proxy != null) {
            proxy.resetStats();
        }
        say.accept("fault: " + name);
        CountingSender.Counts before = clients.counts();
        long start = System.nanoTime();
        inject.run();
        ChaosStack.sleep(holdMs);
        String what = injected.get();
        clear.run();
        long end = System.nanoTime();
        double recovery = probes.secondsUntilLive(end, RECOVERY_TIMEOUT_MS);
        FaultRecord record = new FaultRecord(
                name,
                what,
                (start - trafficStart) / 1e9,
                (end - start) / 1e9,
                clients.counts().minus(before),
                recovery);
        records.add(record);
        say.accept(String.format(
                "  %s for %.1f s; live again %.1f s after; clients saw %d x 503, %d without answer",
                name,
                record.durationS(),
                recovery,
                record.clients().unavailable(),
                record.clients().noAnswer()));
    }

    private void restart(String worker) {
        stack.consumer(worker).close();
        stack.startConsumer(worker);
        restarts++;
    }

    /** Sends each beacon again, as a browser does when it never saw the answer; returns how many events. */
    private long resend(List<Beacon> beacons) {
        long events = 0;
        for (Beacon beacon : beacons) {
            SendResult result = edge.send(beacon);
            while (result.isRetryable()) {
                ChaosStack.sleep(Math.max(200, result.retryAfterMs()));
                result = edge.send(beacon);
            }
            if (result.status() != 200) {
                throw new IllegalStateException("a resubmitted request was refused: " + result.status());
            }
            events += beacon.eventCount();
        }
        duplicateEvents += events;
        return events;
    }

    List<FaultRecord> records() {
        return List.copyOf(records);
    }

    List<Poison.Put> poison() {
        return List.copyOf(poison);
    }

    long duplicateEvents() {
        return duplicateEvents;
    }

    int restarts() {
        return restarts;
    }
}
