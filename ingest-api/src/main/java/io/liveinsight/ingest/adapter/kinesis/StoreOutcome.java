package io.liveinsight.ingest.adapter.kinesis;

import java.util.List;

/**
 * What {@link KinesisEventPublisher#store} left, per record in the order given: whether it is stored, and how often
 * Kinesis refused it on the way (retries included). Lets one PutRecords round carry the records of several requests
 * and still answer each request for its own records only.
 *
 * @param records one result per record given
 * @param reason the last refusal's error code or exception, empty when every record is stored
 */
public record StoreOutcome(List<RecordResult> records, String reason) {

    /** A record stored at the first attempt. */
    public static final RecordResult STORED_AT_ONCE = new RecordResult(true, 0);

    public StoreOutcome {
        records = List.copyOf(records);
    }

    /** One record: stored or not, and how many times Kinesis refused it. */
    public record RecordResult(boolean stored, int refusals) {
        public RecordResult {
            if (refusals < 0) {
                throw new IllegalArgumentException("refusals must not be negative");
            }
        }
    }

    /** Whether records {@code from} (inclusive) to {@code to} (exclusive) are all stored. */
    public boolean allStored(int from, int to) {
        for (int i = from; i < to; i++) {
            if (!records.get(i).stored()) {
                return false;
            }
        }
        return true;
    }

    /** How many times Kinesis refused one of records {@code from} to {@code to} (the KinesisPutFailures figure). */
    public int refusals(int from, int to) {
        int sum = 0;
        for (int i = from; i < to; i++) {
            sum += records.get(i).refusals();
        }
        return sum;
    }

    public int unstored() {
        return (int) records.stream().filter(r -> !r.stored()).count();
    }
}
