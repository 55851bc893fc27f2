package io.liveinsight.event.kinesis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Splits records into Kinesis PutRecords calls within the service's limits: at most {@value #MAX_RECORDS_PER_CALL}
 * records and {@value #MAX_BYTES_PER_CALL} bytes a call, where a record counts its data blob plus its partition key
 * in UTF-8 bytes. Order is kept. Pure, and generic over the caller's record type, so it knows no SDK class: the
 * edge's publisher and the processor's dead-letter stream share it.
 *
 * <p>Each record must itself fit {@value #MAX_RECORD_BYTES} bytes (data plus key): callers build their records
 * within that limit, so one over it is a programming error, refused here rather than by Kinesis mid-request.
 */
public final class PutRecordsSplitter {

    /** Real Kinesis refuses more (kinesis-mock accepts 501: the limit is ours to keep). */
    public static final int MAX_RECORDS_PER_CALL = 500;

    /** PutRecords accepts at most 5 MiB a call, partition keys included. */
    public static final long MAX_BYTES_PER_CALL = 5L * 1024 * 1024;

    /** One record's data blob plus partition key: at most 1 MiB. */
    public static final int MAX_RECORD_BYTES = 1024 * 1024;

    private PutRecordsSplitter() {}

    /** What Kinesis counts for one record: its data plus its partition key in UTF-8 bytes. */
    public static long recordBytes(String partitionKey, int dataBytes) {
        return (long) dataBytes + partitionKey.getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * The records in calls, in order: each call as full as the limits allow before the next starts.
     *
     * @param partitionKey a record's partition key
     * @param dataBytes the length of a record's data blob
     * @throws IllegalArgumentException for a record over {@link #MAX_RECORD_BYTES}
     */
    public static <T> List<List<T>> split(
            List<T> records, Function<? super T, String> partitionKey, ToIntFunction<? super T> dataBytes) {
        List<List<T>> calls = new ArrayList<>(records.size() / MAX_RECORDS_PER_CALL + 1);
        List<T> call = new ArrayList<>(Math.min(records.size(), MAX_RECORDS_PER_CALL));
        long callBytes = 0;
        for (T record : records) {
            long size = recordBytes(partitionKey.apply(record), dataBytes.applyAsInt(record));
            if (size > MAX_RECORD_BYTES) {
                throw new IllegalArgumentException(
                        "a record of " + size + " bytes (data plus key) is over the " + MAX_RECORD_BYTES + " limit");
            }
            if (!call.isEmpty() && (call.size() == MAX_RECORDS_PER_CALL || callBytes + size > MAX_BYTES_PER_CALL)) {
                calls.add(call);
                call = new ArrayList<>();
                callBytes = 0;
            }
            call.add(record);
            callBytes += size;
        }
        if (!call.isEmpty()) {
            calls.add(call);
        }
        return calls;
    }
}
