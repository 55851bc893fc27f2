package io.liveinsight.load.chaos;

import io.liveinsight.event.EventLimits;
import io.liveinsight.event.TableNames;
import io.liveinsight.load.check.ExpectedSegments;
import io.liveinsight.load.replay.Beacon;
import io.liveinsight.load.replay.SendResult;
import io.liveinsight.load.replay.Sender;
import io.liveinsight.local.engines.fault.FaultProxy;
import io.liveinsight.local.engines.fault.Share;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The faults, one method each, injected while the traffic flows. Each step waits until every shard is live again
 * before it returns, and records what happened. Besides broken dependencies and processes, the steps send what a
 * hostile or unlucky client sends (ids that look like internal keys, a session of tens of thousands of events, the
 * same events again minutes later) and reshard the stream.
 */
final class FaultSteps {

    static final long RECOVERY_TIMEOUT_MS = 180_000;
    static final String PUT_ITEM = "DynamoDB_20120810.PutItem";
    /** Events of the long session sent but not stored yet, at most (four requests of 500). */
    static final long BIG_SESSION_BACKLOG = 2_000;

    private final ChaosStack stack;
    private final CountingSender clients;
    private final Sender edge;
    private final Probes probes;
    private final ChaosSettings settings;
    private final long trafficStart;
    private final Consumer<String> say;
    private final List<FaultRecord> records = new ArrayList<>();
    private final List<Poison.Put> poison = new ArrayList<>();
    private final OwnRequests own;
    private final List<CountingSender.Acknowledged> keptForLater = new ArrayList<>();
    private final String tag = Long.toString(System.currentTimeMillis(), 36);
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
        this.own =
                new OwnRequests(clients, stack.dynamoDb(), TableNames.defaults().sessions());
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

    /**
     * Half of the PutItem calls refused for 2 s (the Events ledger's conditional puts and the Sessions writes), so a
     * batch is surely half-written, then SIGKILL, then a fresh worker.
     */
    void consumerKilled(String worker) {
        FaultProxy dynamoDb = stack.dynamoDbProxy();
        String[] detail = new String[1];
        step(
                "consumer killed mid-batch",
                () -> {
                    dynamoDb.throttle(Share.of(0.5, settings.seed()), PUT_ITEM);
                    ChaosStack.sleep(2_000);
                    var puts = dynamoDb.stats().operation(PUT_ITEM);
                    long pid = stack.consumer(worker).pid();
                    stack.consumer(worker).killHard();
                    dynamoDb.passThrough();
                    detail[0] = String.format(
                            "worker %s (pid %d) SIGKILL with a batch half-written (%,d of %,d PutItem calls refused in"
                                    + " the 2 s before)",
                            worker, pid, puts.throttled(), puts.requests());
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
                        stack.openShards().size(), worker, stopped[0].toMillis() / 1000.0),
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

    /**
     * The freeze attack and its reverse (issue 13), then ids of {@code ~ # |}, emoji and the longest allowed, each
     * with a second segment; see {@link HostileIds}.
     */
    void hostileIds() {
        String[] detail = new String[1];
        step(
                "hostile session ids",
                () -> {
                    List<HostileIds.Request> plan =
                            HostileIds.plan(tag, System.currentTimeMillis(), settings.renumbering());
                    List<String> waits = new ArrayList<>();
                    long events = 0;
                    for (HostileIds.Request request : plan) {
                        CountingSender.Acknowledged sent = own.send(request.events());
                        keptForLater.add(sent);
                        events += request.events().size();
                        if (request.awaitStored() != null) {
                            double after = own.awaitStored(request.awaitStored(), sent.atNanos(), 60_000);
                            waits.add(String.format(Locale.ROOT, "%.1f s", after));
                        }
                    }
                    detail[0] = String.format(
                            Locale.ROOT,
                            "freeze attack: `%1$s` at now - 3 h and now - 1 h (its second segment stored %3$s after"
                                    + " the request), then `%1$s~1` (stored %4$s after); reverse: `%2$s~1` (%5$s),"
                                    + " then `%2$s` at now - 3 h and now - 1 h (second segment %6$s); %7$d more ids"
                                    + " (`~`, `x~~`, `a~b~1`, `#`, `|`, emoji, 128 code points: ASCII ending in `~`,"
                                    + " all astral, and the first 128 of a derived id), each with events 2 h apart;"
                                    + " %8$d events in %9$d requests, all acknowledged%10$s",
                            HostileIds.ATTACKER,
                            HostileIds.VICTIM,
                            waits.get(0),
                            waits.get(1),
                            waits.get(2),
                            waits.get(3),
                            HostileIds.punctuationAndUnicodeIds().size(),
                            events,
                            plan.size(),
                            settings.renumbering()
                                    ? String.format(
                                            Locale.ROOT,
                                            "; `%s`: two events a minute ago, then (%s later) one 2 h ago, which"
                                                    + " moves the active segment to a derived id (%s)",
                                            HostileIds.RENUMBERED,
                                            waits.get(4),
                                            waits.get(5))
                                    : "");
                },
                0,
                () -> {},
                () -> detail[0],
                null);
    }

    /**
     * One session of {@code bigSessionEvents} events over 24 h and a minute, in requests of 500; see {@link BigSession}.
     * Live again once its shard has stored them all: the wait allows 5 ms an event on top of the usual 180 s.
     */
    void bigSession() {
        String[] detail = new String[1];
        step(
                String.format(Locale.ROOT, "session of %,d events", settings.bigSessionEvents()),
                () -> {
                    long start = System.nanoTime();
                    List<List<Map<String, Object>>> requests =
                            BigSession.requests(settings.bigSessionEvents(), System.currentTimeMillis());
                    List<Map<String, Object>> all = new ArrayList<>();
                    long waitedMs = 0;
                    for (int i = 0; i < requests.size(); i++) {
                        CountingSender.Acknowledged sent = own.send(requests.get(i));
                        all.addAll(requests.get(i));
                        if (i == 0 || i == requests.size() - 1) {
                            keptForLater.add(sent);
                        }
                        waitedMs += awaitBacklogUnder(all.size());
                    }
                    List<ExpectedSegments.Segment> segments = ExpectedSegments.of(BigSession.SESSION, all);
                    detail[0] = String.format(
                            Locale.ROOT,
                            "one session, %,d events in %d requests of up to %d sent one after another in %.1f s"
                                    + " (%.1f s of it waiting while more than %,d were not stored yet), client times"
                                    + " evenly over 24 h 1 min (now - 23 h 57 min to now + 4 min), 36 event types:"
                                    + " expected as %d segments of %s events (cut at 24 h)",
                            all.size(),
                            requests.size(),
                            EventLimits.MAX_EVENTS_PER_REQUEST,
                            (System.nanoTime() - start) / 1e9,
                            waitedMs / 1000.0,
                            BIG_SESSION_BACKLOG,
                            segments.size(),
                            segments.stream()
                                    .map(seg -> String.format(
                                            Locale.ROOT, "%,d", seg.events().size()))
                                    .collect(Collectors.joining(" + ")));
                },
                0,
                () -> {},
                () -> detail[0],
                null,
                () -> "",
                RECOVERY_TIMEOUT_MS + 5L * settings.bigSessionEvents());
    }

    /**
     * Waits while more than {@link #BIG_SESSION_BACKLOG} of the long session's events sent are not in Sessions yet;
     * returns how long. kinesis-mock on 2 cores cannot serve a shard's backlog of tens of megabytes (GetRecords
     * answers of 10 MB starve it until it stops answering); a website's one session never sends that fast either.
     */
    private long awaitBacklogUnder(long sent) {
        long start = System.nanoTime();
        long stored = own.storedEvents(BigSession.SESSION, 2);
        long lastProgress = start;
        while (sent - stored > BIG_SESSION_BACKLOG) {
            ChaosStack.sleep(250);
            long now = own.storedEvents(BigSession.SESSION, 2);
            if (now > stored) {
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > RECOVERY_TIMEOUT_MS * 1_000_000) {
                throw new IllegalStateException(String.format(
                        "the long session stopped being stored: %,d of %,d events stored, none for %d s",
                        now, sent, RECOVERY_TIMEOUT_MS / 1000));
            }
            stored = now;
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    /**
     * Keeps the most recent requests of the replayed traffic acknowledged whole (with the hostile ids' requests and
     * the long session's first and last, kept as they were sent) for {@link #lateResends}.
     */
    void keepForLateResends() {
        keptForLater.addAll(clients.latestAcknowledged(settings.lateResendBeacons(), beacon -> !own.isOwn(beacon)));
        say.accept(String.format(
                "kept %d acknowledged requests (%,d events) to send again in %.0f s or more",
                keptForLater.size(),
                keptForLater.stream().mapToLong(a -> a.beacon().eventCount()).sum(),
                settings.lateResendMs() / 1000.0));
    }

    /** The kept requests' events again, at least {@code lateResendMs} after their acknowledgement, in new requests. */
    void lateResends() {
        if (keptForLater.isEmpty()) {
            throw new IllegalStateException("keepForLateResends() first");
        }
        long youngest = keptForLater.stream()
                .mapToLong(CountingSender.Acknowledged::atNanos)
                .max()
                .orElseThrow();
        long wait = settings.lateResendMs() - (System.nanoTime() - youngest) / 1_000_000 - settings.quietMs();
        if (wait > 0) {
            ChaosStack.sleep(wait);
        }
        String[] detail = new String[1];
        step(
                "resends minutes later",
                () -> {
                    long now = System.nanoTime();
                    long nowMs = System.currentTimeMillis();
                    List<List<Map<String, Object>>> requests = LateResends.regroup(
                            keptForLater.stream().map(a -> a.beacon().events()).toList());
                    long events = requests.stream().mapToLong(List::size).sum();
                    long outsideWindow = requests.stream()
                            .flatMap(List::stream)
                            .filter(e ->
                                    nowMs - ((Number) e.get("timestamp")).longValue() > EventLimits.MAX_CLOCK_BEHIND_MS)
                            .count();
                    requests.forEach(own::resend);
                    duplicateEvents += events;
                    detail[0] = String.format(
                            Locale.ROOT,
                            "%d acknowledged requests (%,d events: traffic, every hostile-id request, the long"
                                    + " session's first and last) sent again %.1f-%.1f min after their"
                                    + " acknowledgement as %d new requests (split, halves swapped, single events of"
                                    + " several sessions together); %,d of them now older than the edge keeps, so"
                                    + " sent with the edge's time",
                            keptForLater.size(),
                            events,
                            (now - youngest) / 60e9,
                            (now
                                            - keptForLater.stream()
                                                    .mapToLong(CountingSender.Acknowledged::atNanos)
                                                    .min()
                                                    .orElseThrow())
                                    / 60e9,
                            requests.size(),
                            outsideWindow);
                },
                0,
                () -> {},
                () -> detail[0],
                null);
    }

    /**
     * SplitShard on a shard of the stream while the traffic flows (KCL must finish the parent, then lease the
     * children). If Kinesis refuses, the step is recorded as NOT RUN with its answer.
     */
    void resharding() {
        if (!settings.reshard()) {
            records.add(FaultRecord.notRun("resharding", "turned off (--no-reshard)", secondsSinceTrafficStart()));
            return;
        }
        ChaosStack.Split[] split = new ChaosStack.Split[1];
        step(
                "resharding",
                () -> {
                    try {
                        split[0] = stack.splitShard();
                    } catch (SdkException e) {
                        throw new NotRun("SplitShard refused: " + e.getClass().getSimpleName() + ": " + e.getMessage());
                    }
                },
                0,
                () -> {},
                () -> String.format(
                        Locale.ROOT,
                        "SplitShard of %s at hash key %s (children %s; stream ACTIVE again after %.1f s), traffic"
                                + " flowing",
                        split[0].parent(),
                        split[0].newStartingHashKey(),
                        String.join(" and ", split[0].children()),
                        split[0].activeAfterS()),
                null,
                () -> "; then KCL leases: " + String.join(", ", stack.leases()),
                RECOVERY_TIMEOUT_MS);
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
            String name, Runnable inject, long holdMs, Runnable clear, Supplier<String> injected, FaultProxy proxy) {
        step(name, inject, holdMs, clear, injected, proxy, () -> "", RECOVERY_TIMEOUT_MS);
    }

    /** A step that cannot be run at all (its dependency refuses it) throws this from its injection. */
    static final class NotRun extends RuntimeException {
        NotRun(String reason) {
            super(reason);
        }
    }

    private void step(
            String name,
            Runnable inject,
            long holdMs,
            Runnable clear,
            Supplier<String> injected,
            FaultProxy proxy,
            Supplier<String> afterRecovery,
            long recoveryTimeoutMs) {
        quiet();
        if (proxy != null) {
            proxy.resetStats();
        }
        say.accept("fault: " + name);
        CountingSender.Counts before = clients.counts();
        long start = System.nanoTime();
        try {
            inject.run();
        } catch (NotRun e) {
            clear.run();
            records.add(FaultRecord.notRun(name, e.getMessage(), (start - trafficStart) / 1e9));
            say.accept("  " + name + " NOT RUN: " + e.getMessage());
            return;
        }
        ChaosStack.sleep(holdMs);
        String what = injected.get();
        clear.run();
        long end = System.nanoTime();
        double recovery = probes.secondsUntilLive(end, recoveryTimeoutMs);
        FaultRecord record = new FaultRecord(
                name,
                what + afterRecovery.get(),
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
        if (!record.recovered()) {
            throw new IllegalStateException(String.format(
                    "after \"%s\" the pipeline was not live again within %d s (a shard's probe never reached"
                            + " ActiveSessions); the run stops here, see the logs in %s",
                    name, recoveryTimeoutMs / 1000, settings.logDir()));
        }
    }

    private double secondsSinceTrafficStart() {
        return (System.nanoTime() - trafficStart) / 1e9;
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

    /** The events the steps sent themselves and the edge acknowledged, by event id. */
    Map<String, Map<String, Object>> ownEvents() {
        return own.events();
    }

    long duplicateEvents() {
        return duplicateEvents;
    }

    int restarts() {
        return restarts;
    }
}
