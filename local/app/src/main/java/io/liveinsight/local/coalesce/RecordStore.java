package io.liveinsight.local.coalesce;

import io.liveinsight.ingest.adapter.kinesis.KinesisEventPublisher;
import io.liveinsight.ingest.adapter.kinesis.RecordPacker.PackedRecord;
import io.liveinsight.ingest.adapter.kinesis.StoreOutcome;
import java.time.Instant;
import java.util.List;

/**
 * Stores records on the stream and says which are stored: {@link KinesisEventPublisher#store} (its packing limits,
 * retries of refused entries and time budget), or a fake in tests.
 */
@FunctionalInterface
public interface RecordStore {

    /** Returns by about {@code deadline} with one result per record, in the order given. */
    StoreOutcome store(List<PackedRecord> records, Instant deadline);
}
