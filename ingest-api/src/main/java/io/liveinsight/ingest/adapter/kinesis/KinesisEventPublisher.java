package io.liveinsight.ingest.adapter.kinesis;

import io.liveinsight.event.Event;
import io.liveinsight.ingest.domain.RecordPacker;
import io.liveinsight.ingest.domain.RecordPacker.PackedRecord;
import io.liveinsight.ingest.port.EventPublisher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * PutRecords, at most 500 records a call, retrying only the entries Kinesis refused, with jittered exponential
 * backoff, until every record is stored or the time budget is spent.
 */
public final class KinesisEventPublisher implements EventPublisher {

    /** Real Kinesis refuses more (kinesis-mock accepts 501: the limit is ours to keep). */
    public static final int MAX_RECORDS_PER_CALL = 500;

    /** PutRecords accepts at most 5 MiB a call, keys included. */
    public static final long MAX_BYTES_PER_CALL = 5L * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(KinesisEventPublisher.class);
    private static final Duration BASE_BACKOFF = Duration.ofMillis(50);
    private static final Duration MAX_BACKOFF = Duration.ofMillis(1000);

    private final KinesisClient kinesis;
    private final String streamName;
    private final RecordPacker packer;
    private final Duration budget;

    public KinesisEventPublisher(KinesisClient kinesis, String streamName, RecordPacker packer, Duration budget) {
        this.kinesis = kinesis;
        this.streamName = streamName;
        this.packer = packer;
        this.budget = budget;
    }

    @Override
    public PublishResult publish(List<Event> events) {
        List<PutRecordsRequestEntry> pending =
                packer.pack(events).stream().map(KinesisEventPublisher::entry).toList();
        int total = pending.size();
        long deadline = System.nanoTime() + budget.toNanos();
        int attempt = 0;
        List<PutRecordsRequestEntry> failed = new ArrayList<>();
        while (true) {
            failed.clear();
            for (List<PutRecordsRequestEntry> call : calls(pending)) {
                failed.addAll(put(call));
            }
            if (failed.isEmpty()) {
                return new PublishResult.Stored(total);
            }
            Duration wait = backoff(attempt++);
            if (System.nanoTime() + wait.toNanos() > deadline) {
                LOG.warn(
                        "{} of {} records still refused after {} attempts; answering 503",
                        failed.size(),
                        total,
                        attempt);
                return new PublishResult.Refused(failed.size() + " records refused");
            }
            sleep(wait);
            pending = List.copyOf(failed);
        }
    }

    /** Splits entries into PutRecords calls of at most 500 records and 5 MiB. */
    static List<List<PutRecordsRequestEntry>> calls(List<PutRecordsRequestEntry> entries) {
        List<List<PutRecordsRequestEntry>> calls = new ArrayList<>();
        List<PutRecordsRequestEntry> call = new ArrayList<>();
        long bytes = 0;
        for (PutRecordsRequestEntry entry : entries) {
            long size = entry.data().asByteArrayUnsafe().length
                    + entry.partitionKey().length();
            if (!call.isEmpty() && (call.size() == MAX_RECORDS_PER_CALL || bytes + size > MAX_BYTES_PER_CALL)) {
                calls.add(call);
                call = new ArrayList<>();
                bytes = 0;
            }
            call.add(entry);
            bytes += size;
        }
        if (!call.isEmpty()) {
            calls.add(call);
        }
        return calls;
    }

    /** The entries of this call that were not stored. */
    private List<PutRecordsRequestEntry> put(List<PutRecordsRequestEntry> entries) {
        PutRecordsResponse response;
        try {
            response =
                    kinesis.putRecords(request -> request.streamName(streamName).records(entries));
        } catch (SdkException e) {
            LOG.warn("PutRecords failed: {}", e.getClass().getSimpleName());
            return entries;
        }
        if (response.failedRecordCount() == null || response.failedRecordCount() == 0) {
            return List.of();
        }
        List<PutRecordsRequestEntry> failed = new ArrayList<>();
        List<PutRecordsResultEntry> results = response.records();
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i).errorCode() != null) {
                failed.add(entries.get(i));
            }
        }
        return failed;
    }

    @Override
    public boolean isHealthy() {
        try {
            kinesis.describeStreamSummary(request -> request.streamName(streamName));
            return true;
        } catch (SdkException e) {
            return false;
        }
    }

    private static PutRecordsRequestEntry entry(PackedRecord record) {
        return PutRecordsRequestEntry.builder()
                .partitionKey(record.partitionKey())
                .data(SdkBytes.fromByteArray(record.data()))
                .build();
    }

    /** Full jitter: uniform in [0, min(max, base * 2^attempt)]. */
    static Duration backoff(int attempt) {
        long cap = Math.min(MAX_BACKOFF.toMillis(), BASE_BACKOFF.toMillis() << Math.min(attempt, 10));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(cap + 1));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
