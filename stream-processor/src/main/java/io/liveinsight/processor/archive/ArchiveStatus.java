package io.liveinsight.processor.archive;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The local archiver right now, for {@code /health}: healthy while it runs and no shard's records have waited
 * unwritten past the threshold (a flush age plus a margin), so a shard that stops advancing while records wait shows.
 *
 * @param processing its KCL application has started and is not shutting down
 * @param stuckShards shards whose oldest unwritten records have waited past the threshold, sorted
 * @param oldestUnwrittenRecordMillis how long the oldest record read and not yet in a file has been on the stream
 * @param millisBehindLatest how far its reads are behind the stream's tip, the largest over its shards
 * @param recordsWritten records written to files since start
 */
public record ArchiveStatus(
        boolean processing,
        List<String> stuckShards,
        long oldestUnwrittenRecordMillis,
        long millisBehindLatest,
        long recordsWritten) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public ArchiveStatus {
        stuckShards = List.copyOf(stuckShards);
    }

    public boolean healthy() {
        return processing && stuckShards.isEmpty();
    }

    /**
     * {@code {"stuck":[],"oldest_unwritten_record_ms":0,"millis_behind_latest":0,"records_written":12}}: the
     * {@code archive} object of the local stack's {@code /health}.
     */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        stuckShards.forEach(root.putArray("stuck")::add);
        root.put("oldest_unwritten_record_ms", oldestUnwrittenRecordMillis);
        root.put("millis_behind_latest", millisBehindLatest);
        root.put("records_written", recordsWritten);
        return root.toString();
    }
}
