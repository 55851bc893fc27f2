package io.liveinsight.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.event.Event;
import io.liveinsight.event.EventCodec;
import io.liveinsight.event.replay.ReplayKey;
import io.liveinsight.event.site.Site;
import io.liveinsight.event.site.SiteKeys;
import io.liveinsight.event.site.SiteLimits;
import io.liveinsight.ingest.domain.Ids;
import io.liveinsight.ingest.domain.RejectReason;
import io.liveinsight.ingest.limits.EdgeLimiter;
import io.liveinsight.ingest.site.CachingSiteDirectory;
import io.liveinsight.ingest.site.SiteOrigins;
import io.liveinsight.ingest.testing.FakePublisher;
import io.liveinsight.ingest.testing.InMemoryBudgetLeases;
import io.liveinsight.ingest.testing.ManualClock;
import io.liveinsight.ingest.testing.RecordingMetrics;
import io.liveinsight.ingest.testing.Sites;
import io.liveinsight.lambda.http.HttpRequest;
import io.liveinsight.sites.InMemorySiteDirectory;
import io.liveinsight.sites.SiteDirectory;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * docs/contract/sites.md#at-the-edge and #limits through the whole edge: each key case (missing, unknown, disabled,
 * rotated, a browser key from another host, a server key without Origin), the page checks without Origin, the site on
 * every published event, 429s, the CORS preflight for sites' hosts; a refused request publishes nothing.
 */
class SitesEdgeTest {

    private static final String SHOP_ORIGIN = "https://shop.example";
    private static final SiteLimits LIMITS = new SiteLimits(500, 1_000, 20, 200, 10, 100);

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-06T16:00:00.100Z"));
    private final String shopWrite = Sites.key(SiteKeys.Kind.WRITE);
    private final String shopServer = Sites.key(SiteKeys.Kind.SERVER);
    private final String blogWrite = Sites.key(SiteKeys.Kind.WRITE);
    private final String shopRead = Sites.key(SiteKeys.Kind.READ);
    private final Site shop = Sites.site("shop", LIMITS, shopWrite, "shop.example", "*.shop.example");
    private final Site blog = Sites.site("blog", LIMITS, blogWrite, "blog.example");
    private final InMemorySiteDirectory registry = new InMemorySiteDirectory()
            .put(shop, shopWrite, shopServer, shopRead)
            .put(blog, blogWrite, null, null);
    private final FakePublisher publisher = new FakePublisher();
    private final RecordingMetrics metrics = new RecordingMetrics();
    private final InMemoryBudgetLeases leases = new InMemoryBudgetLeases();

    private IngestEdge edge(SiteDirectory directory, boolean defaultSite, ReplayGate replay) {
        SiteDirectory cached = new CachingSiteDirectory(directory, clock, Duration.ofSeconds(30), 100);
        CorsPolicy listed = CorsPolicy.of(List.of("https://listed.example"));
        return new IngestEdge(
                new EventIngestor(
                        publisher,
                        metrics,
                        new EventCodec().mapper(),
                        clock,
                        new Ids(clock, new Random(1)),
                        EdgeOptions.DEFAULTS,
                        replay,
                        new SiteGate(cached, defaultSite, listed),
                        new EdgeLimiter(
                                leases,
                                EdgeLimiter.DeploymentLimit.DEFAULTS,
                                clock,
                                () -> clock.millis() * 1_000_000,
                                100)),
                publisher,
                listed.withSites(new SiteOrigins(cached)));
    }

    private IngestEdge edge() {
        return edge(registry, false, ReplayGate.OFF);
    }

    private static IngestRequest post(String body, Map<String, String> headers, Map<String, String> query) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putIfAbsent("Content-Type", "application/json");
        return new IngestRequest("POST", "/events", HttpRequest.lowerCase(all), body, false, "192.0.2.7", query);
    }

    private static IngestRequest post(String body, Map<String, String> headers) {
        return post(body, headers, Map.of());
    }

    private static String envelope(String key, String... events) {
        return "{\"site\":\"" + key + "\",\"events\":[" + String.join(",", events) + "]}";
    }

    private static String event(String session, String pageUrl) {
        return "{\"session_id\":\"" + session + "\",\"event_type\":\"page_view\""
                + (pageUrl == null ? "" : ",\"page_url\":\"" + pageUrl + "\"") + "}";
    }

    private RejectReason lastReason() {
        return metrics.last().rejected().keySet().iterator().next();
    }

    @Test
    void serverKey_withoutOrigin_isAccepted_andEveryEventCarriesTheSite() {
        IngestResponse response = edge().handle(post(
                "[" + event("s1", null) + "," + event("s2", "https://elsewhere.example/") + "]",
                Map.of(SiteGate.KEY_HEADER, shopServer)));

        assertThat(response.status()).isEqualTo(200);
        assertThat(publisher.published).hasSize(2).allSatisfy(e -> assertThat(e.site())
                .isEqualTo("shop"));
    }

    @Test
    void writeKey_inTheEnvelope_fromItsOrigin_orASubdomainWithAPort_isAccepted() {
        IngestEdge edge = edge();

        IngestResponse fromItsOrigin =
                edge.handle(post(envelope(shopWrite, event("s1", null)), Map.of("Origin", SHOP_ORIGIN)));
        assertThat(fromItsOrigin.status()).isEqualTo(200);
        assertThat(fromItsOrigin.headers())
                .as("the site allowed the origin: the browser may read the answer")
                .containsEntry("Access-Control-Allow-Origin", SHOP_ORIGIN)
                .containsEntry("Access-Control-Expose-Headers", "Retry-After");
        assertThat(edge.handle(post(
                                envelope(shopWrite, event("s1", null)),
                                Map.of("Origin", "https://www.shop.example:8443")))
                        .status())
                .isEqualTo(200);
        assertThat(publisher.published).allSatisfy(e -> assertThat(e.site()).isEqualTo("shop"));
    }

    @Test
    void writeKey_inTheBeaconsUrl_isAccepted() {
        IngestResponse response = edge().handle(post(
                event("s1", null),
                Map.of("Origin", SHOP_ORIGIN, "Content-Type", "text/plain;charset=UTF-8"),
                Map.of("site", shopWrite)));

        assertThat(response.status()).isEqualTo(200);
        assertThat(publisher.published.get(0).site()).isEqualTo("shop");
    }

    @Test
    void writeKey_fromAnotherSitesOrigin_is403_andPublishesNothing() {
        IngestResponse response =
                edge().handle(post(envelope(shopWrite, event("s1", null)), Map.of("Origin", "https://blog.example")));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.body()).containsEntry("error", "origin not allowed for this site");
        assertThat(response.headers()).doesNotContainKey("Access-Control-Allow-Origin");
        assertThat(lastReason()).isEqualTo(RejectReason.ORIGIN_NOT_ALLOWED);
        assertThat(publisher.calls).isEmpty();
    }

    @Test
    void writeKey_fromAnOriginNoSiteHas_isRefused_andPublishesNothing() {
        IngestResponse response =
                edge().handle(post(envelope(shopWrite, event("s1", null)), Map.of("Origin", "https://evil.example")));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.headers()).doesNotContainKey("Access-Control-Allow-Origin");
        assertThat(publisher.calls).isEmpty();
    }

    @Test
    void writeKey_withoutOrigin_keepsOnlyTheEventsWhosePageIsOnTheSitesHosts() {
        IngestResponse response = edge().handle(post(
                envelope(
                        shopWrite,
                        event("s1", "https://shop.example/cart"),
                        event("s1", "https://evil.example/"),
                        event("s1", null),
                        event("s1", "https://shop.example.evil.example/"),
                        event("s1", "https://shop.example@evil.example/"),
                        event("s1", "https://evil.example/?u=https://shop.example/"),
                        event("s1", "https://evil.example\\\\@shop.example/"),
                        event("s1", "javascript://shop.example/%0aalert(1)"),
                        event("s1", "HTTPS://A.SHOP.EXAMPLE:8443/p")),
                Map.of()));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).containsEntry("accepted", 2);
        assertThat(publisher.published)
                .extracting(Event::pageUrl)
                .containsExactly("https://shop.example/cart", "HTTPS://A.SHOP.EXAMPLE:8443/p");
        assertThat(metrics.last().rejected()).containsEntry(RejectReason.HOST_NOT_ALLOWED, 7);
    }

    @Test
    void noKey_whenTheDefaultSiteIsOff_is401WithTheContractsMessage() {
        IngestResponse response = edge().handle(post(event("s1", null), Map.of()));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body())
                .containsEntry("error", "site key missing: send the site's write key in \"site\" or X-LiveInsight-Key");
        assertThat(lastReason()).isEqualTo(RejectReason.SITE_KEY_MISSING);
        assertThat(publisher.calls).isEmpty();
    }

    @Test
    void noKey_whenTheDefaultSiteIsOn_writesToDefault_fromListedOriginsOnly() {
        IngestEdge edge = edge(registry, true, ReplayGate.OFF);

        assertThat(edge.handle(post(event("s1", null), Map.of())).status()).isEqualTo(200);
        assertThat(edge.handle(post(event("s1", null), Map.of("Origin", "https://listed.example")))
                        .status())
                .isEqualTo(200);
        assertThat(edge.handle(post(event("s1", null), Map.of("Origin", SHOP_ORIGIN)))
                        .status())
                .as("a site's host is no default-site origin")
                .isEqualTo(403);
        assertThat(publisher.published).hasSize(2).allSatisfy(e -> assertThat(e.site())
                .isEqualTo("default"));
    }

    @Test
    void noKey_whenTheDefaultSitesItemIsDisabled_is403() {
        registry.put(Sites.site("default", LIMITS, null).withActive(false), null, null, null);

        IngestResponse response = edge(registry, true, ReplayGate.OFF).handle(post(event("s1", null), Map.of()));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.body()).containsEntry("error", "site disabled");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "li_pub_aaaaaaaaaaaaaaaaaaaaaaaaaa",
                "li_sec_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                "<script>alert(1)</script>",
                "li_pub_😀😀😀😀😀😀😀😀😀😀😀😀😀",
                "li_pub_~#|~#|~#|~#|~#|~#|~#|~#|~",
                "LI_PUB_AAAAAAAAAAAAAAAAAAAAAAAAAA",
                ""
            })
    void unknownOrMalformedKeys_are401_andTheKeyIsNeverEchoed(String key) {
        IngestEdge edge = edge();

        IngestResponse inHeader = edge.handle(post(event("s1", null), Map.of(SiteGate.KEY_HEADER, key)));
        IngestResponse inBody = edge.handle(post(envelope(key, event("s1", null)), Map.of()));

        for (IngestResponse response : List.of(inHeader, inBody)) {
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.body()).containsEntry("error", "site key unknown");
            assertThat(response.toString()).doesNotContain(key.isEmpty() ? "li_" : key);
        }
        assertThat(lastReason()).isEqualTo(RejectReason.SITE_KEY_UNKNOWN);
        assertThat(publisher.calls).isEmpty();
    }

    @Test
    void aLongKey_isRefusedWithoutAskingTheRegistry() {
        Sites.Down down = new Sites.Down();
        IngestResponse response = edge(down, false, ReplayGate.OFF)
                .handle(post(event("s1", null), Map.of(SiteGate.KEY_HEADER, "li_sec_" + "a".repeat(100_000))));

        assertThat(response.status()).isEqualTo(401);
        assertThat(down.calls).isZero();
    }

    @Test
    void secretKeys_whereAPagePutsItsKey_andReadTokens_areUnknownForWriting() {
        IngestEdge edge = edge();

        assertThat(edge.handle(post(envelope(shopServer, event("s1", null)), Map.of()))
                        .status())
                .isEqualTo(401);
        assertThat(edge.handle(post(event("s1", null), Map.of(SiteGate.KEY_HEADER, shopRead)))
                        .status())
                .isEqualTo(401);
        assertThat(edge.handle(post(event("s1", null), Map.of(), Map.of("site", shopServer)))
                        .status())
                .isEqualTo(401);
    }

    @Test
    void disabledSite_is403_forEitherKey() {
        registry.put(shop.withActive(false), shopWrite, shopServer, null);
        IngestEdge edge = edge();

        IngestResponse write = edge.handle(post(envelope(shopWrite, event("s1", null)), Map.of()));
        IngestResponse server = edge.handle(post(event("s1", null), Map.of(SiteGate.KEY_HEADER, shopServer)));

        assertThat(server.status()).isEqualTo(403);
        assertThat(write.status()).isEqualTo(403);
        assertThat(server.body()).containsEntry("error", "site disabled");
        assertThat(lastReason()).isEqualTo(RejectReason.SITE_DISABLED);
        assertThat(publisher.calls).isEmpty();
    }

    @Test
    void rotatedKey_isRefusedOnceTheCacheAgeHasPassed_andTheNewOneAccepted() {
        IngestEdge edge = edge();
        assertThat(edge.handle(post(event("s1", null), Map.of(SiteGate.KEY_HEADER, shopServer)))
                        .status())
                .isEqualTo(200);
        String rotated = Sites.key(SiteKeys.Kind.SERVER);
        registry.put(shop, shopWrite, rotated, null);

        clock.advance(Duration.ofSeconds(30));

        assertThat(edge.handle(post(event("s1", null), Map.of(SiteGate.KEY_HEADER, shopServer)))
                        .status())
                .isEqualTo(401);
        assertThat(edge.handle(post(event("s1", null), Map.of(SiteGate.KEY_HEADER, rotated)))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void overALimit_is429WithRetryAfterAndTheLimit_countedPerEvent_andPublishesNothing() {
        IngestEdge edge = edge();
        assertThat(edge.handle(post(events(100, "s1"), Map.of(SiteGate.KEY_HEADER, shopServer)))
                        .status())
                .isEqualTo(200);
        int published = publisher.published.size();

        IngestResponse response = edge.handle(post(events(5, "s1"), Map.of(SiteGate.KEY_HEADER, shopServer)));

        assertThat(response.status()).isEqualTo(429);
        assertThat(response.headers()).containsEntry("Retry-After", "1");
        assertThat(response.body()).isEqualTo(Map.of("error", "rate limit: session", "limit", "session"));
        assertThat(metrics.last().rejected()).isEqualTo(Map.of(RejectReason.RATE_LIMITED_SESSION, 5));
        assertThat(publisher.published).hasSize(published);
    }

    @Test
    void preflight_fromTheHostOfTheActiveSiteItsUrlNames_isAllowed_andOtherwiseNot() {
        registry.put(blog.withActive(false), blogWrite, null, null);
        IngestEdge edge = edge();

        IngestResponse shopPreflight = edge.handle(preflight(SHOP_ORIGIN, shopWrite));

        assertThat(shopPreflight.status()).isEqualTo(204);
        assertThat(shopPreflight.headers()).containsEntry("Access-Control-Allow-Origin", SHOP_ORIGIN);
        assertThat(edge.handle(preflight("https://blog.example", blogWrite)).status())
                .as("a disabled site")
                .isEqualTo(403);
        assertThat(edge.handle(preflight("https://blog.example", shopWrite)).status())
                .as("another site's host")
                .isEqualTo(403);
        assertThat(edge.handle(preflight(SHOP_ORIGIN, null)).status())
                .as("no site named")
                .isEqualTo(403);
        assertThat(edge.handle(preflight(SHOP_ORIGIN, shopServer)).status())
                .as("a secret key")
                .isEqualTo(403);
        assertThat(edge.handle(preflight("https://listed.example", null)).status())
                .isEqualTo(204);
    }

    @Test
    void registryDown_withNothingCached_is503WithRetryAfter() {
        IngestResponse response = edge(new Sites.Down(), false, ReplayGate.OFF)
                .handle(post(envelope(shopWrite, event("s1", null)), Map.of()));

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.headers()).containsKey("Retry-After");
        assertThat(lastReason()).isEqualTo(RejectReason.SITE_REGISTRY_UNAVAILABLE);
    }

    @Test
    void envelopeSite_whenNotAString_is400() {
        IngestResponse response =
                edge().handle(post("{\"site\":{\"a\":1},\"events\":[" + event("s", null) + "]}", Map.of()));

        assertThat(response.status()).isEqualTo(400);
        assertThat(lastReason()).isEqualTo(RejectReason.MALFORMED_BODY);
    }

    @Test
    void replay_namesItsSiteByTheServerKey_andMeetsOnlyTheDeploymentCeiling() {
        String replayKey = "sites-edge-test-replay-key";
        IngestEdge edge = edge(registry, false, new ReplayGate(ReplayKey.of(replayKey)));

        IngestResponse response = edge.handle(post(
                events(150, "s1"),
                Map.of(
                        SiteGate.KEY_HEADER, shopServer,
                        ReplayGate.RUN_HEADER, "run-1",
                        ReplayGate.KEY_HEADER, replayKey)));

        assertThat(response.status()).isEqualTo(200);
        assertThat(publisher.published).hasSize(150).allSatisfy(e -> {
            assertThat(e.site()).isEqualTo("shop");
            assertThat(e.replayRun()).isEqualTo("run-1");
        });
    }

    private static IngestRequest preflight(String origin, String urlKey) {
        return new IngestRequest(
                "OPTIONS",
                "/events",
                HttpRequest.lowerCase(Map.of("Origin", origin, "Access-Control-Request-Method", "POST")),
                null,
                false,
                "192.0.2.7",
                urlKey == null ? Map.of() : Map.of("site", urlKey));
    }

    /** {@code count} events of one session. */
    private static String events(int count, String session) {
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            body.append(i == 0 ? "" : ",").append(event(session, null));
        }
        return body.append(']').toString();
    }
}
