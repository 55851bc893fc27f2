package io.liveinsight.processor.archive;

import java.time.Duration;

/**
 * When a shard's buffer goes to the archive: once it holds {@code maxBytes} of record data or its first record has
 * waited {@code maxAge}, whichever comes first, as a Firehose delivery stream's buffering hints (size and interval;
 * Firehose's defaults are 5 MiB and 300 s).
 *
 * @param maxBytes record data (with the newline after each record, before compression) that makes a flush due
 * @param maxAge how long the first record of a buffer may wait for its file
 */
public record ArchivePolicy(long maxBytes, Duration maxAge) {

    /** Firehose's default buffer size. */
    public static final long DEFAULT_MAX_BYTES = 5L * 1024 * 1024;
    /** Locally: a minute (Firehose's default is 5 minutes). */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofSeconds(60);
    /** Below this an idle archiver would write a file per poll. */
    public static final Duration MIN_MAX_AGE = Duration.ofMillis(100);

    public ArchivePolicy {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("archive buffer size must be at least 1 byte, is " + maxBytes);
        }
        if (maxAge == null || maxAge.compareTo(MIN_MAX_AGE) < 0) {
            throw new IllegalArgumentException(
                    "archive flush age must be at least " + MIN_MAX_AGE.toMillis() + " ms, is " + maxAge);
        }
    }

    public static ArchivePolicy flushedEvery(Duration maxAge) {
        return new ArchivePolicy(DEFAULT_MAX_BYTES, maxAge);
    }
}
