package io.liveinsight.load.replay.source;

/**
 * Where a request was read: a file (or object) and its line, or a HAR file and its entry. Shown in the report, and the
 * seed of the deterministic ids an event without one gets ({@link MissingIds}).
 *
 * @param source the file's name (an archive object: its key under the archive's root, so a folder and a bucket with
 *     the same layout give the same ids)
 * @param line the 1-based line, or the HAR entry's index
 */
public record Origin(String source, long line) {

    public Origin {
        if (source == null || line < 0) {
            throw new IllegalArgumentException("an origin has a source and a non-negative line");
        }
    }

    @Override
    public String toString() {
        return source + ":" + line;
    }
}
