package io.liveinsight.local.coalesce;

import io.liveinsight.ingest.adapter.kinesis.RecordPacker.PackedRecord;
import io.liveinsight.ingest.adapter.kinesis.StoreOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A controlled {@link RecordStore}: every call is kept (its records' data as text), calls can be held until the test
 * lets them go, and records whose data contains a chosen text are refused.
 */
final class FakeRecordStore implements RecordStore {

    final List<List<String>> calls = new CopyOnWriteArrayList<>();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    private final Semaphore entered = new Semaphore(0);
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private volatile Set<String> refuse = Set.of();
    private volatile RuntimeException failure;

    /** Calls from now on wait until {@link #release()}. */
    FakeRecordStore hold() {
        gate = new CountDownLatch(1);
        return this;
    }

    void release() {
        gate.countDown();
    }

    /** Records whose data contains one of these texts are refused (not stored, one refusal). */
    FakeRecordStore refusing(String... texts) {
        refuse = Set.of(texts);
        return this;
    }

    /** Calls throw this (a bug in the store, not a refusal). */
    FakeRecordStore failingWith(RuntimeException e) {
        failure = e;
        return this;
    }

    /** Waits until {@code count} calls have started since the last wait; false after 10 s. */
    boolean awaitCalls(int count) throws InterruptedException {
        return entered.tryAcquire(count, 10, TimeUnit.SECONDS);
    }

    @Override
    public StoreOutcome store(List<PackedRecord> records, Instant deadline) {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        List<String> texts = records.stream()
                .map(r -> new String(r.data(), StandardCharsets.UTF_8))
                .toList();
        calls.add(texts);
        entered.release();
        try {
            gate.await();
            if (failure != null) {
                throw failure;
            }
            List<StoreOutcome.RecordResult> results = new ArrayList<>();
            String reason = "";
            for (String text : texts) {
                boolean refused = refuse.stream().anyMatch(text::contains);
                results.add(refused ? new StoreOutcome.RecordResult(false, 1) : StoreOutcome.STORED_AT_ONCE);
                reason = refused ? "ProvisionedThroughputExceededException" : reason;
            }
            return new StoreOutcome(results, reason);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            inFlight.decrementAndGet();
        }
    }
}
