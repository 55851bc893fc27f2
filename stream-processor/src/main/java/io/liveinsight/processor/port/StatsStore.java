package io.liveinsight.processor.port;

import io.liveinsight.processor.domain.stats.Contribution;
import io.liveinsight.processor.domain.stats.RunSpan;
import java.util.List;
import java.util.Set;

/** The Stats table (docs/contract/tables.md#stats): rollups, one item per key and shard; and the replay runs items. */
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

    /**
     * Widens each replay run's runs item to include its span (docs/contract/replay.md#where-a-run-shows): the item's
     * {@code first_at} never goes up, its {@code last_at} never down. Keeps nothing by default.
     *
     * @throws StoreUnavailableException when the table cannot be written now; repeating the call is safe
     */
    default void seen(List<RunSpan> spans) {}

    /**
     * The replay runs of {@code site} whose {@code last_at} is at or after {@code sinceMillis} (the day finalizer's
     * sweeps look at their sites' day items too). None by default.
     *
     * @throws StoreUnavailableException when the table cannot be read now
     */
    default List<String> runsSince(String site, long sinceMillis) {
        return List.of();
    }

    /**
     * Records that this process counted {@code liveSites} at {@code atMillis} (docs/contract/tables.md#sites-items): a
     * site's {@code last_at} never moves back. The day finalizer's sweeps read them ({@link #sitesSince}) to know whose
     * days to finish. Keeps nothing by default.
     *
     * @throws StoreUnavailableException when the table cannot be written now; repeating the call is safe
     */
    default void counted(Set<String> liveSites, long atMillis) {}

    /**
     * The live sites recorded at or after {@code sinceMillis}. None by default.
     *
     * @throws StoreUnavailableException when the table cannot be read now
     */
    default List<String> sitesSince(long sinceMillis) {
        return List.of();
    }
}
