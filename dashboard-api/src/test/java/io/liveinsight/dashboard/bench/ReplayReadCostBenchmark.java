package io.liveinsight.dashboard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liveinsight.dashboard.adapter.dynamodb.DynamoDbDashboardStore;
import io.liveinsight.dashboard.adapter.dynamodb.DynamoDbStatsReader;
import io.liveinsight.dashboard.config.DashboardConfig;
import io.liveinsight.dashboard.http.DashboardApplication;
import io.liveinsight.dashboard.support.Fixtures;
import io.liveinsight.event.TableNames;
import io.liveinsight.event.replay.ReplayIds;
import io.liveinsight.event.replay.ReplayKey;
import io.liveinsight.event.replay.ReplayLane;
import io.liveinsight.event.stats.Counts;
import io.liveinsight.event.stats.Resolution;
import io.liveinsight.event.stats.Rollup;
import io.liveinsight.event.stats.StatsKey;
import io.liveinsight.lambda.http.HttpRequest;
import io.liveinsight.lambda.http.HttpResponse;
import io.liveinsight.local.engines.LocalAws;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.DoubleAdder;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What a replay beside live traffic costs the live page (docs/contract/replay.md#where-a-run-shows): {@code R} replayed
 * active sessions of one run beside {@code L} live ones, one refresh of {@code GET /api/live?limit=25} (read units as
 * DynamoDB Local reports them, median latency of 5, how many of the live sessions the 200-session sample and the first
 * page hold, and how many pages list them all), in three layouts:
 *
 * <ul>
 *   <li><b>live only</b>: the {@code L} live sessions alone, the reference.
 *   <li><b>replayed in ActiveSessions</b>: the replayed sessions also have ActiveSessions items (with
 *       {@code replay_run}), which the live reads filter out: DynamoDB still reads and bills them, and the bounded pages
 *       fill with them.
 *   <li><b>replayed in Sessions only</b>: what the contract says: ActiveSessions holds live sessions only, a run's are
 *       read from Sessions' sparse {@code ReplayIndex}; plus the replay view ({@code replay=<run>}) itself.
 * </ul>
 *
 * Items are shaped like the processor's: ActiveSessions items as {@link ReadCostBenchmark}'s, Sessions items with the
 * internal attributes of store format 2 (~1 KB). Prints figures; not a test.
 *
 * <pre>./mvnw -B -q -pl dashboard-api -am -Pbench-replay -DskipTests verify  (-Dbench.replay=10000,100)</pre>
 */
public final class ReplayReadCostBenchmark {

    static final int RUNS = 5;
    /** Requests before the timed ones: the first layout would otherwise pay the JVM's warm-up. */
    static final int WARM_UP = 10;

    static final String RUN = "load-test-1";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReplayReadCostBenchmark() {}

    public static void main(String[] args) throws Exception {
        String[] sizes = (args.length == 0 ? "10000,100" : args[0]).split(",");
        int replayed = Integer.parseInt(sizes[0].strip());
        int live = Integer.parseInt(sizes[1].strip());
        try (LocalAws aws = LocalAws.startOnFreePorts()) {
            System.out.printf(
                    "%n%d replayed active sessions of run %s beside %d live ones; one refresh of /api/live?limit=25%n",
                    replayed, RUN, live);
            System.out.printf(
                    "%-44s %-10s %-10s %-18s %-18s %-14s%n",
                    "layout / request", "RCU", "ms", "live in sample", "live on page 1", "pages to list");
            long now = System.currentTimeMillis();
            TableNames alone = aws.createTables("ReplayBenchLive");
            write(aws, alone, now, live, 0, false);
            measure(aws, alone, live, "live only: live view", Map.of());

            TableNames inActive = aws.createTables("ReplayBenchActive");
            write(aws, inActive, now, live, replayed, true);
            measure(aws, inActive, live, "replayed in ActiveSessions: live view", Map.of());

            TableNames inSessions = aws.createTables("ReplayBenchSessions");
            write(aws, inSessions, now, live, replayed, false);
            measure(aws, inSessions, live, "replayed in Sessions only: live view", Map.of());
            measure(aws, inSessions, replayed, "replayed in Sessions only: replay view", Map.of("replay", RUN));
        }
        System.out.println();
        System.out.println("RCU: read units of one refresh (eventually consistent); ms: median of " + RUNS
                + " (DynamoDB Local on this machine); live in sample / on page 1: live sessions among the 200 sampled"
                + " / the 25 shown (replay view: the run's); pages to list: pages of 25 until next_cursor is null.");
    }

    /** {@code live} live sessions and {@code replayed} of one run, active now, with the rollups they make. */
    private static void write(
            LocalAws aws, TableNames tables, long now, int live, int replayed, boolean replayedActive) {
        List<Map<String, AttributeValue>> active = new ArrayList<>();
        List<Map<String, AttributeValue>> sessions = new ArrayList<>();
        for (int i = 0; i < live; i++) {
            String id = "0193e4a2-7c1d-7b3e-9f2a-" + String.format("%012d", i);
            long last = now - (i * 7_919L) % 600_000;
            active.add(activeItem(id, "anon-" + id, last, i));
            sessions.add(sessionItem(id, "anon-" + id, last, i, null));
        }
        ReplayIds ids = new ReplayIds(ReplayKey.of("benchmark-replay-key-0123456789"), RUN);
        for (int i = 0; i < replayed; i++) {
            String id = ids.sessionId("0193e4a2-7c1d-7b3e-9f2a-" + String.format("%012d", i));
            String user = ids.userId("anon-" + i);
            long last = now - (i * 6_007L) % 900_000;
            if (replayedActive) {
                Map<String, AttributeValue> item = activeItem(id, user, last, i);
                item.put("replay_run", Fixtures.s(RUN));
                active.add(item);
            }
            sessions.add(sessionItem(id, user, last, i, RUN));
        }
        Fixtures.putAll(aws.dynamoDb(), tables.activeSessions(), active);
        Fixtures.putAll(aws.dynamoDb(), tables.sessions(), sessions);
        List<Map<String, AttributeValue>> rollups = new ArrayList<>(List.of(Fixtures.stats(
                StatsKey.of(StatsKey.DEFAULT_SITE, Resolution.HOUR, now), "shard-0", lastActive(now, live))));
        if (replayed > 0) {
            rollups.add(Fixtures.stats(
                    StatsKey.of(ReplayLane.statsSite(StatsKey.DEFAULT_SITE, RUN), Resolution.HOUR, now),
                    "shard-0",
                    lastActive(now, replayed)));
        }
        Fixtures.putAll(aws.dynamoDb(), tables.stats(), rollups);
    }

    private static Rollup lastActive(long now, long sessions) {
        Counts counts = new Counts(sessions * 3, sessions, 0, sessions, 0, 0, 0, 0, 0, 0);
        return new Rollup(counts, Map.of((int) (now / 60_000 % 60), counts), Map.of(), null, List.of());
    }

    /** An ActiveSessions item as the processor writes it (~400 bytes). */
    private static Map<String, AttributeValue> activeItem(String id, String user, long last, int i) {
        return Fixtures.active(
                id,
                user,
                last - 120_000,
                last,
                last / 1000 + 1800,
                "https://shop.example/products/item-" + (i % 200) + "?ref=home",
                false,
                Map.of(last / 60_000, 2L, last / 60_000 - 1, 1L));
    }

    /** A Sessions item of store format 2 (~1 KB): the public attributes and the processor's bookkeeping. */
    private static Map<String, AttributeValue> sessionItem(String id, String user, long last, int i, String run) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("session_id", Fixtures.s(id));
        item.put("user_id", Fixtures.s(user));
        item.put("start_time", Fixtures.n(last - 120_000));
        item.put("last_activity", Fixtures.n(last));
        item.put("total_events", Fixtures.n(3));
        item.put("page_views", Fixtures.n(2));
        item.put("session_duration", Fixtures.n(120_000));
        item.put("entry_page", Fixtures.s("https://shop.example/?utm_source=newsletter&utm_campaign=winter"));
        item.put("exit_page", Fixtures.s("https://shop.example/products/item-" + (i % 200) + "?ref=home"));
        item.put("referrer", Fixtures.s("https://www.google.com/"));
        item.put(
                "user_agent",
                Fixtures.s("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
                        + " Chrome/131.0.0.0 Safari/537.36"));
        for (String[] pair : new String[][] {
            {"source", "newsletter"},
            {"channel", "email"},
            {"utm_source", "newsletter"},
            {"utm_campaign", "winter"},
            {"browser", "Chrome"},
            {"os", "Windows"},
            {"device", "desktop"}
        }) {
            item.put(pair[0], Fixtures.s(pair[1]));
        }
        item.put("is_bot", AttributeValue.fromBool(false));
        item.put("event_types", AttributeValue.fromM(Map.of("page_view", Fixtures.n(2), "click", Fixtures.n(1))));
        item.put("rv", Fixtures.n(3));
        item.put(
                "mk",
                AttributeValue.fromM(Map.of(
                        "shardId-000000000000",
                        Fixtures.s("49590338271490256608559692538361571095921575989136588898"))));
        item.put("pm", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[48])));
        List<AttributeValue> pages = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            pages.add(AttributeValue.fromM(Map.of(
                    "t", Fixtures.n(last - p * 40_000L), "e", Fixtures.s("0193e4a2-7c1d-7b3e-9f2a-00000000000" + p))));
        }
        item.put("sp", AttributeValue.fromL(pages));
        if (run != null) {
            item.put("replay_run", Fixtures.s(run));
        }
        return item;
    }

    private static void measure(LocalAws aws, TableNames tables, int expected, String label, Map<String, String> extra)
            throws Exception {
        DoubleAdder units = new DoubleAdder();
        DashboardApplication app = app(aws, tables, units);
        Map<String, String> query = new LinkedHashMap<>(extra);
        query.put("limit", "25");
        for (int warm = 0; warm < WARM_UP; warm++) {
            get(app, query);
        }
        units.reset();
        JsonNode first = get(app, query);
        double read = units.sum();
        double[] millis = new double[RUNS];
        for (int run = 0; run < RUNS; run++) {
            long started = System.nanoTime();
            get(app, query);
            millis[run] = (System.nanoTime() - started) / 1e6;
        }
        Arrays.sort(millis);
        int sampled = first.path("stats").path("sample_sessions").asInt();
        int onPage = first.path("active_sessions").path("sessions").size();
        Set<String> listed = new HashSet<>();
        int pages = 0;
        JsonNode page = first;
        while (true) {
            pages++;
            page.path("active_sessions")
                    .path("sessions")
                    .forEach(s -> listed.add(s.path("session_id").asText()));
            JsonNode next = page.path("active_sessions").path("next_cursor");
            if (next.isNull() || pages >= 1_000) {
                break;
            }
            Map<String, String> more = new LinkedHashMap<>(query);
            more.put("cursor", next.asText());
            page = get(app, more);
        }
        System.out.printf(
                "%-44s %-10.1f %-10.1f %-18s %-18s %-14s%n",
                label,
                read,
                millis[RUNS / 2],
                sampled + " of " + Math.min(200, expected),
                onPage + " of " + Math.min(25, expected),
                pages + " (" + listed.size() + " listed)");
    }

    private static DashboardApplication app(LocalAws aws, TableNames tables, DoubleAdder units) {
        DashboardConfig config = new DashboardConfig(
                tables, "us-east-1", null, null, List.of(), DashboardConfig.DEFAULT_SCAN_SEGMENTS, Duration.ZERO);
        Clock clock = Clock.systemUTC();
        return new DashboardApplication(
                config,
                new DynamoDbDashboardStore(aws.dynamoDb(), tables, config.scanSegments(), (t, u) -> units.add(u)),
                new DynamoDbStatsReader(aws.dynamoDb(), tables.stats(), (t, u) -> units.add(u), clock),
                clock);
    }

    private static JsonNode get(DashboardApplication app, Map<String, String> query) throws Exception {
        HttpResponse response = app.handle(new HttpRequest("GET", "/api/live", Map.of(), query, null, false, null));
        if (response.status() != 200) {
            throw new IllegalStateException("/api/live answered " + response.status() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
