package io.liveinsight.processor.archive;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The local archiver's counts since it started, for the local stack's {@code /metrics} (docs/contract/local.md#archive;
 * they are not CloudWatch metrics: in AWS, Firehose archives and reports its own). Safe from any thread.
 */
public final class ArchiveMetrics {

    /** Records written to archive files (a record written again after a restart counts again). */
    public static final String RECORDS_WRITTEN = "ArchiveRecordsWritten";
    /** Archive files written. */
    public static final String FILES_WRITTEN = "ArchiveFilesWritten";
    /** Bytes of the files written (gzip). */
    public static final String BYTES_WRITTEN = "ArchiveBytesWritten";
    /** Bytes of record data written, with the newline after each, before compression. */
    public static final String DATA_BYTES_WRITTEN = "ArchiveDataBytesWritten";
    /** Attempts to write a file that failed (each is tried again until it is written or the archiver stops). */
    public static final String WRITE_FAILURES = "ArchiveWriteFailures";
    /** The archiver's read position behind the stream's tip, the largest over its shards, in ms. */
    public static final String MILLIS_BEHIND_LATEST = "ArchiveMillisBehindLatest";
    /** How long the oldest record read and not yet in a file has been on the stream, in ms (0 when none waits). */
    public static final String OLDEST_UNWRITTEN_RECORD_AGE = "ArchiveOldestUnwrittenRecordAge";
    /** Shards whose records have waited unwritten past the threshold. */
    public static final String STUCK_SHARDS = "ArchiveStuckShards";

    private final LongAdder records = new LongAdder();
    private final LongAdder files = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final LongAdder dataBytes = new LongAdder();
    private final LongAdder failures = new LongAdder();

    /** A file was written. */
    public void written(ArchiveFile file, ArchiveSink.Written written) {
        records.add(file.records().size());
        files.increment();
        bytes.add(written.bytes());
        dataBytes.add(file.lineBytes());
    }

    /** An attempt to write a file failed. */
    public void failed() {
        failures.increment();
    }

    public long recordsWritten() {
        return records.sum();
    }

    public long filesWritten() {
        return files.sum();
    }

    public long writeFailures() {
        return failures.sum();
    }

    /** The counts, by name. */
    public Map<String, Double> totals() {
        Map<String, Double> totals = new LinkedHashMap<>();
        totals.put(RECORDS_WRITTEN, (double) records.sum());
        totals.put(FILES_WRITTEN, (double) files.sum());
        totals.put(BYTES_WRITTEN, (double) bytes.sum());
        totals.put(DATA_BYTES_WRITTEN, (double) dataBytes.sum());
        totals.put(WRITE_FAILURES, (double) failures.sum());
        return totals;
    }
}
