package io.liveinsight.dashboard.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.dashboard.domain.ActiveSession;
import io.liveinsight.dashboard.domain.ReplayRun;
import io.liveinsight.dashboard.port.DashboardStore;
import io.liveinsight.dashboard.support.InMemoryDashboardStore;
import io.liveinsight.dashboard.support.InMemoryStatsReader;
import io.liveinsight.dashboard.support.MutableClock;
import io.liveinsight.dashboard.support.Rollups;
import io.liveinsight.event.EventValidator;
import io.liveinsight.event.stats.Resolution;
import io.liveinsight.event.stats.StatsKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The replay lane's routes over in-memory fakes (docs/contract/api.md#replay-runs): which keys and sessions a request
 * reads for live traffic and for a run, the run's cursors, the runs listing and its failure.
 */
class ReplayRoutesTest {

    private static final long NOW = 1_800_000_000_000L;
    private static final String RUN = "run-1";

    private final InMemoryDashboardStore store = new InMemoryDashboardStore();
    private final InMemoryStatsReader stats = new InMemoryStatsReader();
    private final DashboardApi api = new DashboardApi(store, stats, new MutableClock(NOW), Duration.ofSeconds(2));

    private static StatsKey hour(String site) {
        return StatsKey.of(site, Resolution.HOUR, NOW);
    }

    @Test
    void statistics_readTheLiveSiteByDefault_andOnlyTheRunsSiteWithReplay() {
        stats.add(hour("default"), Rollups.minute(NOW, Rollups.events(5, 5)));
        stats.add(hour("default~replay~" + RUN), Rollups.minute(NOW, Rollups.events(40, 1)));

        Map<?, ?> live = (Map<?, ?>) api.handle("/api/stats/summary", Map.of()).body();
        List<StatsKey> liveReads = new ArrayList<>(stats.reads);
        stats.reads.clear();
        Map<?, ?> replayed = (Map<?, ?>)
                api.handle("/api/stats/summary", Map.of("replay", RUN)).body();

        assertThat(live.get("events")).isEqualTo(5L);
        assertThat(replayed.get("events")).isEqualTo(40L);
        assertThat(liveReads).isNotEmpty().allMatch(key -> key.site().equals("default"));
        assertThat(stats.reads).isNotEmpty().allMatch(key -> key.site().equals("default~replay~" + RUN));
    }

    @Test
    void live_whenARunIsNamed_listsItsSessionsNewestFirstThroughItsCursors() {
        store.active.add(session("live-1", NOW - 1_000));
        for (int i = 0; i < 5; i++) {
            Map<String, Object> item = new HashMap<>();
            item.put("session_id", "r~" + RUN + "~s" + i);
            item.put("user_id", "u" + i);
            item.put("start_time", NOW - 90_000);
            item.put("last_activity", NOW - 1_000L * (i / 2)); // ties in pairs
            item.put("exit_page", "/p" + i);
            item.put(DashboardStore.REPLAY_RUN, RUN);
            store.sessions.put("r~" + RUN + "~s" + i, item);
        }

        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, String> query = new LinkedHashMap<>(Map.of("replay", RUN, "limit", "2"));
            if (cursor != null) {
                query.put("cursor", cursor);
            }
            ApiResponse response = api.handle("/api/live", query);
            assertThat(response.status()).as(String.valueOf(response.body())).isEqualTo(200);
            Map<?, ?> page = (Map<?, ?>) ((Map<?, ?>) response.body()).get("active_sessions");
            assertThat(page.get("replay")).isEqualTo(RUN);
            ((List<?>) page.get("sessions")).forEach(s -> seen.add((String) ((Map<?, ?>) s).get("session_id")));
            cursor = (String) page.get("next_cursor");
        } while (cursor != null);

        // newest activity first; a page shows ties by id
        assertThat(seen).containsExactly("r~run-1~s0", "r~run-1~s1", "r~run-1~s2", "r~run-1~s3", "r~run-1~s4");
        Map<?, ?> livePage =
                (Map<?, ?>) api.handle("/api/sessions/active", Map.of()).body();
        assertThat((List<?>) livePage.get("sessions")).hasSize(1);
        assertThat(livePage.containsKey("replay")).isFalse();
    }

    @Test
    void realtime_keepsOneSampleReadPerLaneWithinTheSnapshotAge() {
        store.active.add(session("live-1", NOW - 1_000));

        api.handle("/api/stats/realtime", Map.of());
        api.handle("/api/stats/realtime", Map.of());
        api.handle("/api/stats/realtime", Map.of("replay", RUN));
        api.handle("/api/stats/realtime", Map.of("replay", RUN));
        api.handle("/api/stats/realtime", Map.of("replay", "run-2"));

        assertThat(store.pageReads).as("one sample read per lane").hasValue(3);
    }

    @Test
    void replayRuns_whenListed_answersTheNewestHundredNewestFirst() {
        for (int i = 0; i < 120; i++) {
            stats.replayRuns.add(new ReplayRun("run-" + i, 1_000, 1_000L + i));
        }

        ApiResponse response = api.handle("/api/replay/runs", Map.of());

        List<?> runs = (List<?>) ((Map<?, ?>) response.body()).get("runs");
        assertThat(response.status()).isEqualTo(200);
        assertThat(runs).hasSize(100);
        assertThat(((Map<?, ?>) runs.get(0)).get("run")).isEqualTo("run-119");
        assertThat(((Map<?, ?>) runs.get(99)).get("run")).isEqualTo("run-20");
    }

    @Test
    void replayRuns_whenTheTableIsDown_isUnavailable_notEmpty() {
        stats.down = true;

        DashboardApplication app = new DashboardApplication(
                io.liveinsight.dashboard.config.DashboardConfig.local(io.liveinsight.event.TableNames.defaults()),
                store,
                stats,
                new MutableClock(NOW));

        assertThat(app.handle(new io.liveinsight.lambda.http.HttpRequest(
                                "GET", "/api/replay/runs", Map.of(), Map.of(), null, false, null))
                        .status())
                .isEqualTo(503);
    }

    @Test
    void replayRunAttribute_isTheEventFieldTheEdgeSets() {
        assertThat(EventValidator.EDGE_FIELDS).contains(DashboardStore.REPLAY_RUN);
    }

    private static ActiveSession session(String id, long lastActivity) {
        return new ActiveSession(
                id,
                "u",
                lastActivity - 1000,
                lastActivity,
                "/",
                1,
                1,
                null,
                false,
                lastActivity / 1000 + 1800,
                Map.of());
    }
}
