package io.liveinsight.load.chaos;

import io.liveinsight.load.replay.Beacon;
import io.liveinsight.load.replay.SendResult;
import io.liveinsight.load.replay.Sender;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A sender that counts what the website's clients saw (acknowledged, 503 + Retry-After, no answer, rejected) and keeps
 * the beacons acknowledged whole, so they can be submitted a second time.
 */
final class CountingSender implements Sender {

    /** Totals since the start; subtract two to get a window. */
    record Counts(long acknowledged, long unavailable, long noAnswer, long rejected) {
        Counts minus(Counts earlier) {
            return new Counts(
                    acknowledged - earlier.acknowledged,
                    unavailable - earlier.unavailable,
                    noAnswer - earlier.noAnswer,
                    rejected - earlier.rejected);
        }
    }

    private final Sender delegate;
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong unavailable = new AtomicLong();
    private final AtomicLong noAnswer = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final ConcurrentLinkedQueue<Acknowledged> acknowledgedBeacons = new ConcurrentLinkedQueue<>();

    /** A request acknowledged whole, and when (System.nanoTime). */
    record Acknowledged(Beacon beacon, long atNanos) {}

    CountingSender(Sender delegate) {
        this.delegate = delegate;
    }

    @Override
    public SendResult send(Beacon beacon) {
        SendResult result = delegate.send(beacon);
        if (result.status() == 0) {
            noAnswer.incrementAndGet();
        } else if (result.isRetryable()) {
            unavailable.incrementAndGet();
        } else if (result.status() == 200) {
            acknowledged.incrementAndGet();
            if (!beacon.isMalformed() && result.acceptedEventIds().size() == beacon.eventCount()) {
                acknowledgedBeacons.add(new Acknowledged(beacon, System.nanoTime()));
            }
        } else {
            rejected.incrementAndGet();
        }
        return result;
    }

    Counts counts() {
        return new Counts(acknowledged.get(), unavailable.get(), noAnswer.get(), rejected.get());
    }

    /** Up to {@code max} beacons acknowledged whole so far, oldest first. */
    List<Beacon> acknowledgedBeacons(int max) {
        List<Beacon> out = new ArrayList<>();
        for (Acknowledged acknowledged : acknowledgedBeacons) {
            if (out.size() == max) {
                break;
            }
            out.add(acknowledged.beacon());
        }
        return out;
    }

    /** Up to {@code max} of the requests acknowledged whole most recently that pass {@code wanted}, oldest first. */
    List<Acknowledged> latestAcknowledged(int max, Predicate<Beacon> wanted) {
        ArrayDeque<Acknowledged> latest = new ArrayDeque<>();
        for (Acknowledged acknowledged : acknowledgedBeacons) {
            if (wanted.test(acknowledged.beacon())) {
                latest.addLast(acknowledged);
                if (latest.size() > max) {
                    latest.removeFirst();
                }
            }
        }
        return List.copyOf(latest);
    }
}
