package io.liveinsight.dashboard.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.dashboard.domain.ActiveSession;
import io.liveinsight.dashboard.support.InMemoryDashboardStore;
import io.liveinsight.dashboard.support.InMemoryStatsReader;
import io.liveinsight.dashboard.support.MutableClock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DashboardApiTest {

    private static final long NOW = 1_800_000_000_000L;

    private final InMemoryDashboardStore store = new InMemoryDashboardStore();
    private final InMemoryStatsReader stats = new InMemoryStatsReader();
    private final DashboardApi api = new DashboardApi(store, stats, new MutableClock(NOW), Duration.ofSeconds(2));

    @Test
    void handle_whenTheLivePageRefreshes_neverReadsTheWholeActiveSessionsTable() {
        for (int i = 0; i < 300; i++) {
            store.active.add(new ActiveSession(
                    "s" + i, "u", NOW - 1000, NOW, "/", 1, 1, null, false, NOW / 1000 + 1800, Map.of()));
        }

        api.handle("/api/stats/realtime", Map.of());
        api.handle("/api/sessions/active", Map.of());
        api.handle("/api/live", Map.of());

        assertThat(store.activeReads).as("whole-table scans").hasValue(0);
        // one sample (shared within the snapshot age) and the two table pages
        assertThat(store.pageReads).hasValue(3);
        assertThat(stats.reads).isNotEmpty();
    }

    @Test
    void handle_whenSessionIdContainsSlash_routesOnTheSuffix() {
        store.sessions.put("a/b", Map.of("session_id", "a/b", "last_activity", NOW));

        ApiResponse response = api.handle("/api/sessions/a/b", Map.of());

        assertThat(response.status()).isEqualTo(200);
        assertThat(((Map<?, ?>) response.body()).get("active")).isEqualTo(true);
    }

    @Test
    void handle_whenTrailingSlashOrUnknownPath_isLenientThen404() {
        assertThat(api.handle("/api/stats/realtime/", Map.of()).status()).isEqualTo(200);
        assertThat(api.handle("/api/stats/summary/", Map.of()).status()).isEqualTo(200);
        assertThat(api.handle("/api/stats/nothing", Map.of()).status()).isEqualTo(404);
        assertThat(api.handle("/api/users/u", Map.of()).status()).isEqualTo(404);
        assertThat(api.handle("/api/sessions/", Map.of()).status()).isEqualTo(404);
    }
}
