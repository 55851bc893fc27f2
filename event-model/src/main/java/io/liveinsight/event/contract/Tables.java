package io.liveinsight.event.contract;

import static io.liveinsight.event.contract.ItemAttributes.EVENT_ID;
import static io.liveinsight.event.contract.ItemAttributes.EXPIRES_AT;
import static io.liveinsight.event.contract.ItemAttributes.LAST_ACTIVITY;
import static io.liveinsight.event.contract.ItemAttributes.REPLAY_RUN;
import static io.liveinsight.event.contract.ItemAttributes.SESSION_ID;
import static io.liveinsight.event.contract.ItemAttributes.START_TIME;
import static io.liveinsight.event.contract.ItemAttributes.TIMESTAMP;
import static io.liveinsight.event.contract.ItemAttributes.USER_ID;

import io.liveinsight.event.contract.IndexSchema.Projection;
import java.util.List;
import java.util.Optional;

/**
 * The five tables of docs/contract/tables.md, written once: the CDK app, the local engines, the processor, the
 * dashboard and the load tests all read them from here. Change a key, an index or the TTL attribute here and nowhere
 * else; the parity test (infrastructure) fails if the synthesized template and the local tables disagree.
 */
public final class Tables {

    /** Events and Sessions: a user's items by time. */
    public static final String USER_INDEX = "UserIndex";
    /** Events: a session's events by time. */
    public static final String SESSION_INDEX = "SessionIndex";
    /**
     * Sessions: a replay run's sessions by last activity. Sparse: only replayed sessions carry {@code replay_run}, so
     * live writes cost it nothing; it is how a run's active sessions are read, ActiveSessions holding live ones only
     * (docs/contract/replay.md#where-a-run-shows).
     */
    public static final String REPLAY_INDEX = "ReplayIndex";
    /**
     * ActiveSessions: one site's active sessions, newest first (docs/contract/sites.md#isolation). Keys only, sorted by
     * {@code start_time}, which a session's updates leave alone: an item costs the index a write when it is created
     * and when it expires, not on every event.
     */
    public static final String SITE_INDEX = "SiteIndex";

    /** One item per event, keyed by its id and time; the ledger of stored event ids. */
    public static final TableSchema EVENTS = new TableSchema(
            "Events",
            KeyAttribute.string(EVENT_ID),
            Optional.of(KeyAttribute.number(TIMESTAMP)),
            List.of(
                    new IndexSchema(
                            USER_INDEX, KeyAttribute.string(USER_ID), KeyAttribute.number(TIMESTAMP), Projection.ALL),
                    new IndexSchema(
                            SESSION_INDEX,
                            KeyAttribute.string(SESSION_ID),
                            KeyAttribute.number(TIMESTAMP),
                            Projection.ALL)),
            Optional.empty(),
            true);

    /**
     * One item per session segment. The indexes are keys only: a session is rewritten on every batch, and an index
     * whose projected attributes do not change costs no write; readers fetch the items by key. The user index's keys
     * never change; the replay index's sort key moves with the session's last activity (a small delete and put in the
     * index per update of a replayed session, nothing for a live one).
     */
    public static final TableSchema SESSIONS = new TableSchema(
            "Sessions",
            KeyAttribute.string(SESSION_ID),
            Optional.empty(),
            List.of(
                    new IndexSchema(
                            USER_INDEX,
                            KeyAttribute.string(USER_ID),
                            KeyAttribute.number(START_TIME),
                            Projection.KEYS_ONLY),
                    new IndexSchema(
                            REPLAY_INDEX,
                            KeyAttribute.string(REPLAY_RUN),
                            KeyAttribute.number(LAST_ACTIVITY),
                            Projection.KEYS_ONLY)),
            Optional.empty(),
            true);

    /** The live view: one item per session active in the last 30 minutes, expiring by TTL; rebuilt from Sessions. */
    public static final TableSchema ACTIVE_SESSIONS = new TableSchema(
            "ActiveSessions",
            KeyAttribute.string(SESSION_ID),
            Optional.empty(),
            List.of(new IndexSchema(
                    SITE_INDEX,
                    KeyAttribute.string(ItemAttributes.SITE),
                    KeyAttribute.number(START_TIME),
                    Projection.KEYS_ONLY)),
            Optional.of(EXPIRES_AT),
            false);

    /**
     * Rollups (docs/contract/tables.md#stats): one item per site, UTC hour (or day) and stream shard, counted by that
     * shard's processor alone; readers query one bucket's partition and merge its shards. Hour items (with their
     * minute slots) expire 400 days after their hour by TTL; day items are kept.
     */
    public static final TableSchema STATS = new TableSchema(
            "Stats",
            KeyAttribute.string(ItemAttributes.STATS_KEY),
            Optional.of(KeyAttribute.string(ItemAttributes.STATS_SHARD)),
            List.of(),
            Optional.of(EXPIRES_AT),
            true);

    /**
     * The sites registry (docs/contract/sites.md#registry): site items, key items (by the key's SHA-256) and the shared
     * budgets' lease items, which expire by TTL. Backed up: it holds the sites' settings and key hashes.
     */
    public static final TableSchema SITES = new TableSchema(
            "Sites",
            KeyAttribute.string(ItemAttributes.SITES_KEY),
            Optional.empty(),
            List.of(),
            Optional.of(EXPIRES_AT),
            true);

    private Tables() {}

    public static List<TableSchema> all() {
        return List.of(EVENTS, SESSIONS, ACTIVE_SESSIONS, STATS, SITES);
    }
}
