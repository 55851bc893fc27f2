package io.liveinsight.local.coalesce;

import io.liveinsight.event.Event;
import io.liveinsight.ingest.adapter.kinesis.RecordPacker.PackedRecord;
import io.liveinsight.ingest.adapter.kinesis.StoreOutcome;
import io.liveinsight.ingest.port.EventPublisher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local edge's publisher (docs/contract/local.md#coalescing): concurrent requests' records go to Kinesis together,
 * in shared PutRecords calls, instead of one call per request. kinesis-mock takes about 200 calls/s on 2 cores however
 * few records each carries, so one call per request is what capped the local edge.
 *
 * <p>Each request packs its own records (one per session of the request, as in the Lambda: a record never mixes
 * requests), queues them, and waits. {@link CoalesceSettings#maxInFlight()} workers each take the oldest waiting
 * requests that fit one call, store them through the {@link RecordStore} (which retries refused entries within the
 * deadline), and answer each request for its own records only: stored, or refused (503 + Retry-After) when any of its
 * records is not. While the workers' calls are in flight, new requests gather in the queue, so rounds grow with the
 * load and no request waits for a timer. A request is answered 503 at once when the queue is at its bound, or when
 * its records are not stored within the budget (it leaves the queue then if still in it).
 */
public final class CoalescingPublisher implements EventPublisher, AutoCloseable {

    /** What a caller waits beyond its deadline for a round that is answering it right then. */
    static final Duration ANSWER_GRACE = Duration.ofMillis(200);

    private static final Logger LOG = LoggerFactory.getLogger(CoalescingPublisher.class);
    private static final Duration LOG_EVERY = Duration.ofSeconds(5);

    private final Function<List<Event>, List<PackedRecord>> packer;
    private final RecordStore store;
    private final BooleanSupplier healthy;
    private final CoalesceSettings settings;
    private final Clock clock;
    private final RequestQueue queue;
    private final List<Thread> workers = new ArrayList<>();
    private final AtomicLong refusedFull = new AtomicLong();
    private final RoundStats stats = new RoundStats();
    private final AtomicLong loggedFullAt = new AtomicLong(Long.MIN_VALUE);

    /**
     * @param packer a request's events to its records ({@code RecordPacker::pack})
     * @param store the stream ({@code KinesisEventPublisher::store})
     * @param healthy whether the stream answers ({@code KinesisEventPublisher::isHealthy})
     */
    public CoalescingPublisher(
            Function<List<Event>, List<PackedRecord>> packer,
            RecordStore store,
            BooleanSupplier healthy,
            CoalesceSettings settings,
            Clock clock) {
        this.packer = packer;
        this.store = store;
        this.healthy = healthy;
        this.settings = settings;
        this.clock = clock;
        this.queue = new RequestQueue(settings.maxQueuedRecords(), settings.maxQueuedBytes());
        for (int i = 0; i < settings.maxInFlight(); i++) {
            workers.add(Thread.ofPlatform()
                    .name("liveinsight-edge-coalescer-" + i)
                    .daemon()
                    .start(this::work));
        }
    }

    @Override
    public PublishResult publish(List<Event> events) {
        List<PackedRecord> records = packer.apply(events);
        if (records.isEmpty()) {
            return new PublishResult.Stored(0, 0);
        }
        Waiter waiter = new Waiter(records, clock.instant().plus(settings.budget()));
        switch (queue.offer(waiter)) {
            case FULL -> {
                return full(records.size());
            }
            case CLOSED -> {
                return new PublishResult.Refused("the edge is stopping", 0);
            }
            case QUEUED -> {}
        }
        try {
            PublishResult answer = waiter.await(
                    Duration.between(clock.instant(), waiter.deadline).plus(ANSWER_GRACE));
            if (answer != null) {
                return answer;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        queue.abandon(waiter);
        PublishResult late = waiter.answerNow();
        return late != null
                ? late
                : new PublishResult.Refused(
                        "records not stored within " + settings.budget().toMillis() + " ms", 0);
    }

    private PublishResult full(int records) {
        long refused = refusedFull.incrementAndGet();
        long now = System.nanoTime();
        long last = loggedFullAt.get();
        if ((last == Long.MIN_VALUE || now - last >= LOG_EVERY.toNanos()) && loggedFullAt.compareAndSet(last, now)) {
            LOG.warn(
                    "edge queue full ({} records / {} bytes waiting at most): answering 503; {} requests refused so far",
                    settings.maxQueuedRecords(),
                    settings.maxQueuedBytes(),
                    refused);
        }
        return new PublishResult.Refused(
                "edge queue full: " + records + " records over " + settings.maxQueuedRecords() + " waiting at most", 0);
    }

    private void work() {
        while (true) {
            List<Waiter> round;
            try {
                round = queue.takeRound();
            } catch (InterruptedException e) {
                return;
            }
            if (round == null) {
                return;
            }
            answer(round);
        }
    }

    /** One round: the requests' records in one store, each request answered for its own records. */
    private void answer(List<Waiter> round) {
        List<PackedRecord> records = new ArrayList<>();
        Instant deadline = Instant.MIN;
        for (Waiter waiter : round) {
            records.addAll(waiter.records);
            deadline = waiter.deadline.isAfter(deadline) ? waiter.deadline : deadline;
        }
        StoreOutcome outcome;
        long started = System.nanoTime();
        try {
            outcome = store.store(records, deadline);
            stats.add(round.size(), records.size(), System.nanoTime() - started, LOG);
        } catch (RuntimeException e) { // a bug, not a refusal: answer 503 rather than leave callers hanging
            LOG.error(
                    "storing a round of {} records failed; answering its {} requests 503",
                    records.size(),
                    round.size(),
                    e);
            round.forEach(w -> w.complete(new PublishResult.Refused(e.getClass().getSimpleName(), 0)));
            return;
        }
        if (outcome.records().size() != records.size()) {
            LOG.error(
                    "the store answered {} results for {} records",
                    outcome.records().size(),
                    records.size());
            round.forEach(w -> w.complete(new PublishResult.Refused("store answered the wrong count", 0)));
            return;
        }
        int from = 0;
        for (Waiter waiter : round) {
            int to = from + waiter.records.size();
            int refusals = outcome.refusals(from, to);
            waiter.complete(
                    outcome.allStored(from, to)
                            ? new PublishResult.Stored(waiter.records.size(), refusals)
                            : new PublishResult.Refused("records refused: " + outcome.reason(), refusals));
            from = to;
        }
    }

    @Override
    public boolean isHealthy() {
        return healthy.getAsBoolean();
    }

    /** Requests waiting for a round now. */
    int waitingRequests() {
        return queue.waitingRequests();
    }

    /** For tests: waits until exactly {@code count} requests wait for a round. */
    boolean awaitWaiting(int count, Duration timeout) throws InterruptedException {
        return queue.awaitWaiting(count, timeout);
    }

    /**
     * Refuses new requests, answers the waiting ones 503 (the client resends), lets the rounds in flight finish (their
     * store returns by its deadline) and waits for the workers up to the budget.
     */
    @Override
    public void close() {
        List<Waiter> left = queue.close();
        left.forEach(waiter -> waiter.complete(new PublishResult.Refused("the edge is stopping", 0)));
        long until = System.nanoTime() + settings.budget().plus(ANSWER_GRACE).toNanos();
        for (Thread worker : workers) {
            try {
                worker.join(Duration.ofNanos(Math.max(1, until - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
