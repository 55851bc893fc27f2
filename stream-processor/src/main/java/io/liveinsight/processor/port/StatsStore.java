package io.liveinsight.processor.port;

import io.liveinsight.processor.domain.stats.Contribution;
import java.util.List;

/** The Stats table (docs/contract/tables.md#stats): rollups, one item per key and shard. */
public interface StatsStore {

    /** For deployments and tests that keep no rollups. */
    StatsStore NONE = contributions -> {};

    /**
     * Adds each contribution to its item exactly once: an item counts a record when its mark is at or past the
     * record's sequence number, so a replayed record (a crash, a handover, a Lambda retry) changes nothing.
     *
     * @throws StoreUnavailableException when the table cannot be written now; repeating the call is safe
     */
    void add(List<Contribution> contributions);
}
