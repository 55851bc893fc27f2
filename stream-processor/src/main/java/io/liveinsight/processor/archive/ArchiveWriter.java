package io.liveinsight.processor.archive;

import io.liveinsight.event.time.Sleeper;
import java.io.IOException;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a flush's files through the {@link ArchiveSink} until every one is written: a file that fails (disk full, a
 * permission taken away, a bug) is tried again with backoff for as long as it takes, never skipped, because the
 * checkpoint must not pass records that are in no file. The shard shows as stuck meanwhile. Once the archiver is
 * stopping (or its thread is interrupted) it tries each file once more and then gives up, leaving the records to the
 * next run (at least once).
 * Files already written are not written again within one flush.
 */
public final class ArchiveWriter {

    private static final Logger LOG = LoggerFactory.getLogger(ArchiveWriter.class);
    static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    /** After the first failure of a file, every this many attempts is logged. */
    static final int LOG_EVERY = 20;

    private final ArchiveSink sink;
    private final ArchiveMetrics metrics;
    private final Sleeper sleeper;
    private final BooleanSupplier stopping;

    public ArchiveWriter(ArchiveSink sink, ArchiveMetrics metrics, Sleeper sleeper, BooleanSupplier stopping) {
        this.sink = sink;
        this.metrics = metrics;
        this.sleeper = sleeper;
        this.stopping = stopping;
    }

    /** How a flush ended. */
    public enum Outcome {
        /** Every file is written and durable: the checkpoint may pass the flush's last record. */
        WRITTEN,
        /** The archiver began stopping before every file was written: no checkpoint may pass these records. */
        STOPPED
    }

    public Outcome write(ArchiveBuffer.Flush flush) {
        for (ArchiveFile file : flush.files()) {
            if (!writeUntilDone(file)) {
                return Outcome.STOPPED;
            }
        }
        return Outcome.WRITTEN;
    }

    private boolean writeUntilDone(ArchiveFile file) {
        for (int attempt = 0; ; attempt++) {
            Exception failure;
            try {
                metrics.written(file, sink.write(file));
                if (attempt > 0) {
                    LOG.info(
                            "archive file of shard {} ({} records) written after {} failed attempts",
                            file.shardId(),
                            file.records().size(),
                            attempt);
                }
                return true;
            } catch (IOException | RuntimeException e) {
                failure = e;
                metrics.failed();
            }
            if (stopping.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                LOG.warn(
                        "archive file of shard {} ({} records) not written while stopping ({}); the next run reads"
                                + " them again",
                        file.shardId(),
                        file.records().size(),
                        failure.toString());
                return false;
            }
            Duration wait = backoff(attempt);
            if (attempt % LOG_EVERY == 0) {
                LOG.error(
                        "archive file of shard {} ({} records) not written ({}); attempt {}, trying again in {} ms"
                                + " (the shard waits until it is written)",
                        file.shardId(),
                        file.records().size(),
                        failure.toString(),
                        attempt + 1,
                        wait.toMillis());
            }
            sleeper.pause(wait);
        }
    }

    static Duration backoff(int attempt) {
        return Duration.ofMillis(Math.min(MAX_BACKOFF.toMillis(), FIRST_BACKOFF.toMillis() << Math.min(attempt, 10)));
    }
}
