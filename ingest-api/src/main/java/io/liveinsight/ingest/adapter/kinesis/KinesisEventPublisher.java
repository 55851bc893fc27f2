package io.liveinsight.ingest.adapter.kinesis;

import io.liveinsight.event.Event;
import io.liveinsight.event.kinesis.PutRecordsSplitter;
import io.liveinsight.event.time.Sleeper;
import io.liveinsight.ingest.adapter.kinesis.RecordPacker.PackedRecord;
import io.liveinsight.ingest.port.EventPublisher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * PutRecords, at most 500 records and 5 MiB a call ({@link PutRecordsSplitter}), retrying only the entries Kinesis
 * refused, with jittered exponential backoff, until every record is stored or the time budget is spent. The SDK's
 * own retries are off ({@link KinesisClientFactory}), so the two never multiply.
 */
public final class KinesisEventPublisher implements EventPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(KinesisEventPublisher.class);

    private final KinesisClient kinesis;
    private final String streamName;
    private final RecordPacker packer;
    private final RetryPolicy retry;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RandomGenerator random;

    public KinesisEventPublisher(KinesisClient kinesis, String streamName, RecordPacker packer, Duration budget) {
        this(
                kinesis,
                streamName,
                packer,
                RetryPolicy.withBudget(budget),
                Clock.systemUTC(),
                Sleeper.SYSTEM,
                () -> ThreadLocalRandom.current().nextLong());
    }

    public KinesisEventPublisher(
            KinesisClient kinesis,
            String streamName,
            RecordPacker packer,
            RetryPolicy retry,
            Clock clock,
            Sleeper sleeper,
            RandomGenerator random) {
        this.kinesis = kinesis;
        this.streamName = streamName;
        this.packer = packer;
        this.retry = retry;
        this.clock = clock;
        this.sleeper = sleeper;
        this.random = random;
    }

    @Override
    public PublishResult publish(List<Event> events) {
        List<PackedRecord> records = packer.pack(events);
        StoreOutcome outcome = store(records, clock.instant().plus(retry.budget()));
        int unstored = outcome.unstored();
        int refusedEntries = outcome.refusals(0, records.size());
        if (unstored == 0) {
            return new PublishResult.Stored(records.size(), refusedEntries);
        }
        return new PublishResult.Refused(
                unstored + " of " + records.size() + " records refused: " + outcome.reason(), refusedEntries);
    }

    /**
     * Stores these records (already packed, in this order) in as few PutRecords calls as Kinesis's limits allow,
     * retrying only the refused ones until every record is stored or {@code deadline} leaves no room for the next
     * wait. Says, record by record, which are stored: the local edge's coalescing publisher puts the records of
     * several requests in one round and answers each request for its own.
     */
    public StoreOutcome store(List<PackedRecord> records, Instant deadline) {
        List<PutRecordsRequestEntry> entries = entries(records);
        int[] refusals = new int[entries.size()];
        List<Integer> pending = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            pending.add(i);
        }
        for (int attempt = 0; ; attempt++) {
            Attempt result = putAll(entries, pending, deadline);
            result.refused().forEach(i -> refusals[i]++);
            if (result.refused().isEmpty()) {
                return outcome(refusals, List.of(), "");
            }
            Duration wait = retry.backoff(attempt, random);
            if (!result.retryable() || clock.instant().plus(wait).isAfter(deadline)) {
                LOG.warn(
                        "{} of {} records still refused after {} attempts ({}); answering 503",
                        result.refused().size(),
                        entries.size(),
                        attempt + 1,
                        result.reason());
                return outcome(refusals, result.refused(), result.reason());
            }
            sleeper.pause(wait);
            pending = result.refused();
        }
    }

    private static StoreOutcome outcome(int[] refusals, List<Integer> unstored, String reason) {
        boolean[] stored = new boolean[refusals.length];
        Arrays.fill(stored, true);
        unstored.forEach(i -> stored[i] = false);
        List<StoreOutcome.RecordResult> results = new ArrayList<>(refusals.length);
        for (int i = 0; i < refusals.length; i++) {
            results.add(
                    stored[i] && refusals[i] == 0
                            ? StoreOutcome.STORED_AT_ONCE
                            : new StoreOutcome.RecordResult(stored[i], refusals[i]));
        }
        return new StoreOutcome(results, reason);
    }

    /** What one round of calls left unstored (indexes into the entries), and whether trying again can help. */
    private record Attempt(List<Integer> refused, boolean retryable, String reason) {}

    private Attempt putAll(List<PutRecordsRequestEntry> entries, List<Integer> pending, Instant deadline) {
        List<Integer> refused = new ArrayList<>(0);
        boolean retryable = true;
        String reason = "";
        for (List<Integer> call : calls(entries, pending)) {
            Duration remaining = Duration.between(clock.instant(), deadline);
            if (remaining.isNegative() || remaining.isZero()) {
                refused.addAll(call);
                reason = "time budget spent";
                continue;
            }
            List<PutRecordsRequestEntry> callEntries = new ArrayList<>(call.size());
            call.forEach(i -> callEntries.add(entries.get(i)));
            try {
                PutRecordsResponse response = kinesis.putRecords(request -> request.streamName(streamName)
                        .records(callEntries)
                        .overrideConfiguration(o -> o.apiCallTimeout(remaining)));
                reason = collectRefused(call, response, refused, reason);
            } catch (SdkException e) {
                refused.addAll(call);
                retryable &= KinesisErrors.retryable(e);
                reason = e.getClass().getSimpleName();
            }
        }
        return new Attempt(refused, retryable, reason);
    }

    private static String collectRefused(
            List<Integer> call, PutRecordsResponse response, List<Integer> refused, String reason) {
        if (response.failedRecordCount() == null || response.failedRecordCount() == 0) {
            return reason;
        }
        List<PutRecordsResultEntry> results = response.records();
        String code = reason;
        for (int i = 0; i < results.size(); i++) {
            String errorCode = results.get(i).errorCode();
            if (errorCode != null) {
                refused.add(call.get(i));
                code = errorCode;
                if (!KinesisErrors.retryable(errorCode)) {
                    LOG.warn("PutRecords entry refused with non-retryable {}", errorCode);
                }
            }
        }
        return code;
    }

    /** The pending entries (indexes) in PutRecords calls within Kinesis's limits (500 records, 5 MiB). */
    private static List<List<Integer>> calls(List<PutRecordsRequestEntry> entries, List<Integer> pending) {
        return PutRecordsSplitter.split(
                pending,
                i -> entries.get(i).partitionKey(),
                i -> entries.get(i).data().asByteArrayUnsafe().length);
    }

    /** The entries in PutRecords calls within Kinesis's limits (500 records, 5 MiB; keys in UTF-8 bytes). */
    static List<List<PutRecordsRequestEntry>> calls(List<PutRecordsRequestEntry> entries) {
        List<Integer> all = IntStream.range(0, entries.size()).boxed().toList();
        return calls(entries, all).stream()
                .map(call -> call.stream().map(entries::get).toList())
                .toList();
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

    /**
     * Runs the SDK's whole request path for these events (packing, marshalling, endpoint, signing) and stops it
     * before anything is sent: for SnapStart priming. True when the request got as far as the wire.
     */
    public boolean prime(List<Event> events) {
        List<PutRecordsRequestEntry> entries = entries(packer.pack(events));
        try {
            kinesis.putRecords(request -> request.streamName(streamName)
                    .records(entries)
                    .overrideConfiguration(o -> o.putHeader(PrimingInterceptor.HEADER, "1")));
            return false; // not reached: the interceptor stops every priming request
        } catch (RuntimeException expected) { // the interceptor's stop comes through unwrapped
            if (PrimingInterceptor.stoppedBy(expected)) {
                return true;
            }
            LOG.info("priming stopped early: {}", expected.toString());
            return false;
        }
    }

    private static List<PutRecordsRequestEntry> entries(List<PackedRecord> records) {
        List<PutRecordsRequestEntry> entries = new ArrayList<>(records.size());
        for (PackedRecord record : records) {
            entries.add(PutRecordsRequestEntry.builder()
                    .partitionKey(record.partitionKey())
                    .data(SdkBytes.fromByteArrayUnsafe(record.data()))
                    .build());
        }
        return entries;
    }
}
