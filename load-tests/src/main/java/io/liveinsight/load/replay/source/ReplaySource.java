package io.liveinsight.load.replay.source;

import java.io.IOException;

/**
 * Recorded traffic to replay: an archive folder or S3 prefix, an NDJSON recording, a HAR file, or the generator. A
 * source never fails on its content (a bad line, a truncated file, a body that is not JSON are {@link Skipped} with
 * the reason); only a source that cannot be read at all (no such file, access denied) throws.
 */
public interface ReplaySource {

    SourceRead read() throws IOException;
}
