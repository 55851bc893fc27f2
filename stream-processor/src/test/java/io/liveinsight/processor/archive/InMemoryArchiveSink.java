package io.liveinsight.processor.archive;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** An {@link ArchiveSink} that keeps the files it is given, and fails the next {@link #failNext} attempts. */
public final class InMemoryArchiveSink implements ArchiveSink {

    public final List<ArchiveFile> files = new ArrayList<>();
    public final AtomicInteger attempts = new AtomicInteger();
    /** Attempts still to fail; negative: fail every one. */
    public volatile int failNext;

    @Override
    public Written write(ArchiveFile file) throws IOException {
        attempts.incrementAndGet();
        if (failNext != 0) {
            if (failNext > 0) {
                failNext--;
            }
            throw new IOException("No space left on device");
        }
        files.add(file);
        return new Written(file.partition() + "file-" + files.size() + ".ndjson.gz", file.lineBytes() / 2);
    }

    /** Every record written, in the order written. */
    public List<String> sequenceNumbers() {
        return files.stream()
                .flatMap(file -> file.records().stream())
                .map(ArchiveRecord::sequenceNumber)
                .toList();
    }
}
