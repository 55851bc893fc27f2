package io.liveinsight.local.coalesce;

import io.liveinsight.event.kinesis.PutRecordsSplitter;
import io.liveinsight.ingest.adapter.kinesis.RecordPacker.PackedRecord;
import io.liveinsight.ingest.port.EventPublisher.PublishResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One request's records waiting for a round, and the answer its caller waits for. */
final class Waiter {

    enum State {
        NEW,
        QUEUED,
        TAKEN,
        ABANDONED
    }

    final List<PackedRecord> records;
    final long bytes;
    final Instant deadline;
    private final CompletableFuture<PublishResult> answer = new CompletableFuture<>();

    /** Guarded by the queue's lock. */
    State state = State.NEW;

    Waiter(List<PackedRecord> records, Instant deadline) {
        this.records = List.copyOf(records);
        this.deadline = deadline;
        long sum = 0;
        for (PackedRecord record : this.records) {
            sum += PutRecordsSplitter.recordBytes(record.partitionKey(), record.data().length);
        }
        this.bytes = sum;
    }

    void complete(PublishResult result) {
        answer.complete(result);
    }

    /** The answer, or null if none came within {@code timeout}. */
    PublishResult await(Duration timeout) throws InterruptedException {
        try {
            return answer.get(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (ExecutionException e) {
            throw new IllegalStateException("never completed exceptionally", e);
        }
    }

    /** The answer if there is one already. */
    PublishResult answerNow() {
        return answer.getNow(null);
    }
}
