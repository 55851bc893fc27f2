package io.liveinsight.dashboard.adapter.dynamodb;

import static io.liveinsight.dashboard.support.Fixtures.active;
import static io.liveinsight.dashboard.support.Fixtures.event;
import static io.liveinsight.dashboard.support.Fixtures.inSite;
import static io.liveinsight.dashboard.support.Fixtures.putAll;
import static io.liveinsight.dashboard.support.Fixtures.segment;
import static io.liveinsight.dashboard.support.Fixtures.session;
import static io.liveinsight.dashboard.support.Fixtures.stats;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liveinsight.dashboard.config.DashboardConfig;
import io.liveinsight.dashboard.http.DashboardApplication;
import io.liveinsight.dashboard.support.Fixtures;
import io.liveinsight.dashboard.support.MutableClock;
import io.liveinsight.event.SessionIds;
import io.liveinsight.event.TableNames;
import io.liveinsight.event.site.Site;
import io.liveinsight.event.site.SiteKeys;
import io.liveinsight.event.site.SiteLimits;
import io.liveinsight.event.stats.Counts;
import io.liveinsight.event.stats.Dimension;
import io.liveinsight.event.stats.Resolution;
import io.liveinsight.event.stats.Rollup;
import io.liveinsight.event.stats.StatsKey;
import io.liveinsight.lambda.http.HttpRequest;
import io.liveinsight.lambda.http.HttpResponse;
import io.liveinsight.local.engines.LocalAws;
import io.liveinsight.local.engines.WithLocalAws;
import io.liveinsight.sites.InMemorySiteDirectory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One site at a time (docs/contract/sites.md#dashboard, #isolation) against DynamoDB Local: three sites (the default
 * one, {@code shop} and {@code blog}) use the same session, segment, user and event ids and the same replay run id,
 * their items written as the consumer writes them (the site's keys and {@code site}); every route answers the site
 * asked and nothing of the others, in the client's ids. And who may ask: the deployment's token, a site's read token,
 * none.
 */
@WithLocalAws
class SitesOnDynamoDbTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** 3 hours ahead of the real clock (DynamoDB Local's TTL deletes by the real one), on a minute plus 30 s. */
    private static final long NOW = (System.currentTimeMillis() + 3 * 3600_000L) / 60_000 * 60_000 + 30_000;

    private static final long MINUTE = NOW / 60_000;
    private static final String ADMIN = "deployment-token-0123456789";
    private static final List<String> SITES = List.of("default", "shop", "blog");
    /** The same client ids in every site, the kind a client may send: astral, `~ # |`, markup. */
    private static final String SESSION = "sess-😀~#|<b>";

    private static final String USER = "user-<script>alert(1)</script>";
    private static final String SEGMENT = SessionIds.segmentId(SESSION, 1);
    private static final String RUN = "run-1";

    private final Random random = new Random(17);
    private final Map<String, String> readTokens = new LinkedHashMap<>();
    private final Map<String, String> writeKeys = new LinkedHashMap<>();
    private final InMemorySiteDirectory directory = new InMemorySiteDirectory();
    private LocalAws aws;
    private TableNames tables;
    private MutableClock clock;

    @BeforeEach
    void sites(LocalAws aws) {
        this.aws = aws;
        this.tables = aws.createTables("Sites");
        this.clock = new MutableClock(NOW);
        for (String site : SITES) {
            register(site, true);
            write(site, SITES.indexOf(site) + 1);
        }
    }

    private void register(String site, boolean active) {
        String write = SiteKeys.newKey(SiteKeys.Kind.WRITE, random);
        String server = SiteKeys.newKey(SiteKeys.Kind.SERVER, random);
        String read = SiteKeys.newKey(SiteKeys.Kind.READ, random);
        directory.put(
                new Site(
                        site,
                        site.equals("blog") ? "<img src=x onerror=alert(1)> 😀 blog" : site + " site",
                        List.of(site + ".example", "*." + site + ".example"),
                        write,
                        SiteKeys.sha256(server),
                        SiteKeys.sha256(read),
                        active,
                        SiteLimits.DEFAULTS,
                        Set.of(),
                        "UTC"),
                write,
                server,
                read);
        readTokens.put(site, read);
        writeKeys.put(site, write);
    }

    /**
     * The site's items, marked by {@code n} (events, page views, counts) and by pages on the site's host, so an answer
     * shows whose items it holds.
     */
    private void write(String site, int n) {
        String page = "https://" + site + ".example/page";
        Map<String, AttributeValue> root = session(SESSION, USER, NOW - 600_000, NOW - 1000, n);
        Map<String, AttributeValue> later = segment(SEGMENT, SESSION, USER, NOW - 300_000, NOW - 2000, n);
        later.remove("root_session_id"); // format 2: the derived id alone tells its client id
        Map<String, AttributeValue> replayed =
                Fixtures.replayed("r~" + RUN + "~x", RUN, USER, NOW - 5000, NOW - 500, n, false);
        for (Map<String, AttributeValue> item : List.of(root, later, replayed)) {
            for (String attribute : List.of("entry_page", "exit_page", "current_page")) {
                item.computeIfPresent(attribute, (name, value) -> Fixtures.s(page));
            }
        }
        putAll(aws.dynamoDb(), tables.sessions(), inSite(site, List.of(root, later, replayed)));

        List<Map<String, AttributeValue>> active = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            active.add(active(i == 0 ? SESSION : "other-" + i, USER, NOW - 1000 - i, page, false, Map.of(MINUTE, 1L)));
        }
        putAll(aws.dynamoDb(), tables.activeSessions(), inSite(site, active));

        List<Map<String, AttributeValue>> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            events.add(event("ev-" + i, SESSION, USER, NOW - 500_000 + i, page));
        }
        putAll(aws.dynamoDb(), tables.events(), inSite(site, events));

        Counts counts = new Counts(10L * n, n, n, n, 0, 0, 0, 0, 0, 0);
        Rollup rollup = new Rollup(
                counts,
                Map.of((int) (MINUTE % 60), counts),
                Map.of(Dimension.PAGE, Map.of(site + ".example/page", (long) n)),
                null,
                List.of());
        aws.dynamoDb().putItem(r -> r.tableName(tables.stats())
                .item(stats(StatsKey.of(site, Resolution.HOUR, NOW), "shardId-000000000001", rollup)));
        Map<String, AttributeValue> run = Fixtures.run(RUN + "-" + site, NOW - 60_000, NOW - n);
        run.put("pk", Fixtures.s(site + "#runs"));
        aws.dynamoDb().putItem(r -> r.tableName(tables.stats()).item(run));
    }

    private DashboardApplication app(String token) {
        DashboardConfig config = new DashboardConfig(tables, "us-east-1", null, token, List.of(), 2, Duration.ZERO);
        return new DashboardApplication(
                config,
                new DynamoDbDashboardStore(aws.dynamoDb(), tables, 2, (t, u) -> {}),
                new DynamoDbStatsReader(aws.dynamoDb(), tables.stats(), (t, u) -> {}, clock),
                new SiteDirectoryReads(directory, tables.sites()),
                clock);
    }

    private HttpResponse call(DashboardApplication app, String token, String path, Map<String, String> query) {
        Map<String, String> headers = token == null ? Map.of() : Map.of("authorization", "Bearer " + token);
        return app.handle(new HttpRequest("GET", path, headers, query, null, false, null));
    }

    private JsonNode ok(DashboardApplication app, String token, String path, Map<String, String> query)
            throws Exception {
        HttpResponse response = call(app, token, path, query);
        assertThat(response.status())
                .as(path + " " + query + ": " + response.body())
                .isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static Map<String, String> site(String site, String... more) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("site", site);
        for (int i = 0; i < more.length; i += 2) {
            query.put(more[i], more[i + 1]);
        }
        return query;
    }

    /** No other site's page, and no key of the sites' key space: the answer is the site's, in its clients' ids. */
    private static void onlyTheSites(String site, JsonNode body) {
        String text = body.toString();
        for (String other : SITES) {
            if (!other.equals(site)) {
                assertThat(text).as(site + " shows " + other).doesNotContain(other + ".example");
            }
        }
        assertThat(text).doesNotContain("s~").doesNotContain(site + "~ev-");
    }

    @Test
    void everyRoute_whenSitesShareIds_answersTheSiteAskedOnly_inTheClientsIds() throws Exception {
        DashboardApplication app = app(ADMIN);
        for (String site : SITES) {
            int n = SITES.indexOf(site) + 1;
            String page = "https://" + site + ".example/page";

            JsonNode live = ok(app, ADMIN, "/api/live", site(site));
            onlyTheSites(site, live);
            assertThat(live.path("stats").path("site").asText()).isEqualTo(site);
            assertThat(live.path("stats").path("events_current_minute").asLong())
                    .isEqualTo(10L * n);
            assertThat(live.path("stats").path("sample_sessions").asInt()).isEqualTo(n);
            JsonNode rows = live.path("active_sessions").path("sessions");
            assertThat(rows).hasSize(n);
            assertThat(rows.findValuesAsText("session_id")).contains(SESSION);
            assertThat(rows.findValuesAsText("user_id")).containsOnly(USER);
            assertThat(rows.findValuesAsText("current_page")).containsOnly(page);

            JsonNode active = ok(app, ADMIN, "/api/sessions/active", site(site, "limit", "200"));
            onlyTheSites(site, active);
            assertThat(active.path("sessions")).hasSize(n);

            JsonNode summary = ok(app, ADMIN, "/api/stats/summary", site(site));
            onlyTheSites(site, summary);
            assertThat(summary.path("events").asLong()).isEqualTo(10L * n);
            JsonNode pages = ok(app, ADMIN, "/api/stats/breakdown", site(site, "dimension", "page"));
            assertThat(pages.path("items").findValuesAsText("key")).containsExactly(site + ".example/page");

            JsonNode session = ok(app, ADMIN, "/api/sessions/" + SESSION, site(site));
            onlyTheSites(site, session);
            assertThat(session.path("session_id").asText()).isEqualTo(SESSION);
            assertThat(session.path("user_id").asText()).isEqualTo(USER);
            assertThat(session.path("client_session_id").asText()).isEqualTo(SESSION);
            assertThat(session.path("total_events").asInt()).isEqualTo(n);
            assertThat(session.path("current_page").asText()).isEqualTo(page);

            JsonNode events = ok(app, ADMIN, "/api/sessions/" + SESSION + "/events", site(site));
            onlyTheSites(site, events);
            assertThat(events.path("events").findValuesAsText("event_id"))
                    .hasSize(n)
                    .allMatch(id -> id.startsWith("ev-"));
            assertThat(events.path("events").findValuesAsText("session_id")).containsOnly(SESSION);
            assertThat(events.path("events").findValuesAsText("site")).containsOnly(site);

            JsonNode later = ok(app, ADMIN, "/api/sessions/" + SEGMENT, site(site));
            assertThat(later.path("session_id").asText()).isEqualTo(SEGMENT);
            assertThat(later.path("client_session_id").asText()).isEqualTo(SESSION);

            JsonNode userSessions = ok(app, ADMIN, "/api/users/" + USER + "/sessions", site(site));
            onlyTheSites(site, userSessions);
            assertThat(userSessions.path("sessions").findValuesAsText("total_events"))
                    .containsOnly(Integer.toString(n));
            assertThat(userSessions.path("sessions")).hasSize(3); // the session, its later segment, the replayed one

            JsonNode userEvents = ok(app, ADMIN, "/api/users/" + USER + "/events", site(site));
            onlyTheSites(site, userEvents);
            assertThat(userEvents.path("events")).hasSize(n);

            JsonNode runs = ok(app, ADMIN, "/api/replay/runs", site(site));
            assertThat(runs.path("runs").findValuesAsText("run")).containsExactly(RUN + "-" + site);

            JsonNode replay = ok(app, ADMIN, "/api/sessions/active", site(site, "replay", RUN));
            onlyTheSites(site, replay);
            assertThat(replay.path("sessions").findValuesAsText("session_id")).containsExactly("r~" + RUN + "~x");
            assertThat(replay.path("sessions").findValuesAsText("total_events")).containsExactly(Integer.toString(n));
        }
    }

    @Test
    void pages_whenPagedWithCursors_stayInTheirSite() throws Exception {
        DashboardApplication app = app(ADMIN);
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, String> query = site("blog", "limit", "1");
            if (cursor != null) {
                query.put("cursor", cursor);
            }
            JsonNode page = ok(app, ADMIN, "/api/users/" + USER + "/events", query);
            onlyTheSites("blog", page);
            page.path("events").forEach(e -> seen.add(e.path("event_id").asText()));
            cursor = page.path("next_cursor").isNull()
                    ? null
                    : page.path("next_cursor").asText();
        } while (cursor != null);
        assertThat(seen).containsExactlyInAnyOrder("ev-0", "ev-1", "ev-2");

        seen.clear();
        cursor = null;
        do {
            Map<String, String> query = site("blog", "limit", "1");
            if (cursor != null) {
                query.put("cursor", cursor);
            }
            JsonNode page = ok(app, ADMIN, "/api/live", query);
            onlyTheSites("blog", page);
            page.path("active_sessions")
                    .path("sessions")
                    .forEach(s -> seen.add(s.path("session_id").asText()));
            JsonNode next = page.path("active_sessions").path("next_cursor");
            cursor = next.isNull() ? null : next.asText();
        } while (cursor != null);
        assertThat(seen).containsExactly(SESSION, "other-1", "other-2"); // newest start first
    }

    @Test
    void defaultSite_whenAskedForAnIdInTheSitesKeySpace_findsNothing() throws Exception {
        DashboardApplication app = app(ADMIN);
        String shops = "s~shop~" + SESSION;
        assertThat(call(app, ADMIN, "/api/sessions/" + shops, Map.of()).status())
                .isEqualTo(404);
        assertThat(ok(app, ADMIN, "/api/users/s~shop~" + USER + "/events", Map.of())
                        .path("events"))
                .isEmpty();
        assertThat(ok(app, ADMIN, "/api/users/s~shop~" + USER + "/sessions", Map.of())
                        .path("sessions"))
                .isEmpty();
        // and a site asked for another site's key finds its own key space only
        assertThat(call(app, ADMIN, "/api/sessions/" + shops, site("blog")).status())
                .isEqualTo(404);
    }

    @Test
    void secondGuard_whenAnItemUnderASitesKeyNamesAnotherSite_isNotShown() throws Exception {
        // a mistake the keys alone would not catch: shop's key, blog's item
        Map<String, AttributeValue> wrong = inSite("shop", session("mixed", USER, NOW - 1000, NOW - 500, 9));
        wrong.put("site", Fixtures.s("blog"));
        Map<String, AttributeValue> wrongEvent = inSite("shop", event("ev-x", "mixed", USER, NOW - 900, "https://x/"));
        wrongEvent.put("site", Fixtures.s("blog"));
        putAll(aws.dynamoDb(), tables.sessions(), List.of(wrong));
        putAll(aws.dynamoDb(), tables.events(), List.of(wrongEvent));
        DashboardApplication app = app(ADMIN);

        assertThat(call(app, ADMIN, "/api/sessions/mixed", site("shop")).status())
                .isEqualTo(404);
        assertThat(call(app, ADMIN, "/api/sessions/mixed", site("blog")).status())
                .isEqualTo(404);
        assertThat(ok(app, ADMIN, "/api/users/" + USER + "/events", site("shop", "limit", "100"))
                        .path("events")
                        .findValuesAsText("event_id"))
                .doesNotContain("ev-x")
                .hasSize(2);
        assertThat(ok(app, ADMIN, "/api/users/" + USER + "/sessions", site("shop"))
                        .path("sessions")
                        .findValuesAsText("session_id"))
                .doesNotContain("mixed");
    }

    @Test
    void tokens_deploymentTokenReadsEverySite_aReadTokenItsOwn_noneNothing() throws Exception {
        DashboardApplication app = app(ADMIN);
        String shop = readTokens.get("shop");

        for (String token : new String[] {null, "", "nope", writeKeys.get("shop"), ADMIN + "x"}) {
            HttpResponse refused = call(app, token, "/api/live", site("shop"));
            assertThat(refused.status()).as(token).isEqualTo(401);
            assertThat(refused.headers()).containsKey("WWW-Authenticate");
            assertThat(call(app, token, "/api/sites", Map.of()).status()).isEqualTo(401);
        }
        for (String site : SITES) {
            ok(app, ADMIN, "/api/live", site(site));
        }
        onlyTheSites("shop", ok(app, shop, "/api/live", site("shop")));
        onlyTheSites("shop", ok(app, shop, "/api/sessions/" + SESSION + "/events", site("shop")));
        for (Map<String, String> query : List.of(site("blog"), site("default"), Map.<String, String>of())) {
            HttpResponse other = call(app, shop, "/api/live", query);
            assertThat(other.status()).as(query.toString()).isEqualTo(403);
            assertThat(JSON.readTree(other.body()))
                    .isEqualTo(JSON.readTree("{\"error\":\"this token reads site shop only\"}"));
        }
        // every route, the statistics and the original ones (the default site's) included
        assertThat(call(app, shop, "/api/stats/summary", site("blog")).status()).isEqualTo(403);
        assertThat(call(app, shop, "/api/users/" + USER + "/events", site("blog"))
                        .status())
                .isEqualTo(403);
        assertThat(call(app, shop, "/api/replay/runs", site("default")).status())
                .isEqualTo(403);
        assertThat(call(app, shop, "/api/statistics/summary/", Map.of()).status())
                .isEqualTo(403);
        assertThat(call(app, shop, "/api/sessions/active/", Map.of()).status()).isEqualTo(403);
        assertThat(call(app, ADMIN, "/api/statistics/summary/", Map.of()).status())
                .isEqualTo(200);
        // health carries no data and stays open
        assertThat(call(app, null, "/api/health", Map.of()).status()).isEqualTo(200);
    }

    @Test
    void sites_listsWhatTheTokenReads_andNeverAKey() throws Exception {
        DashboardApplication app = app(ADMIN);

        JsonNode all = ok(app, ADMIN, "/api/sites", Map.of());
        assertThat(all.path("sites").findValuesAsText("id")).containsExactly("blog", "default", "shop");
        JsonNode blog = all.path("sites").get(0);
        assertThat(blog.path("name").asText()).isEqualTo("<img src=x onerror=alert(1)> 😀 blog");
        assertThat(blog.path("status").asText()).isEqualTo("active");
        assertThat(blog.path("hostnames").get(1).asText()).isEqualTo("*.blog.example");
        assertThat(JSON.readTree(all.path("sites").get(0).toString()).fieldNames())
                .toIterable()
                .containsExactly("id", "name", "hostnames", "status");
        String text = all.toString();
        assertThat(text).doesNotContain("li_").doesNotContain("sha256");
        for (String site : SITES) {
            assertThat(text).doesNotContain(SiteKeys.sha256(readTokens.get(site)));
        }

        JsonNode mine = ok(app, readTokens.get("shop"), "/api/sites", Map.of());
        assertThat(mine.path("sites").findValuesAsText("id")).containsExactly("shop");
        assertThat(call(app, ADMIN, "/api/sites", Map.of("site", "shop")).status())
                .isEqualTo(400);
    }

    @Test
    void readTokens_whenRotatedOrDisabled_stopOpeningWithinTheCacheAge() throws Exception {
        DashboardApplication app = app(ADMIN);
        String old = readTokens.get("shop");
        ok(app, old, "/api/live", site("shop"));

        register("shop", true); // rotated: every key of the site anew
        ok(app, old, "/api/live", site("shop")); // still cached
        clock.advance(30_000);
        assertThat(call(app, old, "/api/live", site("shop")).status()).isEqualTo(401);
        ok(app, readTokens.get("shop"), "/api/live", site("shop"));

        String current = readTokens.get("shop");
        directory.put(directory.byId("shop").orElseThrow().withActive(false), null, null, current);
        clock.advance(30_000);
        HttpResponse disabled = call(app, current, "/api/live", site("shop"));
        assertThat(disabled.status()).isEqualTo(403);
        assertThat(disabled.body()).isEqualTo("{\"error\":\"site disabled\"}");
    }

    @Test
    void noDashboardToken_everySiteIsOpen_asInLocalDevelopment() throws Exception {
        DashboardApplication app = app(null);
        for (String site : SITES) {
            onlyTheSites(site, ok(app, null, "/api/live", site(site)));
        }
        assertThat(ok(app, null, "/api/sites", Map.of()).path("sites")).hasSize(3);
    }

    @Test
    void site_whenNotASiteId_isA400WithTheReason() throws Exception {
        DashboardApplication app = app(ADMIN);
        for (String bad : new String[] {"", "Shop", "-shop", "a".repeat(33), "shop~x", "shop#h", "<script>", "😀"}) {
            HttpResponse response = call(app, ADMIN, "/api/stats/summary", Map.of("site", bad, "range", "1y"));
            assertThat(response.status()).as(bad).isEqualTo(400);
            JsonNode reasons = JSON.readTree(response.body()).path("reasons");
            assertThat(reasons.toString()).contains("site must be 1-32 characters of a-z 0-9 -");
            assertThat(reasons).hasSize(2); // and the range's: every reason at once
            // a read token gets the same 400, not a 403 that would tell nothing
            assertThat(call(app, readTokens.get("shop"), "/api/live", Map.of("site", bad))
                            .status())
                    .isEqualTo(400);
        }
    }
}
