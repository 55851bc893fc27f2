package io.liveinsight.processor.pipeline;

import static io.liveinsight.processor.Events.pageView;
import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.event.DecodeResult;
import io.liveinsight.event.Event;
import io.liveinsight.event.EventCodec;
import io.liveinsight.event.time.Sleeper;
import io.liveinsight.processor.concurrent.Parallel;
import io.liveinsight.processor.domain.PositionedEvent;
import io.liveinsight.processor.domain.RecordPosition;
import io.liveinsight.processor.metrics.InMemoryStreamMetrics;
import io.liveinsight.processor.port.DeadLetters;
import io.liveinsight.processor.port.DeadLetters.DeadLetter;
import io.liveinsight.processor.port.EventStore;
import io.liveinsight.processor.port.RejectedEventsException;
import io.liveinsight.processor.port.SessionStore;
import io.liveinsight.processor.port.StoreMisconfiguredException;
import io.liveinsight.processor.port.StoreUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class BatchWriterTest {

    private static final RecordPosition AT = RecordPosition.of("shardId-000000000000", "7");

    private final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final InMemoryStreamMetrics metrics = new InMemoryStreamMetrics();

    private final List<PositionedEvent> batch =
            positioned(pageView("a", "s1", 1, "/"), pageView("b", "s2", 2, "/"), pageView("c", "s1", 3, "/"));

    /** Fails its first {@code failures} calls with {@code failure}, then owns every event it is given. */
    private EventStore events(int failures, Function<Integer, RuntimeException> failure) {
        int[] calls = {0};
        return list -> {
            if (calls[0]++ < failures) {
                throw failure.apply(calls[0]);
            }
            log.add("events:" + list.size());
            return new EventStore.Ledger(list, List.of(), null);
        };
    }

    private EventStore events(int throttles) {
        return events(throttles, call -> new StoreUnavailableException("throttled", null));
    }

    private final SessionStore sessions = (id, list) -> log.add("session:" + id + ":" + list.size());
    private final DeadLetters deadLetters = letters -> log.add("dead:" + letters.size());

    private BatchWriter writer(EventStore events, SessionStore sessions, DeadLetters letters) {
        return writer(events, sessions, letters, waits::add);
    }

    private BatchWriter writer(EventStore events, SessionStore sessions, DeadLetters letters, Sleeper sleeper) {
        return new BatchWriter(events, sessions, letters, new Parallel(4), metrics, stopping::get, sleeper);
    }

    @Test
    void write_whenSessionStoreRefusesForGood_deadLettersThatSessionAndStoresTheRest() {
        List<List<DeadLetter>> sent = new ArrayList<>();
        SessionStore refusingS2 = (id, list) -> {
            if (id.equals("s2")) {
                throw new RejectedEventsException(
                        "item too large",
                        list.stream().map(PositionedEvent::event).toList(),
                        null);
            }
            log.add("session:" + id + ":" + list.size());
        };

        assertThat(writer(events(0), refusingS2, sent::add).write(batch, List.of()))
                .isTrue();

        assertThat(log).containsExactly("events:3", "session:s1:2");
        DeadLetter letter = sent.get(0).get(0);
        assertThat(letter.partitionKey()).isEqualTo("s2");
        assertThat(letter.reason()).isEqualTo("item too large");
        assertThat(new EventCodec().decode(letter.data()))
                .isEqualTo(new DecodeResult.Decoded(List.of(batch.get(1).event())));
        assertThat(waits).isEmpty();
    }

    @Test
    void write_whenASessionFailsWithABug_deadLettersItWithTheReasonAtOnceAndStoresTheOthers() {
        List<List<DeadLetter>> sent = new ArrayList<>();
        SessionStore buggyForS1 = (id, list) -> {
            if (id.equals("s1")) {
                throw new NullPointerException("fingerprints");
            }
            log.add("session:" + id + ":" + list.size());
        };

        assertThat(writer(events(0), buggyForS1, sent::add).write(batch, List.of()))
                .isTrue();

        assertThat(log).containsExactly("events:3", "session:s2:1");
        assertThat(sent)
                .singleElement()
                .satisfies(letters -> assertThat(letters).singleElement().satisfies(letter -> {
                    assertThat(letter.partitionKey()).isEqualTo("s1");
                    assertThat(letter.reason()).contains("NullPointerException", "fingerprints");
                }));
        assertThat(waits).isEmpty();
    }

    @Test
    void write_whenEventsTableRefusesOneEvent_keepsItOutOfSessionsAndDeadLettersIt() {
        List<List<DeadLetter>> sent = new ArrayList<>();
        EventStore refusingB = list -> {
            log.add("events:" + list.size());
            return new EventStore.Ledger(
                    List.of(list.get(0), list.get(2)), List.of(list.get(1).event()), "ValidationException");
        };

        assertThat(writer(refusingB, sessions, sent::add).write(batch, List.of()))
                .isTrue();

        assertThat(log).containsExactly("events:3", "session:s1:2");
        assertThat(sent).singleElement().satisfies(letters -> assertThat(letters)
                .extracting(DeadLetter::partitionKey)
                .containsExactly("s2"));
    }

    /** docs/contract/sites.md#isolation: two sites' sessions with one client id are two sessions. */
    @Test
    void write_whenTwoSitesShareASessionId_writesTwoSessionsByTheirKeysAndDeadLettersByTheScopedKey() {
        List<List<DeadLetter>> sent = new ArrayList<>();
        SessionStore refusingShop = (id, list) -> {
            if (id.startsWith("s~shop-2~")) {
                throw new RejectedEventsException(
                        "item too large",
                        list.stream().map(PositionedEvent::event).toList(),
                        null);
            }
            log.add("session:" + id + ":" + list.size());
        };
        String id = "s1~#|\uD83D\uDE00";
        List<PositionedEvent> twoSites = positioned(
                pageView("a", id, 1, "/"),
                pageView("a", id, 1, "/").withSite("shop-2"),
                pageView("b", id, 2, "/").withSite("default"),
                pageView("c", id, 3, "/").withSite("9-" + "z".repeat(30)));

        assertThat(writer(events(0), refusingShop, sent::add).write(twoSites, List.of()))
                .isTrue();

        assertThat(log)
                .containsExactlyInAnyOrder(
                        "events:4", "session:" + id + ":2", "session:s~9-" + "z".repeat(30) + "~" + id + ":1");
        assertThat(sent).singleElement().satisfies(letters -> assertThat(letters)
                .extracting(DeadLetter::partitionKey)
                .containsExactly("s~shop-2~" + id));
    }

    @Test
    void write_whenTheLedgerSaysAnEventIsAResend_leavesItOutOfTheSessions() {
        EventStore resendOfC = list -> new EventStore.Ledger(list.subList(0, 2), List.of(), null);

        assertThat(writer(resendOfC, sessions, deadLetters).write(batch, List.of()))
                .isTrue();

        assertThat(log).containsExactlyInAnyOrder("session:s1:1", "session:s2:1");
    }

    @Test
    void write_whenPoisonRecords_storesDeadLettersBeforeEvents() {
        BatchWriter writer = writer(events(0), sessions, deadLetters);

        assertThat(writer.write(batch, List.of(new DeadLetter("s9", "42", "not a stream record", new byte[] {1}))))
                .isTrue();
        assertThat(log.subList(0, 2)).containsExactly("dead:1", "events:3");
        assertThat(log.subList(2, 4)).containsExactlyInAnyOrder("session:s1:2", "session:s2:1");
    }

    @Test
    void write_whenStoreThrottlesThrice_retriesWithGrowingBackoffAndSucceeds() {
        assertThat(writer(events(3), sessions, deadLetters).write(batch, List.of()))
                .isTrue();

        assertThat(waits).hasSize(3);
        assertThat(waits.get(0)).isBetween(Duration.ofMillis(25), Duration.ofMillis(50));
        assertThat(waits.get(2)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(log).contains("events:3", "session:s1:2", "session:s2:1");
    }

    @Test
    void write_whenMisconfigured_holdsTheBatchReportsItAndNeverDeadLettersGoodData() {
        EventStore denied = events(
                4,
                call -> new StoreMisconfiguredException(
                        "LiveInsight-Events", "PutItem on LiveInsight-Events refused: AccessDeniedException", null));
        List<String> reported = new ArrayList<>();
        BatchWriter writer = writer(denied, sessions, deadLetters, wait -> {
            waits.add(wait);
            reported.add(metrics.misconfiguredStores().get("LiveInsight-Events"));
        });

        assertThat(writer.write(batch, List.of())).isTrue();

        assertThat(waits).hasSize(4);
        assertThat(reported).allSatisfy(reason -> assertThat(reason).contains("AccessDeniedException"));
        assertThat(metrics.misconfiguredStores()).isEmpty(); // recovered once the write went through
        assertThat(log).noneMatch(line -> line.startsWith("dead:")).contains("events:3");
    }

    @Test
    void write_whenStoppingWhileStoreDown_givesUpWithoutWritingSessions() {
        BatchWriter writer = writer(events(Integer.MAX_VALUE), sessions, deadLetters, wait -> {
            waits.add(wait);
            if (waits.size() == 5) {
                stopping.set(true);
            }
        });

        assertThat(writer.write(batch, List.of())).isFalse();
        assertThat(waits).hasSize(5);
        assertThat(log).isEmpty();
    }

    @Test
    void write_whenManySessions_writesThemSideBySide() throws Exception {
        List<PositionedEvent> many = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            many.addAll(positioned(pageView("e" + i, "s" + i, i, "/")));
        }
        java.util.concurrent.CountDownLatch allInside = new java.util.concurrent.CountDownLatch(4);
        SessionStore waitsForOthers = (id, list) -> {
            allInside.countDown();
            try {
                // Only returns once four sessions are being written at the same time.
                assertThat(allInside.await(5, java.util.concurrent.TimeUnit.SECONDS))
                        .isTrue();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            log.add("session:" + id);
        };

        assertThat(writer(events(0), waitsForOthers, deadLetters).write(many, List.of()))
                .isTrue();

        assertThat(log).filteredOn(line -> line.startsWith("session:")).hasSize(8);
    }

    private static List<PositionedEvent> positioned(Event... events) {
        return java.util.Arrays.stream(events)
                .map(e -> new PositionedEvent(e, AT, false))
                .toList();
    }
}
