package io.liveinsight.dashboard.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.dashboard.config.DashboardConfig;
import io.liveinsight.dashboard.domain.ActiveSession;
import io.liveinsight.dashboard.domain.ReplayRun;
import io.liveinsight.dashboard.domain.SiteAccess;
import io.liveinsight.dashboard.port.StoreUnavailableException;
import io.liveinsight.dashboard.support.InMemoryDashboardStore;
import io.liveinsight.dashboard.support.InMemoryStatsReader;
import io.liveinsight.dashboard.support.MutableClock;
import io.liveinsight.dashboard.support.Rollups;
import io.liveinsight.event.TableNames;
import io.liveinsight.event.site.Site;
import io.liveinsight.event.stats.Resolution;
import io.liveinsight.event.stats.StatsKey;
import io.liveinsight.lambda.http.HttpRequest;
import io.liveinsight.lambda.http.HttpResponse;
import io.liveinsight.sites.SiteDirectory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Which site's keys and store each route reads (docs/contract/sites.md#dashboard), over in-memory fakes: the rollups
 * under the site's keys (and a run's under the site's run keys), the site's store, its runs; and what one site's
 * access refuses before anything is read.
 */
class SiteRoutesTest {

    private static final long NOW = 1_800_000_000_000L;

    private final InMemoryDashboardStore store = new InMemoryDashboardStore();
    private final InMemoryStatsReader stats = new InMemoryStatsReader();
    private final DashboardApi api = new DashboardApi(store, stats, new MutableClock(NOW), Duration.ofSeconds(2));

    private static StatsKey hour(String site) {
        return StatsKey.of(site, Resolution.HOUR, NOW);
    }

    private static ActiveSession session(String id) {
        return new ActiveSession(
                id, "u", NOW - 60_000, NOW - 1000, "/", 1, 1, null, false, NOW / 1000 + 1800, Map.of());
    }

    @Test
    void statistics_readTheSitesKeysOnly_andARunOfItUnderTheSitesRunKeys() {
        stats.add(hour("default"), Rollups.minute(NOW, Rollups.events(5, 5)));
        stats.add(hour("shop"), Rollups.minute(NOW, Rollups.events(7, 7)));
        stats.add(hour("shop~replay~run-1"), Rollups.minute(NOW, Rollups.events(40, 1)));

        Map<?, ?> shop = (Map<?, ?>)
                api.handle("/api/stats/summary", Map.of("site", "shop")).body();
        assertThat(shop.get("events")).isEqualTo(7L);
        assertThat(stats.reads).isNotEmpty().allMatch(key -> key.site().equals("shop"));

        stats.reads.clear();
        Map<?, ?> run = (Map<?, ?>) api.handle("/api/stats/summary", Map.of("site", "shop", "replay", "run-1"))
                .body();
        assertThat(run.get("events")).isEqualTo(40L);
        assertThat(stats.reads).isNotEmpty().allMatch(key -> key.site().equals("shop~replay~run-1"));

        stats.reads.clear();
        Map<?, ?> realtime = (Map<?, ?>)
                api.handle("/api/stats/realtime", Map.of("site", "blog")).body();
        assertThat(((Number) realtime.get("events_current_minute")).longValue()).isZero();
        assertThat(realtime.get("site")).isEqualTo("blog");
        assertThat(stats.reads).isNotEmpty().allMatch(key -> key.site().equals("blog"));
    }

    @Test
    void live_readsTheSitesStore_andEchoesTheSite() {
        store.active.add(session("default-1"));
        store.forSite("shop").active.add(session("shop-1"));

        Map<?, ?> live =
                (Map<?, ?>) api.handle("/api/live", Map.of("site", "shop")).body();
        Map<?, ?> sessions = (Map<?, ?>) live.get("active_sessions");

        assertThat(sessions.get("site")).isEqualTo("shop");
        assertThat((List<?>) sessions.get("sessions")).singleElement().satisfies(row -> assertThat(
                        ((Map<?, ?>) row).get("session_id"))
                .isEqualTo("shop-1"));
        assertThat(store.forSite("blog").pageReads).hasValue(0);
    }

    @Test
    void replayRuns_areTheSites() {
        stats.replayRuns.add(new ReplayRun("default-run", 1_000, 2_000));
        stats.siteRuns.put("shop", List.of(new ReplayRun("shop-run", 1_000, 2_000)));

        Map<?, ?> shop = (Map<?, ?>)
                api.handle("/api/replay/runs", Map.of("site", "shop")).body();

        assertThat((List<?>) shop.get("runs")).singleElement().satisfies(r -> assertThat(((Map<?, ?>) r).get("run"))
                .isEqualTo("shop-run"));
    }

    @Test
    void application_whenTheRegistryIsDown_answers503ForAReadToken_andTheDeploymentTokenStillReads() {
        String token = "deployment-token-0123456789";
        SiteDirectory down = new SiteDirectory() {
            @Override
            public Optional<KeyedSite> byKey(String key) {
                throw new StoreUnavailableException("get LiveInsight-Sites key: throttled", null);
            }

            @Override
            public Optional<Site> byId(String siteId) {
                throw new StoreUnavailableException("get LiveInsight-Sites site: throttled", null);
            }

            @Override
            public List<Site> all() {
                throw new StoreUnavailableException("scan LiveInsight-Sites: throttled", null);
            }
        };
        DashboardApplication app = new DashboardApplication(
                new DashboardConfig(TableNames.defaults(), "us-east-1", null, token, List.of(), 4, Duration.ZERO),
                store,
                stats,
                down,
                new MutableClock(NOW));
        HttpResponse refused = app.handle(new HttpRequest(
                "GET",
                "/api/live",
                Map.of("authorization", "Bearer li_read_" + "a".repeat(52)),
                Map.of("site", "shop"),
                null,
                false,
                null));

        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.headers()).containsEntry("Retry-After", "5");
        assertThat(store.forSite("shop").pageReads).hasValue(0);
        assertThat(app.handle(new HttpRequest(
                                "GET",
                                "/api/live",
                                Map.of("authorization", "Bearer " + token),
                                Map.of("site", "shop"),
                                null,
                                false,
                                null))
                        .status())
                .isEqualTo(200);
        assertThat(app.handle(new HttpRequest(
                                "GET",
                                "/api/sites",
                                Map.of("authorization", "Bearer " + token),
                                Map.of(),
                                null,
                                false,
                                null))
                        .status())
                .isEqualTo(503);
    }

    @Test
    void oneSitesAccess_refusesEveryOtherSite_beforeReadingAnything() {
        SiteAccess shop = SiteAccess.only("shop");
        for (String path : List.of(
                "/api/live",
                "/api/stats/summary",
                "/api/stats/realtime",
                "/api/sessions/active",
                "/api/sessions/x",
                "/api/sessions/x/events",
                "/api/users/u/sessions",
                "/api/users/u/events",
                "/api/replay/runs",
                "/api/no-such-route")) {
            for (Map<String, String> query : List.of(Map.<String, String>of(), Map.of("site", "blog"))) {
                ApiResponse refused = api.handle(shop, path, query);
                assertThat(refused.status()).as(path + " " + query).isEqualTo(403);
                assertThat(refused.body()).isEqualTo(Map.of("error", "this token reads site shop only"));
            }
            assertThat(api.handle(shop, path, Map.of("site", "shop")).status())
                    .as(path)
                    .isNotEqualTo(403);
        }
        assertThat(stats.reads).allMatch(key -> key.site().equals("shop"));
        assertThat(store.pageReads).hasValue(0);
        assertThat(store.forSite("blog").pageReads).hasValue(0);
        assertThat(api.handle(shop, "/api/health", Map.of()).status()).isEqualTo(200);
    }
}
