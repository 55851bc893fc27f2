package io.liveinsight.processor.archive;

import java.io.IOException;

/**
 * Where archive files go (docs/contract/archive.md#layout). A write is all or nothing and durable when it returns:
 * a reader never sees part of a file, and what was written survives a crash of the process or the machine.
 */
public interface ArchiveSink {

    /**
     * Writes one file: each record's data followed by {@code \n}, gzip, under the file's partition.
     *
     * @return where it went and its size
     * @throws IOException when it could not be written; nothing of it is visible then
     */
    Written write(ArchiveFile file) throws IOException;

    /**
     * One file written.
     *
     * @param name its path under the archive's root, e.g. {@code dt=2026-12-06/hour=09/<name>.ndjson.gz}
     * @param bytes its size (compressed)
     */
    record Written(String name, long bytes) {}
}
