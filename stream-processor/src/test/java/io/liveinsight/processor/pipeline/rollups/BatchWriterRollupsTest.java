package io.liveinsight.processor.pipeline.rollups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liveinsight.event.Event;
import io.liveinsight.event.stats.Resolution;
import io.liveinsight.event.stats.Rollup;
import io.liveinsight.event.stats.StatsKey;
import io.liveinsight.processor.concurrent.Parallel;
import io.liveinsight.processor.domain.PositionedEvent;
import io.liveinsight.processor.domain.RecordPosition;
import io.liveinsight.processor.domain.stats.Contribution;
import io.liveinsight.processor.domain.stats.RunSpan;
import io.liveinsight.processor.domain.stats.StatsTestRules;
import io.liveinsight.processor.metrics.InMemoryStreamMetrics;
import io.liveinsight.processor.pipeline.BatchWriter;
import io.liveinsight.processor.port.EventStore;
import io.liveinsight.processor.port.SessionStore;
import io.liveinsight.processor.port.StatsStore;
import io.liveinsight.processor.port.StoreUnavailableException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The batch writer's order with rollups (stream-processor/README.md#rollups): the Events ledger,
 * one read of each session, the rollups, then the sessions from what was read; a failure after the rollups leaves
 * the batch to come again, and it is counted once.
 */
class BatchWriterRollupsTest {

    private static final long NOON = Instant.parse("2026-12-05T12:00:00Z").toEpochMilli();

    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final List<PositionedEvent> batch = List.of(
            at(1, 0, event("a", "s1", NOON)),
            at(1, 1, event("b", "s2", NOON + 60_000)),
            at(2, 0, event("c", "s1", NOON + 120_000)));

    @Test
    void write_whenRollupsAreKept_writesThemAfterTheLedgerAndBeforeTheSessionsFromOneReadOfEach() {
        EventStore ledger = events -> {
            log.add("ledger");
            return new EventStore.Ledger(events, List.of(), null);
        };
        SessionStore sessions = new SessionStore() {
            @Override
            public Snapshot read(String clientSessionId) {
                log.add("read " + clientSessionId);
                return new Snapshot(null, "read of " + clientSessionId);
            }

            @Override
            public void apply(String clientSessionId, List<PositionedEvent> events) {
                throw new AssertionError("the writer must hand back what it read");
            }

            @Override
            public void apply(String clientSessionId, List<PositionedEvent> events, Snapshot read) {
                log.add("session " + clientSessionId + " from " + read.state());
            }
        };
        StatsStore stats = contributions -> log.add("rollups");

        assertThat(writer(ledger, sessions, stats).write(batch, List.of())).isTrue();

        assertThat(log.subList(0, 1)).containsExactly("ledger");
        assertThat(log.subList(1, 3)).containsExactlyInAnyOrder("read s1", "read s2");
        assertThat(log.subList(3, 4)).containsExactly("rollups");
        assertThat(log.subList(4, 6))
                .containsExactlyInAnyOrder("session s1 from read of s1", "session s2 from read of s2");
    }

    @Test
    void write_whenTheSessionStoreFailsAfterTheRollups_countsTheBatchOnceWhenItComesAgain() {
        Map<StatsKey, Rollup> once = cleanRun();
        Fault[] none = {Fault.NONE};
        InMemoryStats stats = new InMemoryStats(() -> none[0], new Random(3));
        InMemorySessionStore memory = new InMemorySessionStore(() -> none[0], new Random(3));
        AtomicInteger writes = new AtomicInteger();
        boolean[] failing = {true};
        SessionStore diesAfterOne = new SessionStore() {
            @Override
            public Snapshot read(String clientSessionId) {
                return memory.read(clientSessionId);
            }

            @Override
            public void apply(String clientSessionId, List<PositionedEvent> events) {
                apply(clientSessionId, events, Snapshot.UNKNOWN);
            }

            @Override
            public void apply(String clientSessionId, List<PositionedEvent> events, Snapshot read) {
                if (failing[0] && writes.incrementAndGet() > 1) {
                    throw new Crash("after one session");
                }
                memory.apply(clientSessionId, events, read);
            }
        };
        BatchWriter writer = writer(new InMemoryLedger(() -> none[0]), diesAfterOne, stats);

        assertThatThrownBy(() -> writer.write(batch, List.of())).isInstanceOf(Crash.class);
        assertThat(stats.read()).isEqualTo(once); // the rollups were written before the sessions
        failing[0] = false;
        assertThat(writer.write(batch, List.of())).isTrue(); // KCL gives the records again
        assertThat(writer.write(batch.subList(2, 3), List.of())).isTrue(); // and the second record alone

        assertThat(stats.read()).isEqualTo(once);
    }

    @Test
    void write_whenTheSessionStoreIsUnavailableForAWhile_retriesTheSessionsAloneAndWritesTheRollupsOnce() {
        AtomicInteger rollupWrites = new AtomicInteger();
        Fault[] none = {Fault.NONE};
        InMemoryStats stats = new InMemoryStats(() -> none[0], new Random(1));
        StatsStore counting = contributions -> {
            rollupWrites.incrementAndGet();
            stats.add(contributions);
        };
        InMemorySessionStore memory = new InMemorySessionStore(() -> none[0], new Random(1));
        AtomicInteger failures = new AtomicInteger(3);
        SessionStore flaky = new SessionStore() {
            @Override
            public Snapshot read(String clientSessionId) {
                return memory.read(clientSessionId);
            }

            @Override
            public void apply(String clientSessionId, List<PositionedEvent> events) {
                apply(clientSessionId, events, Snapshot.UNKNOWN);
            }

            @Override
            public void apply(String clientSessionId, List<PositionedEvent> events, Snapshot read) {
                if (failures.getAndDecrement() > 0) {
                    throw new StoreUnavailableException("throttled", null);
                }
                memory.apply(clientSessionId, events, read);
            }
        };

        assertThat(writer(new InMemoryLedger(() -> none[0]), flaky, counting).write(batch, List.of()))
                .isTrue();

        assertThat(rollupWrites).hasValue(1);
        assertThat(stats.read()).isEqualTo(cleanRun());
    }

    @Test
    void write_whenABatchMixesLiveEventsAndTwoRuns_writesEachSitesHourItemsInOneAdd_andEachRunsSpan() {
        List<List<Contribution>> adds = new ArrayList<>();
        List<List<RunSpan>> seen = new ArrayList<>();
        StatsStore stats = new StatsStore() {
            @Override
            public void add(List<Contribution> contributions) {
                adds.add(contributions);
            }

            @Override
            public void seen(List<RunSpan> spans) {
                seen.add(spans);
            }
        };
        Fault[] none = {Fault.NONE};
        List<PositionedEvent> mixed = List.of(
                at(1, 0, event("a", "s1", NOON)),
                at(2, 0, replayed(event("b", "r~run-a~x", NOON + 60_000), "run-a")),
                at(2, 1, replayed(event("c", "r~run-a~x", NOON + 90_000), "run-a")),
                at(3, 0, replayed(event("d", "r~run-b~y", NOON + 120_000), "run-b")));

        assertThat(writer(
                                new InMemoryLedger(() -> none[0]),
                                new InMemorySessionStore(() -> none[0], new Random(1)),
                                stats)
                        .write(mixed, List.of()))
                .isTrue();

        assertThat(adds).hasSize(1);
        assertThat(adds.get(0))
                .extracting(c -> c.key().site())
                .containsOnly("default", "default~replay~run-a", "default~replay~run-b");
        assertThat(seen)
                .containsExactly(List.of(
                        new RunSpan("default", "run-a", NOON + 60_000, NOON + 90_000),
                        new RunSpan("default", "run-b", NOON + 120_000, NOON + 120_000)));
    }

    @Test
    void write_whenTheBatchIsLiveOnly_widensNoRun() {
        List<String> calls = new ArrayList<>();
        StatsStore stats = new StatsStore() {
            @Override
            public void add(List<Contribution> contributions) {
                calls.add("add");
            }

            @Override
            public void seen(List<RunSpan> spans) {
                calls.add("seen");
            }
        };
        Fault[] none = {Fault.NONE};

        writer(new InMemoryLedger(() -> none[0]), new InMemorySessionStore(() -> none[0], new Random(1)), stats)
                .write(batch, List.of());

        assertThat(calls).containsExactly("add");
    }

    /** The rollups of the batch written once, without faults. */
    private Map<StatsKey, Rollup> cleanRun() {
        Fault[] none = {Fault.NONE};
        InMemoryStats stats = new InMemoryStats(() -> none[0], new Random(1));
        BatchWriter writer = writer(
                new InMemoryLedger(() -> none[0]), new InMemorySessionStore(() -> none[0], new Random(1)), stats);
        assertThat(writer.write(batch, List.of())).isTrue();
        Map<StatsKey, Rollup> rollups = stats.read();
        StatsKey noon = StatsKey.of(StatsKey.DEFAULT_SITE, Resolution.HOUR, NOON);
        assertThat(rollups).as("one hour item: the batch's hour").containsOnlyKeys(noon);
        assertThat(rollups.get(noon).totals().sessions()).as("two sessions").isEqualTo(2);
        assertThat(rollups.get(noon).totals().events()).as("three events").isEqualTo(3);
        assertThat(rollups.get(noon).minute(0).sessions())
                .as("s1 started at 12:00")
                .isEqualTo(1);
        assertThat(rollups.get(noon).minute(1).sessions())
                .as("s2 started at 12:01")
                .isEqualTo(1);
        assertThat(rollups.get(noon).minute(2).lastActive())
                .as("s1 last seen at 12:02")
                .isEqualTo(1);
        return rollups;
    }

    private static BatchWriter writer(EventStore events, SessionStore sessions, StatsStore stats) {
        return new BatchWriter(
                events,
                sessions,
                stats,
                StatsTestRules.rules(),
                letters -> {},
                new Parallel(1),
                new InMemoryStreamMetrics(),
                () -> false,
                wait -> {});
    }

    private static Event replayed(Event e, String run) {
        return new Event(
                e.eventId(),
                e.userId(),
                e.sessionId(),
                e.eventType(),
                e.timestamp(),
                e.pageUrl(),
                e.referrer(),
                e.userAgent(),
                e.properties(),
                null,
                null,
                null,
                null,
                e.receivedAt(),
                null,
                false,
                false,
                run);
    }

    private static PositionedEvent at(long sequence, int index, Event event) {
        return new PositionedEvent(
                event,
                RecordPosition.of("shardId-000000000000", Long.toString(sequence))
                        .at(index),
                false);
    }

    private static Event event(String id, String session, long time) {
        return new Event(
                id,
                "u-" + session,
                session,
                "page_view",
                time,
                "https://shop.example/" + id,
                null,
                "Mozilla/5.0",
                Map.of(),
                null,
                null,
                null,
                null,
                time,
                null,
                false,
                false);
    }
}
