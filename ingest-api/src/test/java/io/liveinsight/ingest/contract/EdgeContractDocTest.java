package io.liveinsight.ingest.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.event.EventCodec;
import io.liveinsight.event.EventLimits;
import io.liveinsight.event.replay.ReplayKey;
import io.liveinsight.event.site.SiteKeys;
import io.liveinsight.event.site.SiteLimits;
import io.liveinsight.ingest.domain.Ids;
import io.liveinsight.ingest.domain.RejectReason;
import io.liveinsight.ingest.http.CorsPolicy;
import io.liveinsight.ingest.http.EdgeOptions;
import io.liveinsight.ingest.http.EventIngestor;
import io.liveinsight.ingest.http.IngestEdge;
import io.liveinsight.ingest.http.IngestRequest;
import io.liveinsight.ingest.http.IngestResponse;
import io.liveinsight.ingest.http.ReplayGate;
import io.liveinsight.ingest.http.SiteGate;
import io.liveinsight.ingest.limits.EdgeLimiter;
import io.liveinsight.ingest.site.CachingSiteDirectory;
import io.liveinsight.ingest.site.SiteOrigins;
import io.liveinsight.ingest.testing.Bodies;
import io.liveinsight.ingest.testing.FakePublisher;
import io.liveinsight.ingest.testing.InMemoryBudgetLeases;
import io.liveinsight.ingest.testing.ManualClock;
import io.liveinsight.ingest.testing.RecordingMetrics;
import io.liveinsight.ingest.testing.Sites;
import io.liveinsight.lambda.http.HttpRequest;
import io.liveinsight.sites.InMemorySiteDirectory;
import io.liveinsight.sites.SiteDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Cites docs/contract/api.md#statuses and docs/contract/api.md#reject-reasons: each reject reason of the page is a
 * {@link RejectReason} and the edge answers it with the page's status; the page's statuses are the ones the edge
 * answers, with the headers it names.
 */
class EdgeContractDocTest {

    private static final String SHOP = "https://shop.example.com";
    private static final String EVENT = "{\"event_type\":\"page_view\"}";

    /** A row of the reject reasons table: | `reason` | status | when |. */
    private static final Pattern REASON_ROW = Pattern.compile("^\\| `([a-z_]+)` \\| (\\d{3}) \\|", Pattern.MULTILINE);

    /** A row of the statuses table: | status | when | body | headers |. */
    private static final Pattern STATUS_ROW = Pattern.compile("^\\| (\\d{3}) \\|.*\\| ([^|]*) \\|$", Pattern.MULTILINE);

    private static final String REPLAY_KEY = "edge-contract-replay-key";

    private static final String SESSION_EVENT = "{\"event_type\":\"page_view\",\"session_id\":\"s1\"}";
    private static final SiteLimits ROOMY = new SiteLimits(1_000, 1_000, 1_000, 1_000, 1_000, 1_000);

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-06T16:00:00.100Z"));
    private final FakePublisher publisher = new FakePublisher();
    private final RecordingMetrics metrics = new RecordingMetrics();
    private final Map<String, String> serverKeys = new LinkedHashMap<>();
    private final String shopWrite = Sites.key(SiteKeys.Kind.WRITE);
    private final InMemorySiteDirectory registry = new InMemorySiteDirectory();

    {
        site("shop", ROOMY, true, shopWrite);
        site("off", ROOMY, false, null);
        site("client", new SiteLimits(1_000, 1_000, 1, 1, 1_000, 1_000), true, null);
        site("session", new SiteLimits(1_000, 1_000, 1_000, 1_000, 1, 1), true, null);
        site("site", new SiteLimits(1, 1, 1_000, 1_000, 1_000, 1_000), true, null);
    }

    private final IngestEdge edge = edge(new ReplayGate(ReplayKey.of(REPLAY_KEY)), registry, true, 5_000);
    private final IngestEdge laneOff = edge(ReplayGate.OFF, registry, true, 5_000);
    private final IngestEdge noDefaultSite = edge(ReplayGate.OFF, registry, false, 5_000);
    private final IngestEdge ceilingOfOne = edge(ReplayGate.OFF, registry, true, 1);
    private final IngestEdge registryDown = edge(ReplayGate.OFF, new Sites.Down(), true, 5_000);

    private void site(String id, SiteLimits limits, boolean active, String writeKey) {
        String server = Sites.key(SiteKeys.Kind.SERVER);
        serverKeys.put(id, server);
        registry.put(Sites.site(id, limits, writeKey, "shop.example.com").withActive(active), writeKey, server, null);
    }

    private IngestEdge edge(ReplayGate replay, SiteDirectory sites, boolean defaultSite, int deploymentPerSecond) {
        CorsPolicy cors = CorsPolicy.of(List.of(SHOP));
        SiteDirectory cached = new CachingSiteDirectory(sites, clock, Duration.ofSeconds(30), 100);
        return new IngestEdge(
                new EventIngestor(
                        publisher,
                        metrics,
                        new EventCodec().mapper(),
                        clock,
                        new Ids(clock, new Random(1)),
                        EdgeOptions.DEFAULTS,
                        replay,
                        new SiteGate(cached, defaultSite, cors),
                        new EdgeLimiter(
                                new InMemoryBudgetLeases(),
                                new EdgeLimiter.DeploymentLimit(deploymentPerSecond, deploymentPerSecond),
                                clock,
                                () -> clock.millis() * 1_000_000,
                                100)),
                publisher,
                cors.withSites(new SiteOrigins(cached)));
    }

    /** The edge that answers a reason. */
    private IngestEdge edgeFor(RejectReason reason) {
        return switch (reason) {
            case REPLAY_LANE_OFF -> laneOff;
            case SITE_KEY_MISSING -> noDefaultSite;
            case RATE_LIMITED_DEPLOYMENT -> ceilingOfOne;
            case SITE_REGISTRY_UNAVAILABLE -> registryDown;
            default -> edge;
        };
    }

    /** The answer to the request rejected for a reason; a limit's is the second request, the first filling it. */
    private IngestResponse answer(RejectReason reason) {
        IngestRequest request = requestRejectedFor(reason);
        if (reason.dimension().startsWith("rate_limited_")) {
            assertThat(edgeFor(reason).handle(request).status())
                    .as(reason.dimension())
                    .isEqualTo(200);
        }
        return edgeFor(reason).handle(request);
    }

    @Test
    void rejectReasons_whenReadFromThePage_areTheEnumAndTheStatusesTheEdgeAnswers() {
        Map<String, Integer> documented = reasons();

        assertThat(documented.keySet())
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(RejectReason.values())
                        .map(RejectReason::dimension)
                        .toList());
        for (RejectReason reason : RejectReason.values()) {
            IngestResponse response = answer(reason);

            assertThat(metrics.last().rejected()).as(reason.dimension()).containsKey(reason);
            assertThat(response.status()).as(reason.dimension()).isEqualTo(documented.get(reason.dimension()));
        }
    }

    @Test
    void statuses_whenReadFromThePage_areEveryAnswerOfTheEdgeWithItsHeaders() {
        Map<Integer, String> documented = statuses();
        Set<Integer> answered = new TreeSet<>();
        for (RejectReason reason : RejectReason.values()) {
            answered.add(check(answer(reason), documented));
        }
        answered.add(check(edge.handle(post(Map.of(), EVENT)), documented));
        answered.add(check(edge.handle(preflight()), documented));
        answered.add(check(edge.handle(request("PUT", Map.of(), EVENT)), documented));

        assertThat(answered).containsExactlyInAnyOrderElementsOf(documented.keySet());
        assertThat(documented.get(405)).contains("Allow: POST, OPTIONS");
        assertThat(documented.get(503)).contains("Retry-After");
    }

    /** The response's status, after checking the headers the page promises on it. */
    private static int check(IngestResponse response, Map<Integer, String> documented) {
        assertThat(documented)
                .as("status " + response.status() + " on the page")
                .containsKey(response.status());
        assertThat(response.headers()).containsEntry("Cache-Control", "no-store");
        String headers = documented.get(response.status());
        if (headers.contains("Allow:")) {
            assertThat(response.headers()).containsEntry("Allow", "POST, OPTIONS");
        }
        if (headers.contains("Retry-After")) {
            assertThat(response.headers()).containsKey("Retry-After");
        }
        return response.status();
    }

    private IngestRequest requestRejectedFor(RejectReason reason) {
        publisher.refuse = reason == RejectReason.STREAM_UNAVAILABLE;
        return switch (reason) {
            case INVALID_FIELD -> post(Map.of(), "[{\"event_id\":\"\"}," + EVENT + "]");
            case NOT_AN_OBJECT -> post(Map.of(), "[1," + EVENT + "]");
            case EVENT_TOO_LARGE ->
                post(Map.of(), "[" + Bodies.eventOfBytes("s", EventLimits.MAX_EVENT_BYTES + 1) + "," + EVENT + "]");
            case MALFORMED_BODY -> post(Map.of(), "{");
            case NO_EVENTS -> post(Map.of(), "[]");
            case BODY_TOO_LARGE -> post(Map.of(), "[" + " ".repeat(EventLimits.MAX_BODY_BYTES) + "]");
            case TOO_MANY_EVENTS -> post(Map.of(), Bodies.array(EVENT, EventLimits.MAX_EVENTS_PER_REQUEST + 1));
            case UNSUPPORTED_MEDIA_TYPE -> request("POST", Map.of("Content-Type", "text/html"), EVENT);
            case ORIGIN_NOT_ALLOWED -> post(Map.of("Origin", "https://elsewhere.example.net"), EVENT);
            case REPLAY_LANE_OFF, REPLAY_KEY_REFUSED ->
                post(Map.of(ReplayGate.RUN_HEADER, "run-1", ReplayGate.KEY_HEADER, "not-the-key-at-all"), EVENT);
            case REPLAY_RUN_INVALID ->
                post(Map.of(ReplayGate.RUN_HEADER, "Run_1", ReplayGate.KEY_HEADER, REPLAY_KEY), EVENT);
            case REPLAY_RUN_MISSING -> post(Map.of(ReplayGate.KEY_HEADER, REPLAY_KEY), EVENT);
            case STREAM_UNAVAILABLE -> post(Map.of(), EVENT);
            case SITE_KEY_MISSING -> post(Map.of(), EVENT);
            case SITE_KEY_UNKNOWN -> post(Map.of(SiteGate.KEY_HEADER, Sites.key(SiteKeys.Kind.SERVER)), EVENT);
            case SITE_DISABLED -> post(Map.of(SiteGate.KEY_HEADER, serverKeys.get("off")), EVENT);
            case HOST_NOT_ALLOWED ->
                post(
                        Map.of(),
                        "{\"site\":\"" + shopWrite + "\",\"events\":[{\"page_url\":\"https://shop.example.com/\"},"
                                + "{\"page_url\":\"https://elsewhere.example/\"}]}");
            case SITE_REGISTRY_UNAVAILABLE -> post(Map.of(SiteGate.KEY_HEADER, serverKeys.get("shop")), EVENT);
            case RATE_LIMITED_CLIENT -> post(Map.of(SiteGate.KEY_HEADER, serverKeys.get("client")), EVENT);
            case RATE_LIMITED_SESSION -> post(Map.of(SiteGate.KEY_HEADER, serverKeys.get("session")), SESSION_EVENT);
            case RATE_LIMITED_SITE -> post(Map.of(SiteGate.KEY_HEADER, serverKeys.get("site")), SESSION_EVENT);
            case RATE_LIMITED_DEPLOYMENT -> post(Map.of(), EVENT);
        };
    }

    private static IngestRequest post(Map<String, String> headers, String body) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putIfAbsent("Content-Type", "application/json");
        return request("POST", all, body);
    }

    private static IngestRequest preflight() {
        return request("OPTIONS", Map.of("Origin", SHOP, "Access-Control-Request-Method", "POST"), null);
    }

    private static IngestRequest request(String method, Map<String, String> headers, String body) {
        return new IngestRequest(method, "/events", HttpRequest.lowerCase(headers), body, false, "192.0.2.1");
    }

    private static Map<String, Integer> reasons() {
        Map<String, Integer> reasons = new LinkedHashMap<>();
        Matcher row = REASON_ROW.matcher(section("### Reject reasons"));
        while (row.find()) {
            reasons.put(row.group(1), Integer.parseInt(row.group(2)));
        }
        return reasons;
    }

    private static Map<Integer, String> statuses() {
        Matcher row = STATUS_ROW.matcher(section("### Statuses"));
        return row.results()
                .collect(Collectors.toMap(
                        r -> Integer.parseInt(r.group(1)), r -> r.group(2), (a, b) -> a, LinkedHashMap::new));
    }

    /** The text of docs/contract/api.md from a heading to the next heading. */
    private static String section(String heading) {
        String page = page();
        int start = page.indexOf("\n" + heading + "\n");
        assertThat(start).as(heading + " in docs/contract/api.md").isNotNegative();
        int end = page.indexOf("\n#", start + heading.length() + 2);
        return page.substring(start, end < 0 ? page.length() : end);
    }

    /** docs/contract/api.md, found from the working directory up to the folder with mvnw. */
    private static String page() {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.isRegularFile(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        try {
            return Files.readString(dir.resolve("docs/contract/api.md"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
