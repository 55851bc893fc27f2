package io.liveinsight.processor.archive;

import java.util.List;

/**
 * What one file of the archive holds: records of one shard that arrived in one UTC hour, in stream order.
 *
 * @param shardId the shard they were read from
 * @param partition their hour's folder, {@code dt=YYYY-MM-DD/hour=HH/} ({@code ArchiveLayout.partition})
 * @param records one line each
 */
public record ArchiveFile(String shardId, String partition, List<ArchiveRecord> records) {

    public ArchiveFile {
        records = List.copyOf(records);
        if (records.isEmpty()) {
            throw new IllegalArgumentException("an archive file holds at least one record");
        }
    }

    /** The file's size before compression. */
    public long lineBytes() {
        return records.stream().mapToLong(ArchiveRecord::lineBytes).sum();
    }
}
