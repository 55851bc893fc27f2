package io.liveinsight.processor.archive;

import io.liveinsight.event.archive.ArchiveLayout;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One shard's records on their way to the archive, in stream order, and the rule for when they go
 * ({@link ArchivePolicy}): due once they hold {@code maxBytes} or the first of them has waited {@code maxAge} (by the
 * injected time, never the wall clock). A flush takes everything, as one file per arrival hour: whoever checkpoints
 * after writing it may checkpoint at {@link Flush#last()}. Not thread-safe: one shard's processor owns it.
 */
public final class ArchiveBuffer {

    private final String shardId;
    private final ArchivePolicy policy;
    private final List<ArchiveRecord> records = new ArrayList<>();
    private long bytes;
    private Instant firstAddedAt;
    private Instant oldestArrival;

    public ArchiveBuffer(String shardId, ArchivePolicy policy) {
        this.shardId = shardId;
        this.policy = policy;
    }

    /** Takes a record read from the shard at {@code now}. */
    public void add(ArchiveRecord record, Instant now) {
        if (records.isEmpty()) {
            firstAddedAt = now;
        }
        if (oldestArrival == null || record.arrival().isBefore(oldestArrival)) {
            oldestArrival = record.arrival();
        }
        records.add(record);
        bytes += record.lineBytes();
    }

    /** True once the buffer holds {@code maxBytes}, or its first record has waited {@code maxAge} at {@code now}. */
    public boolean isDue(Instant now) {
        if (records.isEmpty()) {
            return false;
        }
        return bytes >= policy.maxBytes() || Duration.between(firstAddedAt, now).compareTo(policy.maxAge()) >= 0;
    }

    public boolean isEmpty() {
        return records.isEmpty();
    }

    public int size() {
        return records.size();
    }

    /** Record data held, with a newline per record, before compression. */
    public long bytes() {
        return bytes;
    }

    /** The earliest arrival time of the records held; null when empty. */
    public Instant oldestArrival() {
        return oldestArrival;
    }

    /** Everything held, as one file per arrival hour (in the order the hours first appear), and empties the buffer. */
    public Flush drain() {
        if (records.isEmpty()) {
            throw new IllegalStateException("nothing to flush");
        }
        Map<String, List<ArchiveRecord>> byHour = new LinkedHashMap<>();
        for (ArchiveRecord record : records) {
            byHour.computeIfAbsent(ArchiveLayout.partition(record.arrival()), hour -> new ArrayList<>())
                    .add(record);
        }
        List<ArchiveFile> files = new ArrayList<>();
        byHour.forEach((partition, held) -> files.add(new ArchiveFile(shardId, partition, held)));
        Flush flush = new Flush(files, records.getLast(), records.size(), bytes);
        discard();
        return flush;
    }

    /** Forgets everything held (the lease is gone: the next owner reads it again from the last checkpoint). */
    public void discard() {
        records.clear();
        bytes = 0;
        firstAddedAt = null;
        oldestArrival = null;
    }

    /**
     * What one flush writes.
     *
     * @param files one per arrival hour
     * @param last the last record in stream order: once every file is written, the checkpoint may pass it
     * @param records how many records in all
     * @param bytes their data with newlines, before compression
     */
    public record Flush(List<ArchiveFile> files, ArchiveRecord last, int records, long bytes) {

        public Flush {
            files = List.copyOf(files);
        }
    }
}
