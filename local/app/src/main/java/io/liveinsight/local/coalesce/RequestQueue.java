package io.liveinsight.local.coalesce;

import io.liveinsight.event.kinesis.PutRecordsSplitter;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Requests waiting for a PutRecords round, oldest first, bounded in records and bytes. A round takes the oldest
 * requests whole, as many as fit one PutRecords call (500 records, 5 MiB); a request over that alone is a round of
 * its own (the store splits it).
 */
final class RequestQueue {

    enum Admission {
        QUEUED,
        FULL,
        CLOSED
    }

    private final int maxRecords;
    private final long maxBytes;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();

    // Guarded by lock.
    private int records;
    private long bytes;
    private boolean closed;

    RequestQueue(int maxRecords, long maxBytes) {
        this.maxRecords = maxRecords;
        this.maxBytes = maxBytes;
    }

    /** Queues the request, unless the queue is closed or the request would take it over its bounds. */
    Admission offer(Waiter waiter) {
        lock.lock();
        try {
            if (closed) {
                return Admission.CLOSED;
            }
            boolean over = records + waiter.records.size() > maxRecords || bytes + waiter.bytes > maxBytes;
            if (over && !waiting.isEmpty()) { // an empty queue takes any one request, however large
                return Admission.FULL;
            }
            waiting.addLast(waiter);
            records += waiter.records.size();
            bytes += waiter.bytes;
            waiter.state = Waiter.State.QUEUED;
            changed.signalAll();
            return Admission.QUEUED;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits for a request, then takes the oldest ones that fit one PutRecords call. Null once the queue is closed
     * (the requests still waiting then are answered by {@link #close}).
     */
    List<Waiter> takeRound() throws InterruptedException {
        lock.lock();
        try {
            while (waiting.isEmpty() && !closed) {
                changed.await();
            }
            if (closed) {
                return null;
            }
            List<Waiter> round = new ArrayList<>();
            int roundRecords = 0;
            long roundBytes = 0;
            while (!waiting.isEmpty()) {
                Waiter next = waiting.peekFirst();
                boolean fits = roundRecords + next.records.size() <= PutRecordsSplitter.MAX_RECORDS_PER_CALL
                        && roundBytes + next.bytes <= PutRecordsSplitter.MAX_BYTES_PER_CALL;
                if (!round.isEmpty() && !fits) {
                    break;
                }
                take(waiting.pollFirst());
                round.add(next);
                roundRecords += next.records.size();
                roundBytes += next.bytes;
            }
            changed.signalAll();
            return round;
        } finally {
            lock.unlock();
        }
    }

    /** Removes a request whose caller stopped waiting; false when a round already took it. */
    boolean abandon(Waiter waiter) {
        lock.lock();
        try {
            if (waiter.state != Waiter.State.QUEUED) {
                return false;
            }
            waiting.remove(waiter);
            take(waiter);
            waiter.state = Waiter.State.ABANDONED;
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Refuses every later request; returns the ones still waiting, for the caller to answer. */
    List<Waiter> close() {
        lock.lock();
        try {
            closed = true;
            List<Waiter> left = new ArrayList<>(waiting);
            waiting.clear();
            left.forEach(waiter -> waiter.state = Waiter.State.ABANDONED);
            records = 0;
            bytes = 0;
            changed.signalAll();
            return left;
        } finally {
            lock.unlock();
        }
    }

    int waitingRequests() {
        lock.lock();
        try {
            return waiting.size();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until exactly {@code count} requests are waiting; false at the timeout (for tests: no sleeping). */
    boolean awaitWaiting(int count, Duration timeout) throws InterruptedException {
        long left = timeout.toNanos();
        lock.lock();
        try {
            while (waiting.size() != count) {
                if (left <= 0) {
                    return false;
                }
                left = changed.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void take(Waiter waiter) {
        records -= waiter.records.size();
        bytes -= waiter.bytes;
        waiter.state = Waiter.State.TAKEN;
    }

    /** For a test's failure message. */
    @Override
    public String toString() {
        lock.lock();
        try {
            return waiting.size() + " requests, " + records + " records, " + bytes + " bytes waiting"
                    + (closed ? " (closed)" : "");
        } finally {
            lock.unlock();
        }
    }
}
