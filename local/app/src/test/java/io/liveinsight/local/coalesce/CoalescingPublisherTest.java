package io.liveinsight.local.coalesce;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.event.Event;
import io.liveinsight.event.EventCodec;
import io.liveinsight.ingest.adapter.kinesis.RecordPacker;
import io.liveinsight.ingest.port.EventPublisher.PublishResult;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The coalescing publisher against a controlled store (docs/contract/local.md#coalescing): calls are held on a latch
 * while the test lines requests up, so nothing here sleeps; only the budget test waits out its 100 ms budget.
 */
@Timeout(60)
class CoalescingPublisherTest {

    private static final Duration BUDGET = Duration.ofSeconds(30);
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final RecordPacker packer = new RecordPacker(new EventCodec());
    private final FakeRecordStore store = new FakeRecordStore();
    private final ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();
    private final List<CoalescingPublisher> publishers = new ArrayList<>();

    @AfterEach
    void stop() {
        store.release();
        publishers.forEach(CoalescingPublisher::close);
        callers.shutdownNow();
    }

    private CoalescingPublisher publisher(int inFlight, int maxRecords, long maxBytes, Duration budget) {
        CoalescingPublisher publisher = new CoalescingPublisher(
                packer::pack,
                store,
                () -> true,
                new CoalesceSettings(inFlight, maxRecords, maxBytes, budget),
                Clock.systemUTC());
        publishers.add(publisher);
        return publisher;
    }

    private CoalescingPublisher publisher(int inFlight) {
        return publisher(inFlight, 1_000, 1L << 30, BUDGET);
    }

    private static Event event(String id, String session) {
        return new Event(
                id,
                "u",
                session,
                "page_view",
                1,
                "/" + id,
                null,
                null,
                Map.of(),
                null,
                null,
                null,
                null,
                2,
                null,
                false,
                false);
    }

    private CompletableFuture<PublishResult> publishAsync(CoalescingPublisher publisher, Event... events) {
        return CompletableFuture.supplyAsync(() -> publisher.publish(List.of(events)), callers);
    }

    /** Queues a request and waits until it is the {@code position}-th waiting one, so the queue order is known. */
    private CompletableFuture<PublishResult> queue(CoalescingPublisher publisher, int position, Event... events)
            throws InterruptedException {
        CompletableFuture<PublishResult> answer = publishAsync(publisher, events);
        assertThat(publisher.awaitWaiting(position, WAIT)).as("request queued").isTrue();
        return answer;
    }

    private static PublishResult answer(CompletableFuture<PublishResult> future) throws Exception {
        return future.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /** The ids of the events in each record of a call, e.g. ["a1", "b1,b2"]. */
    private List<String> ids(int call) {
        return store.calls.get(call).stream()
                .map(data -> String.join(
                        ",",
                        data.replaceAll("\"event_id\":\"([^\"]+)\"|.", "$1 ")
                                .trim()
                                .split("\\s+")))
                .toList();
    }

    @Test
    void publish_whenAlone_storesItsRecordsInOneCallAndAnswersStored() {
        CoalescingPublisher publisher = publisher(2);

        PublishResult result = publisher.publish(List.of(event("a1", "a"), event("b1", "b"), event("a2", "a")));

        assertThat(result).isEqualTo(new PublishResult.Stored(2, 0));
        assertThat(store.calls).hasSize(1);
        assertThat(ids(0)).containsExactly("a1,a2", "b1");
    }

    @Test
    void publish_whileARoundIsInFlight_gathersTheWaitingRequestsIntoTheNextCallInArrivalOrder() throws Exception {
        CoalescingPublisher publisher = publisher(1);
        store.hold();
        CompletableFuture<PublishResult> first = publishAsync(publisher, event("x1", "x"));
        assertThat(store.awaitCalls(1)).isTrue();

        List<CompletableFuture<PublishResult>> waiting = List.of(
                queue(publisher, 1, event("b1", "b")),
                queue(publisher, 2, event("c1", "c"), event("d1", "d"), event("c2", "c")),
                queue(publisher, 3, event("e1", "e")));
        store.release();

        assertThat(answer(first)).isEqualTo(new PublishResult.Stored(1, 0));
        assertThat(answer(waiting.get(0))).isEqualTo(new PublishResult.Stored(1, 0));
        assertThat(answer(waiting.get(1))).isEqualTo(new PublishResult.Stored(2, 0));
        assertThat(answer(waiting.get(2))).isEqualTo(new PublishResult.Stored(1, 0));
        assertThat(store.calls).hasSize(2);
        assertThat(ids(1)).containsExactly("b1", "c1,c2", "d1", "e1");
    }

    @Test
    void publish_whenTwoRequestsOfOneSessionShareACall_keepsThemTwoRecords() throws Exception {
        CoalescingPublisher publisher = publisher(1);
        store.hold();
        CompletableFuture<PublishResult> first = publishAsync(publisher, event("x1", "x"));
        assertThat(store.awaitCalls(1)).isTrue();
        CompletableFuture<PublishResult> one = queue(publisher, 1, event("s1", "s"));
        CompletableFuture<PublishResult> two = queue(publisher, 2, event("s2", "s"), event("s3", "s"));
        store.release();

        assertThat(List.of(answer(first), answer(one), answer(two))).allMatch(r -> r instanceof PublishResult.Stored);
        assertThat(ids(1)).containsExactly("s1", "s2,s3");
    }

    @Test
    void publish_whenManyAtOnce_neverHasMoreCallsInFlightThanAllowed() throws Exception {
        CoalescingPublisher publisher = publisher(2);
        store.hold();
        List<CompletableFuture<PublishResult>> answers = new ArrayList<>();
        answers.add(publishAsync(publisher, event("r0", "s0")));
        assertThat(store.awaitCalls(1)).isTrue();
        answers.add(publishAsync(publisher, event("r1", "s1")));
        assertThat(store.awaitCalls(1))
                .as("the second worker takes the second request")
                .isTrue();
        for (int i = 2; i < 40; i++) {
            answers.add(publishAsync(publisher, event("r" + i, "s" + i)));
        }
        assertThat(publisher.awaitWaiting(38, WAIT)).isTrue();
        assertThat(store.inFlight).hasValue(2);
        store.release();

        for (CompletableFuture<PublishResult> answer : answers) {
            assertThat(answer(answer)).isEqualTo(new PublishResult.Stored(1, 0));
        }
        assertThat(store.maxInFlight).hasValue(2);
        assertThat(store.calls.size()).as("38 waiting requests fit one call").isLessThanOrEqualTo(3);
        List<String> stored = store.calls.stream().flatMap(List::stream).toList();
        assertThat(stored).hasSize(40).doesNotHaveDuplicates();
    }

    @Test
    void publish_whenSomeRecordsOfARoundAreRefused_answers503OnlyToTheirRequests() throws Exception {
        CoalescingPublisher publisher = publisher(1);
        store.hold();
        CompletableFuture<PublishResult> first = publishAsync(publisher, event("x1", "x"));
        assertThat(store.awaitCalls(1)).isTrue();
        CompletableFuture<PublishResult> before = queue(publisher, 1, event("a1", "a"));
        CompletableFuture<PublishResult> refused = queue(publisher, 2, event("b1", "b"), event("refuse-me", "c"));
        CompletableFuture<PublishResult> after = queue(publisher, 3, event("d1", "d"));
        store.refusing("refuse-me").release();

        assertThat(answer(first)).isEqualTo(new PublishResult.Stored(1, 0));
        assertThat(answer(before)).isEqualTo(new PublishResult.Stored(1, 0));
        assertThat(answer(refused)).isInstanceOfSatisfying(PublishResult.Refused.class, r -> {
            assertThat(r.refusedEntries()).isEqualTo(1);
            assertThat(r.reason()).contains("ProvisionedThroughputExceededException");
        });
        assertThat(answer(after)).isEqualTo(new PublishResult.Stored(1, 0));
    }

    @Test
    void publish_whenTheQueueIsAtItsRecordBound_refusesAtOnceAndStillStoresTheQueued() throws Exception {
        CoalescingPublisher publisher = publisher(1, 3, 1L << 30, BUDGET);
        store.hold();
        CompletableFuture<PublishResult> first = publishAsync(publisher, event("x1", "x"));
        assertThat(store.awaitCalls(1)).isTrue();
        List<CompletableFuture<PublishResult>> queued = List.of(
                queue(publisher, 1, event("a1", "a")),
                queue(publisher, 2, event("b1", "b")),
                queue(publisher, 3, event("c1", "c")));

        PublishResult over = publisher.publish(List.of(event("d1", "d")));

        assertThat(over).isInstanceOfSatisfying(PublishResult.Refused.class, r -> assertThat(r.reason())
                .contains("edge queue full"));
        store.release();
        assertThat(answer(first)).isInstanceOf(PublishResult.Stored.class);
        for (CompletableFuture<PublishResult> answer : queued) {
            assertThat(answer(answer)).isInstanceOf(PublishResult.Stored.class);
        }
        assertThat(store.calls.stream().flatMap(List::stream)).noneMatch(data -> data.contains("d1"));
    }

    @Test
    void publish_whenTheQueueIsAtItsByteBound_refusesAtOnce() throws Exception {
        CoalescingPublisher publisher = publisher(1, 1_000, 500, BUDGET); // one small record is about 200 bytes
        store.hold();
        CompletableFuture<PublishResult> first = publishAsync(publisher, event("x1", "x"));
        assertThat(store.awaitCalls(1)).isTrue();
        CompletableFuture<PublishResult> queued = queue(publisher, 1, event("a1", "a"));

        PublishResult over = publisher.publish(List.of(event("b1", "b"), event("c1", "c"), event("d1", "d")));

        assertThat(over).isInstanceOf(PublishResult.Refused.class);
        store.release();
        assertThat(answer(first)).isInstanceOf(PublishResult.Stored.class);
        assertThat(answer(queued)).isInstanceOf(PublishResult.Stored.class);
    }

    @Test
    void publish_whenTheQueueIsEmpty_takesARequestOverTheBoundAlone() {
        CoalescingPublisher publisher = publisher(1, 2, 1L << 30, BUDGET);

        PublishResult result = publisher.publish(List.of(event("a1", "a"), event("b1", "b"), event("c1", "c")));

        assertThat(result).isEqualTo(new PublishResult.Stored(3, 0));
    }

    @Test
    void publish_whenNotStoredWithinTheBudget_answers503AndLeavesTheQueue() throws Exception {
        CoalescingPublisher publisher = publisher(1, 1_000, 1L << 30, Duration.ofMillis(100));
        store.hold();
        CompletableFuture<PublishResult> first = publishAsync(publisher, event("x1", "x"));
        assertThat(store.awaitCalls(1)).isTrue();
        CompletableFuture<PublishResult> queued = queue(publisher, 1, event("late", "a"));

        assertThat(answer(queued)).isInstanceOfSatisfying(PublishResult.Refused.class, r -> assertThat(r.reason())
                .contains("not stored within 100 ms"));
        assertThat(answer(first)).as("its round is still held").isInstanceOf(PublishResult.Refused.class);
        assertThat(publisher.waitingRequests()).isZero();
        store.release();
        assertThat(publisher.publish(List.of(event("next", "n")))).isInstanceOf(PublishResult.Stored.class);
        assertThat(store.calls.stream().flatMap(List::stream)).noneMatch(data -> data.contains("late"));
    }

    @Test
    void publish_whenTheStoreThrows_answersItsRound503AndKeepsWorking() {
        CoalescingPublisher publisher = publisher(1);
        store.failingWith(new IllegalStateException("a bug"));

        assertThat(publisher.publish(List.of(event("a1", "a")))).isInstanceOf(PublishResult.Refused.class);

        store.failingWith(null);
        assertThat(publisher.publish(List.of(event("b1", "b")))).isEqualTo(new PublishResult.Stored(1, 0));
    }

    @Test
    void close_answersTheWaiting503_letsTheRoundInFlightFinish_andRefusesLaterRequests() throws Exception {
        CoalescingPublisher publisher = publisher(1);
        store.hold();
        CompletableFuture<PublishResult> inFlight = publishAsync(publisher, event("x1", "x"));
        assertThat(store.awaitCalls(1)).isTrue();
        CompletableFuture<PublishResult> a = queue(publisher, 1, event("a1", "a"));
        CompletableFuture<PublishResult> b = queue(publisher, 2, event("b1", "b"));

        CompletableFuture<Void> closed = CompletableFuture.runAsync(publisher::close, callers);

        assertThat(answer(a)).isInstanceOfSatisfying(PublishResult.Refused.class, r -> assertThat(r.reason())
                .contains("stopping"));
        assertThat(answer(b)).isInstanceOf(PublishResult.Refused.class);
        assertThat(inFlight).isNotDone();
        assertThat(closed).isNotDone();
        store.release();
        assertThat(answer(inFlight)).isEqualTo(new PublishResult.Stored(1, 0));
        closed.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(publisher.publish(List.of(event("c1", "c")))).isInstanceOf(PublishResult.Refused.class);
        assertThat(store.calls).hasSize(1);
    }

    @Test
    void publish_whenNoRecords_storesNothing() {
        assertThat(publisher(1).publish(List.of())).isEqualTo(new PublishResult.Stored(0, 0));
        assertThat(store.calls).isEmpty();
    }
}
