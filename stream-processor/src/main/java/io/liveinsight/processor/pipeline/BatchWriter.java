package io.liveinsight.processor.pipeline;

import io.liveinsight.event.Event;
import io.liveinsight.event.EventCodec;
import io.liveinsight.event.time.Sleeper;
import io.liveinsight.processor.concurrent.Parallel;
import io.liveinsight.processor.domain.PositionedEvent;
import io.liveinsight.processor.domain.SessionKey;
import io.liveinsight.processor.domain.stats.Contribution;
import io.liveinsight.processor.domain.stats.RollupUpdate;
import io.liveinsight.processor.domain.stats.RunSpan;
import io.liveinsight.processor.domain.stats.StatsRules;
import io.liveinsight.processor.port.DeadLetters;
import io.liveinsight.processor.port.DeadLetters.DeadLetter;
import io.liveinsight.processor.port.EventStore;
import io.liveinsight.processor.port.EventStore.Ledger;
import io.liveinsight.processor.port.RejectedEventsException;
import io.liveinsight.processor.port.SessionStore;
import io.liveinsight.processor.port.SessionStore.Snapshot;
import io.liveinsight.processor.port.StatsStore;
import io.liveinsight.processor.port.StoreMisconfiguredException;
import io.liveinsight.processor.port.StoreUnavailableException;
import io.liveinsight.processor.port.StreamMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one batch durably: dead letters first, then the Events ledger (side by side), then the rollups (planned
 * from every client session id's stored state, read side by side), then every client session id of the batch (side
 * by side, bounded). Rollups go before sessions so that a crash between them replays the batch from the same stored
 * sessions: the same changes, which the rollup items' marks then skip. This is the one retry layer of the write path above the per-table
 * {@code TableGuard}: a store that is unavailable (transient, or misconfigured: reported, never dead-lettered) is
 * retried for as long as it takes, unless the consumer is stopping, in which case the batch is left unacknowledged
 * for the next lease owner to replay. Events a store refuses for good, and a session whose write fails
 * deterministically (a bug, an item that can never be written), go to the dead letters with the reason, so one bad
 * session never holds up the others.
 *
 * <p>A batch is grouped by {@link SessionKey}: the site and the client session id (docs/contract/sites.md#isolation),
 * so two sites' sessions with the same id are two sessions, and the session store, the rollups and the dead letters
 * all know a session by its stored key.
 */
public final class BatchWriter {

    private static final Logger LOG = LoggerFactory.getLogger(BatchWriter.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final EventStore events;
    private final SessionStore sessions;
    private final DeadLetters deadLetters;
    private final Parallel parallel;
    private final StreamMetrics metrics;
    private final BooleanSupplier stopping;
    private final Sleeper sleeper;
    private final StatsStore stats;
    private final StatsRules rules;
    private final EventCodec codec = new EventCodec();

    /** A writer that keeps no rollups. */
    public BatchWriter(
            EventStore events,
            SessionStore sessions,
            DeadLetters deadLetters,
            Parallel parallel,
            StreamMetrics metrics,
            BooleanSupplier stopping,
            Sleeper sleeper) {
        this(events, sessions, StatsStore.NONE, null, deadLetters, parallel, metrics, stopping, sleeper);
    }

    /** @param rules how rollups count; null with {@link StatsStore#NONE} */
    public BatchWriter(
            EventStore events,
            SessionStore sessions,
            StatsStore stats,
            StatsRules rules,
            DeadLetters deadLetters,
            Parallel parallel,
            StreamMetrics metrics,
            BooleanSupplier stopping,
            Sleeper sleeper) {
        this.stats = stats;
        this.rules = rules;
        this.events = events;
        this.sessions = sessions;
        this.deadLetters = deadLetters;
        this.parallel = parallel;
        this.metrics = metrics;
        this.stopping = stopping;
        this.sleeper = sleeper;
    }

    /** True once the consumer began stopping: unstored batches are then left for the next lease owner. */
    public boolean stopping() {
        return stopping.getAsBoolean();
    }

    /**
     * Stores the poison records as dead letters, then the events; true once all of it is durable, false if the
     * consumer began stopping first.
     */
    public boolean write(List<PositionedEvent> batch, List<DeadLetter> poison) {
        if (!deadLetter(poison)) {
            return false;
        }
        if (batch.isEmpty()) {
            return true;
        }
        Ledger ledger = retrying(() -> events.store(batch));
        if (ledger == null) {
            return false;
        }
        List<DeadLetter> refused = new ArrayList<>();
        if (!ledger.refused().isEmpty()) {
            refused.addAll(letters("Events table refused: " + ledger.reason(), ledger.refused()));
        }
        Map<String, List<PositionedEvent>> bySession = new LinkedHashMap<>();
        ledger.owned().forEach(e -> bySession
                .computeIfAbsent(SessionKey.of(e.event()).value(), key -> new ArrayList<>())
                .add(e));
        List<Map.Entry<String, List<PositionedEvent>>> sessionsOfBatch = List.copyOf(bySession.entrySet());
        List<Snapshot> snapshots = rollUp(sessionsOfBatch);
        if (snapshots == null) {
            return false;
        }
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < sessionsOfBatch.size(); i++) {
            indexes.add(i);
        }
        List<List<DeadLetter>> outcomes = parallel.map(
                indexes,
                i -> apply(
                        sessionsOfBatch.get(i).getKey(), sessionsOfBatch.get(i).getValue(), snapshots.get(i)));
        for (List<DeadLetter> outcome : outcomes) {
            if (outcome == null) {
                return false;
            }
            refused.addAll(outcome);
        }
        return deadLetter(refused);
    }

    /**
     * Reads every session of the batch, plans the rollups' changes from what is stored and writes them (a replayed event
     * or session under its run's site), then widens the runs items of the replay runs stored; returns what was read
     * (for the session writes to start from), or null if the consumer began stopping first. Without rollups, reads
     * nothing.
     */
    private List<Snapshot> rollUp(List<Map.Entry<String, List<PositionedEvent>>> sessionsOfBatch) {
        if (stats == StatsStore.NONE) {
            return sessionsOfBatch.stream().map(s -> Snapshot.UNKNOWN).toList();
        }
        List<Snapshot> snapshots =
                parallel.map(sessionsOfBatch, session -> retrying(() -> sessions.read(session.getKey())));
        if (snapshots.contains(null)) {
            return null;
        }
        List<Contribution> contributions = new ArrayList<>();
        for (int i = 0; i < sessionsOfBatch.size(); i++) {
            List<PositionedEvent> inStreamOrder = sessionsOfBatch.get(i).getValue().stream()
                    .sorted(Comparator.comparing(e -> e.position().order()))
                    .toList();
            contributions.addAll(RollupUpdate.of(
                    snapshots.get(i).session(), sessionsOfBatch.get(i).getKey(), inStreamOrder, rules));
        }
        if (!contributions.isEmpty()
                && retrying(() -> {
                            stats.add(contributions);
                            return Boolean.TRUE;
                        })
                        == null) {
            return null;
        }
        List<RunSpan> runs = RunSpan.of(sessionsOfBatch.stream()
                .flatMap(session -> session.getValue().stream())
                .map(PositionedEvent::event)
                .toList());
        if (!runs.isEmpty()
                && retrying(() -> {
                            stats.seen(runs);
                            return Boolean.TRUE;
                        })
                        == null) {
            return null;
        }
        return snapshots;
    }

    /** Dead letters for what the session store refused (empty when all stored); null if the consumer stopped. */
    private List<DeadLetter> apply(String sessionKey, List<PositionedEvent> events, Snapshot read) {
        try {
            return retrying(() -> {
                sessions.apply(sessionKey, events, read);
                return List.of();
            });
        } catch (RejectedEventsException e) {
            return letters(e.getMessage(), e.rejected());
        } catch (RuntimeException e) {
            // Deterministic: the same data would fail the same way again. Set it aside and let the shard move on.
            LOG.error("session write failed deterministically; its events go to the dead letters", e);
            return letters(
                    "session write failed: " + e.getClass().getName() + ": " + e.getMessage(),
                    events.stream().map(PositionedEvent::event).toList());
        }
    }

    /**
     * Sends letters as they are (a whole batch set aside after a deterministic failure), retrying an unavailable
     * dead-letter stream like every write; true once durable, false if the consumer began stopping first.
     */
    public boolean deadLetter(List<DeadLetter> letters) {
        return letters.isEmpty()
                || retrying(() -> {
                            deadLetters.send(letters);
                            return Boolean.TRUE;
                        })
                        != null;
    }

    private List<DeadLetter> letters(String reason, List<Event> rejected) {
        LOG.error("{} ({} events); sending them to the dead letters", reason, rejected.size());
        Map<String, List<Event>> bySession = new LinkedHashMap<>();
        rejected.forEach(e -> bySession
                .computeIfAbsent(SessionKey.of(e).value(), key -> new ArrayList<>()) // as the edge keyed the record
                .add(e));
        return bySession.entrySet().stream()
                .map(session -> new DeadLetter(session.getKey(), "", reason, codec.encode(session.getValue())))
                .toList();
    }

    /** The write's result once it succeeds; null if the consumer began stopping first. */
    private <T> T retrying(Supplier<T> write) {
        String misconfiguredTable = null;
        for (int attempt = 0; ; attempt++) {
            if (stopping.getAsBoolean()) {
                return null;
            }
            try {
                T result = Objects.requireNonNull(write.get());
                if (misconfiguredTable != null) {
                    metrics.storeRecovered(misconfiguredTable);
                }
                return result;
            } catch (StoreUnavailableException e) {
                if (e instanceof StoreMisconfiguredException misconfigured) {
                    misconfiguredTable = misconfigured.table();
                    metrics.storeMisconfigured(misconfiguredTable, e.getMessage());
                }
                Duration wait = backoff(attempt);
                LOG.warn(
                        "store unavailable ({}); attempt {} failed, retrying in {} ms",
                        e.getMessage(),
                        attempt + 1,
                        wait.toMillis());
                sleeper.pause(wait);
            }
        }
    }

    private static Duration backoff(int attempt) {
        long cap = Math.min(MAX_BACKOFF.toMillis(), 50L << Math.min(attempt, 10));
        return Duration.ofMillis(cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1));
    }
}
