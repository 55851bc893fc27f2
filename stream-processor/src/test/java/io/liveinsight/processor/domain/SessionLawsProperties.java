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

    private Arbitrary<List<Event>> sessionsWithGapsUpTo(int maxGapMillis, int maxEvents) {
        Arbitrary<Integer> gap = Arbitraries.integers().between(0, maxGapMillis);
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
    void anyArrivalOrderBatchingDuplicationOrReplay_givesTheSameState(
            @ForAll("sessions") List<Event> events, @ForAll long seed) {
        SessionState expected = applyAll(List.of(events));

        Random random = new Random(seed);
        List<Event> delivered = new ArrayList<>(events);
        for (int i = 0, copies = random.nextInt(events.size() + 1); i < copies; i++) {
            delivered.add(events.get(random.nextInt(events.size()))); // client resends
        }
        Collections.shuffle(delivered, random);
        List<List<Event>> batches = split(delivered, random);
        List<List<Event>> withReplays = new ArrayList<>(batches);
        for (int i = 0, replays = random.nextInt(3); i < replays; i++) {
            withReplays.add(random.nextInt(withReplays.size() + 1), batches.get(random.nextInt(batches.size())));
        }

        Assertions.assertThat(applyAll(withReplays)).isEqualTo(expected);
    }

    @Property(tries = 300)
    void sessionsWithGaps_whenDuplicatedOrReplayed_giveTheSameState(
            @ForAll("splitSessions") List<Event> events, @ForAll long seed) {
        Random random = new Random(seed);
        List<List<Event>> batches = split(events, random);
        SessionState expected = applyAll(batches);

        List<List<Event>> replayed = new ArrayList<>();
        for (List<Event> batch : batches) {
            replayed.add(batch);
            if (random.nextBoolean()) {
                replayed.add(batch); // KCL replays the batch after a crash before its checkpoint
            }
            if (random.nextBoolean()) {
                replayed.add(List.of(batch.get(random.nextInt(batch.size())))); // a client resend
            }
        }

        Assertions.assertThat(applyAll(replayed)).isEqualTo(expected);
    }

    @Property(tries = 300)
    void everySegment_isShorterThanADayAndCountsAddUp(@ForAll("splitSessions") List<Event> events) {
        SessionState state = applyAll(List.of(events));

        Assertions.assertThat(state.segments())
                .allSatisfy(s -> Assertions.assertThat(s.sessionDuration()).isLessThan(24 * 3_600_000L));
        Assertions.assertThat(state.segments().stream()
                        .mapToLong(SessionAggregate::totalEvents)
                        .sum())
                .isEqualTo(events.size())
                .isEqualTo(state.appliedEvents());
    }

    private static SessionState applyAll(List<List<Event>> batches) {
        SessionState state = null;
        for (List<Event> batch : batches) {
            SessionState current = state;
            state = SessionState.apply(current, "s", batch)
                    .map(SessionState.Applied::state)
                    .orElse(current);
        }
        return state;
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
