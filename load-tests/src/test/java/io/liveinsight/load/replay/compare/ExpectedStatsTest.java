package io.liveinsight.load.replay.compare;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.load.replay.plan.ExpectedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The statistics recomputed from the events sent (docs/contract/tables.md#counts). */
class ExpectedStatsTest {

    static final long NINE = Instant.parse("2026-12-06T09:00:00Z").toEpochMilli();
    static final long MINUTE = 60_000;

    @Test
    void of_whenHumansAndBots_countsEventsPageViewsAndSessionsInTheirHours() {
        List<ExpectedEvent> sent = List.of(
                view("a1", "s1", NINE + 10 * MINUTE, "https://www.Shop.example.com/p?x=1", false),
                click("a2", "s1", NINE + 30 * MINUTE),
                view("a3", "s1", NINE + 60 * MINUTE, "https://shop.example.com/p", false), // 30 min: same segment
                view("b1", "s2", NINE + 5 * MINUTE, "/q", false),
                view("b2", "s2", NINE + 45 * MINUTE, "/q", false), // 40 min gap: a second segment at 09:45
                view("c1", "bot", NINE + MINUTE, "/p", true),
                click("c2", "bot", NINE + 2 * MINUTE));

        ExpectedStats stats = ExpectedStats.of(sent);

        assertThat(stats.fromMs()).isEqualTo(NINE);
        assertThat(stats.toMs()).isEqualTo(NINE + 120 * MINUTE);
        assertThat(stats.events()).isEqualTo(6); // c2 is a human event in a bot session
        assertThat(stats.pageViews()).isEqualTo(4);
        assertThat(stats.botEvents()).isEqualTo(1);
        assertThat(stats.sessions()).isEqualTo(3); // s1, s2 and s2's second segment
        assertThat(stats.botSessions()).isEqualTo(1);
        assertThat(stats.at(NINE)).isEqualTo(new ExpectedStats.Hour(5, 3, 3));
        assertThat(stats.at(NINE + 60 * MINUTE)).isEqualTo(new ExpectedStats.Hour(1, 1, 0));
        assertThat(stats.pages()).isEqualTo(Map.of("shop.example.com/p", 2L, "/q", 2L));
        assertThat(stats.topPages(1)).extracting(Map.Entry::getKey).containsExactly("/q"); // ties: by key
        assertThat(stats.foldable()).isFalse();
    }

    @Test
    void of_whenAnHourHoldsMoreThan100Pages_saysPageCountsMayBeFolded() {
        List<ExpectedEvent> sent = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            sent.add(view("e" + i, "s", NINE + i, "/page-" + i, false));
        }

        assertThat(ExpectedStats.of(sent).foldable()).isTrue();
        assertThat(ExpectedStats.of(sent.subList(0, 100)).foldable()).isFalse();
    }

    static ExpectedEvent view(String id, String session, long time, String page, boolean bot) {
        return new ExpectedEvent(id, session, "u-" + session, "page_view", page, time, bot);
    }

    static ExpectedEvent click(String id, String session, long time) {
        return new ExpectedEvent(id, session, "u-" + session, "click", "/ignored", time, false);
    }
}
