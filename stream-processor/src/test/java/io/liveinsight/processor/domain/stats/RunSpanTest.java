package io.liveinsight.processor.domain.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liveinsight.event.Event;
import io.liveinsight.event.replay.ReplayIds;
import io.liveinsight.event.replay.ReplayKey;
import io.liveinsight.processor.Events;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** docs/contract/replay.md#where-a-run-shows: what a batch widens each run's runs item to. */
class RunSpanTest {

    private static final ReplayKey KEY = ReplayKey.of("run-span-test-key-0123456789");

    @Test
    void of_whenABatchMixesLiveEventsAndTwoRuns_givesEachRunItsEarliestAndLatestReceipt() {
        List<Event> batch = List.of(
                Events.pageView("l1", "live", 1_000, null),
                replayed("run-b", Events.pageView("e1", "s1", 5_000, null)),
                replayed("run-a", Events.pageView("e2", "s2", 3_000, null)),
                replayed("run-b", Events.pageView("e3", "s3", 2_000, null)),
                replayed("run-b", Events.pageView("e4", "s3", 9_000, null)));

        assertThat(RunSpan.of(batch))
                .containsExactly(
                        new RunSpan("default", "run-a", 3_005, 3_005), new RunSpan("default", "run-b", 2_005, 9_005));
        assertThat(RunSpan.of(batch.subList(0, 1))).isEmpty();
    }

    @Test
    void of_whenTwoSitesReplayTheSameRun_givesEachSiteItsOwnSpan() {
        List<Event> batch = List.of(
                replayed("run-a", Events.pageView("e1", "s1", 5_000, null)),
                replayed("run-a", Events.pageView("e1", "s1", 7_000, null)).withSite("shop-2"),
                replayed("run-a", Events.pageView("e2", "s1", 1_000, null)).withSite("a-blog"),
                replayed("run-a", Events.pageView("e3", "s1", 9_000, null)).withSite("shop-2"));

        assertThat(RunSpan.of(batch))
                .containsExactly(
                        new RunSpan("a-blog", "run-a", 1_005, 1_005),
                        new RunSpan("default", "run-a", 5_005, 5_005),
                        new RunSpan("shop-2", "run-a", 7_005, 9_005));
    }

    @Test
    void widen_inAnyOrder_endsTheSameAndNeverMovesBack() {
        List<RunSpan> spans = new ArrayList<>();
        Random random = new Random(4);
        for (int i = 0; i < 50; i++) {
            long first = random.nextInt(1_000_000);
            spans.add(new RunSpan("default", "run-a", first, first + random.nextInt(1_000)));
        }
        RunSpan expected = new RunSpan(
                "default",
                "run-a",
                spans.stream().mapToLong(RunSpan::firstAt).min().orElseThrow(),
                spans.stream().mapToLong(RunSpan::lastAt).max().orElseThrow());
        for (int shuffle = 0; shuffle < 20; shuffle++) {
            Collections.shuffle(spans, random);
            RunSpan widened = spans.get(0);
            for (RunSpan span : spans) {
                RunSpan next = widened.widen(span);
                assertThat(next.firstAt()).isLessThanOrEqualTo(widened.firstAt());
                assertThat(next.lastAt()).isGreaterThanOrEqualTo(widened.lastAt());
                assertThat(next.covers(span)).isTrue();
                widened = next;
            }
            assertThat(widened).isEqualTo(expected);
        }
    }

    @Test
    void constructor_whenRunOrSpanBreaksTheRules_refusesIt() {
        assertThatThrownBy(() -> new RunSpan("default", "Run~1", 1, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RunSpan("default", "run-1", 3, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RunSpan("default", "run-1", 1, 2).widen(new RunSpan("default", "run-2", 1, 2)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Event replayed(String run, Event event) {
        return new ReplayIds(KEY, run).map(event);
    }
}
