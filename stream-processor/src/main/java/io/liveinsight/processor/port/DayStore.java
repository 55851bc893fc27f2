package io.liveinsight.processor.port;

import io.liveinsight.event.stats.StatsKey;
import java.util.Map;

/**
 * The day items of the Stats table (docs/contract/tables.md#day-items): per UTC day and shard, open while the day's
 * hour items may still change, final once it is their sum. Every write is conditional on the item's revision, and a
 * final item is a pure function of the hour items, so any process may write any shard's day item, any number of
 * times.
 *
 * <p>Every method throws {@link StoreUnavailableException} when the table cannot be read or written now; repeating
 * the call is safe.
 */
public interface DayStore {

    /** The shards with a day item of {@code day}, each with whether it is final (an eventually consistent read). */
    Map<String, Boolean> items(StatsKey day);

    /**
     * Makes sure the shard's item of {@code day} exists and is open, before the shard writes an hour of it: puts an
     * open item where there is none, reopens a final one, leaves an open one.
     */
    void open(String shardId, StatsKey day);

    /**
     * Makes the shard's item of {@code day} final and the sum of its 24 hour items, unless it already is; writes
     * nothing when the shard has neither a day item nor an hour item that day.
     *
     * @return true if it wrote the item
     */
    boolean finish(String shardId, StatsKey day);
}
