package io.liveinsight.processor.domain;

import io.liveinsight.event.Event;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import org.assertj.core.api.Assertions;

/**
 * The laws that make the tables exact under at-least-once delivery: for a session, whatever order its events
 * arrive in, however they are split into batches, duplicated or replayed, the stored state is the same.
 */
class SessionLawsProperties {

    private static final List<String> TYPES = List.of("page_view", "click", "scroll", "add_to_cart", "heartbeat");
    private static final List<String> PAGES = List.of("/", "/shop", "/shop/item", "/cart", "/checkout");

    /**
     * Under 24 hours (at most 30 events, gaps up to 45 minutes): the segments depend only on the events, so any
     * arrival order must give the same result, splits and merges included.
     */
    @Provide
    Arbitrary<List<Event>> sessions() {
        return sessionsWithGapsUpTo(45 * 60_000, 30);
    }

    /** Gaps up to 2 hours over as many as 40 events: several segments, sometimes past 24 hours. */
    @Provide
    Arbitrary<List<Event>> splitSessions() {
        return sessionsWithGapsUpTo(120 * 60_000, 40);
    }

    /** Activity past 24 hours: gaps of 10-29 minutes over as many as 120 events. */
    @Provide
    Arbitrary<List<Event>> daySessions() {
        return sessionsWithGaps(
                Arbitraries.integers().between(10 * 60_000, 29 * 60_000).withDistribution(RandomDistribution.uniform()),
                120);
    }

    private Arbitrary<List<Event>> sessionsWithGapsUpTo(int maxGapMillis, int maxEvents) {
        return sessionsWithGaps(Arbitraries.integers().between(0, maxGapMillis), maxEvents);
    }

    private Arbitrary<List<Event>> sessionsWithGaps(Arbitrary<Integer> gap, int maxEvents) {
        Arbitrary<String> type = Arbitraries.of(TYPES);
        Arbitrary<String> page = Arbitraries.of(PAGES);
        return Combinators.combine(gap, type, page)
                .as(Step::new)
                .list()
                .ofMinSize(1)
                .ofMaxSize(maxEvents)
                .map(steps -> {
                    List<Event> events = new ArrayList<>();
                    long time = 1_790_000_000_000L;
                    for (int i = 0; i < steps.size(); i++) {
                        Step step = steps.get(i);
                        time += step.gap();
                        events.add(new Event(
                                "e" + i,
                                "u",
                                "s",
                                step.type(),
                                time,
                                step.page(),
                                "https://ref/",
                                "Mozilla/5.0",
                                Map.of(),
                                null,
                                null,
                                null,
                                null,
                                time,
                                null,
                                false,
                                false));
                    }
                    return events;
                });
    }

    record Step(int gap, String type, String page) {}

    @Property(tries = 500)
    void anyArrivalOrderBatchingResendOrReplay_givesTheSameSessions(
            @ForAll("sessions") List<Event> events, @ForAll long seed) {
        List<SessionAggregate> expected = deliverAll(List.of(events));

        Random random = new Random(seed);
        List<Event> delivered = new ArrayList<>(events);
        for (int i = 0, copies = random.nextInt(events.size() + 1); i < copies; i++) {
            delivered.add(events.get(random.nextInt(events.size()))); // client resends
        }
        Collections.shuffle(delivered, random);
        InMemorySessions store = new InMemorySessions("s");
        List<List<Event>> batches = split(delivered, random);
        List<RecordPosition> positions = new ArrayList<>();
        for (List<Event> batch : batches) {
            RecordPosition position = deliverOrCrash(store, batch, random);
            positions.add(position);
            replayRandomly(store, position, batch, random);
        }
        int old = random.nextInt(batches.size());
        store.deliver(positions.get(old), batches.get(old)); // a second worker, late, on an old record

        Assertions.assertThat(store.aggregates()).isEqualTo(expected);
    }

    @Property(tries = 300)
    void sessionsWithGaps_whenResentReplayedOrCrashed_giveTheSameSessions(
            @ForAll("splitSessions") List<Event> events, @ForAll long seed) {
        Random random = new Random(seed);
        List<List<Event>> batches = split(events, random);
        List<SessionAggregate> expected = deliverAll(batches);

        InMemorySessions store = new InMemorySessions("s");
        for (List<Event> batch : batches) {
            RecordPosition position = deliverOrCrash(store, batch, random);
            replayRandomly(store, position, batch, random);
            if (random.nextBoolean()) {
                store.deliver(List.of(batch.get(random.nextInt(batch.size())))); // a client resend, a new record
            }
        }

        Assertions.assertThat(store.aggregates()).isEqualTo(expected);
    }

    /**
     * Past 24 hours the cut depends on the order events come in, but only on the stream's: records delivered one by
     * one, or cut into batches of any size, give the same sessions (the rollups, planned record by record, rely on
     * it). Arrival late by up to 20 hours, as the edge allows.
     */
    @Property(tries = 200)
    void aStreamPast24Hours_whenCutIntoAnyBatches_givesTheSessionsOfItsRecordsOneByOne(
            @ForAll("daySessions") List<Event> events, @ForAll long seed) {
        Random random = new Random(seed);
        List<Event> delivered = new ArrayList<>(events);
        Map<String, Long> arrival = new java.util.HashMap<>();
        events.forEach(e -> arrival.put(e.eventId(), e.timestamp() + random.nextInt(20 * 60) * 60_000L));
        delivered.sort(java.util.Comparator.comparing(e -> arrival.get(e.eventId())));
        List<List<Event>> records = split(delivered, random);
        List<SessionAggregate> oneByOne = deliverAll(records);

        InMemorySessions store = new InMemorySessions("s");
        for (int from = 0; from < records.size(); ) {
            int to = Math.min(records.size(), from + 1 + random.nextInt(6));
            store.deliverBatch(records.subList(from, to));
            from = to;
        }

        Assertions.assertThat(store.aggregates()).isEqualTo(oneByOne);
    }

    @Property(tries = 300)
    void everySegment_isShorterThanADayAndCountsAddUp(@ForAll("splitSessions") List<Event> events) {
        List<SessionAggregate> segments = deliverAll(List.of(events));

        Assertions.assertThat(segments)
                .allSatisfy(s -> Assertions.assertThat(s.sessionDuration()).isLessThan(24 * 3_600_000L));
        Assertions.assertThat(segments.stream()
                        .mapToLong(SessionAggregate::totalEvents)
                        .sum())
                .isEqualTo(events.size());
        for (int i = 0; i < segments.size(); i++) {
            Assertions.assertThat(segments.get(i).sessionId()).isEqualTo(SessionRules.segmentId("s", i));
        }
    }

    /**
     * A record delivered whole; or its Events items written and the worker dead; or a part of its events applied
     * (the store splits a burst) and the worker dead; then the record again.
     */
    private static RecordPosition deliverOrCrash(InMemorySessions store, List<Event> batch, Random random) {
        if (random.nextInt(4) == 1) {
            RecordPosition position = store.nextPosition();
            store.crashAfterPartOfTheSession(position, batch, random.nextInt(batch.size() + 1));
            store.deliver(position, batch);
            return position;
        }
        if (random.nextInt(4) == 0) {
            RecordPosition position = store.nextPosition();
            store.crashAfterLedger(position, batch);
            store.deliver(position, batch);
            return position;
        }
        return store.deliver(batch);
    }

    /** KCL replays a record (after a crash before its checkpoint, or a lease handover) zero to two times. */
    private static void replayRandomly(
            InMemorySessions store, RecordPosition position, List<Event> batch, Random random) {
        for (int i = 0, replays = random.nextInt(3); i < replays; i++) {
            store.deliver(position, batch);
        }
    }

    private static List<SessionAggregate> deliverAll(List<List<Event>> batches) {
        InMemorySessions store = new InMemorySessions("s");
        batches.forEach(store::deliver);
        return store.aggregates();
    }

    private static List<List<Event>> split(List<Event> events, Random random) {
        List<List<Event>> batches = new ArrayList<>();
        int from = 0;
        while (from < events.size()) {
            int to = Math.min(events.size(), from + 1 + random.nextInt(8));
            batches.add(List.copyOf(events.subList(from, to)));
            from = to;
        }
        return batches;
    }
}
