package io.liveinsight.load.replay.source;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Where an archive's objects are (docs/contract/archive.md#layout): a local folder or an S3 prefix. Names are relative
 * to the archive's root, with {@code /} separators ({@code dt=2026-12-06/hour=09/part-0001.ndjson.gz}).
 */
public interface ArchiveStore {

    /** What the store is, for messages and the report ({@code s3://bucket/prefix/}). */
    String describe();

    /** The names of the {@code *.ndjson.gz} objects under {@code prefix} ("" for all), sorted. */
    List<String> list(String prefix) throws IOException;

    /** The object's bytes (still gzip). */
    InputStream open(String name) throws IOException;
}
