package io.liveinsight.dashboard.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.liveinsight.dashboard.config.DashboardConfig;
import io.liveinsight.dashboard.support.InMemoryDashboardStore;
import io.liveinsight.dashboard.support.InMemoryStatsReader;
import io.liveinsight.dashboard.support.MutableClock;
import io.liveinsight.event.TableNames;
import io.liveinsight.lambda.http.HttpRequest;
import io.liveinsight.lambda.http.HttpResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Cites docs/contract/api.md#dashboard-api: each status of the page is answered when the page says, with the body and
 * headers it names, and the dashboard answers no status the page leaves out. Cites
 * docs/contract/api.md#statistics-400-reasons: each reason listed is answered for its example, and the examples get no
 * reason the page does not list. And docs/contract/api.md#original-routes: the original routes the page lists are
 * the ones the dashboard answers, each with the parameters the page names. And docs/contract/api.md#replay-runs: the
 * routes the page lists take {@code replay}, no other route does, and a bad run id gets the reason it gives.
 */
class DashboardContractDocTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "tok-contract-7c1d5e9a";
    private static final String ORIGIN = "https://admin.example.com";
    private static final Map<String, String> AUTHORIZED = Map.of("Authorization", "Bearer " + TOKEN);

    /** A row of the dashboard's statuses table: | status | when | body | headers |. */
    private static final Pattern ROW =
            Pattern.compile("^\\| (\\d{3}) \\|[^|]*\\|([^|]*)\\|([^|]*)\\|$", Pattern.MULTILINE);

    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    /** A row of the statistics reasons table: | `route` | `example query` | `reason` |. */
    private static final Pattern REASON =
            Pattern.compile("^\\| `(/api/[^`]+)` \\| `([^`]*)` \\| `([^`]+)` \\|$", Pattern.MULTILINE);

    private final InMemoryDashboardStore store = new InMemoryDashboardStore();
    private final InMemoryStatsReader stats = new InMemoryStatsReader();
    private final DashboardApplication app = new DashboardApplication(
            new DashboardConfig(
                    TableNames.defaults(), "us-east-1", null, TOKEN, List.of(ORIGIN), 4, Duration.ofSeconds(2)),
            store,
            stats,
            new MutableClock(1_800_000_000_000L));

    @Test
    void everyDocumentedStatus_isAnsweredAsThePageSays() throws IOException {
        Map<Integer, Row> rows = rows();
        Map<Integer, HttpResponse> answers = answers();

        assertThat(answers.keySet()).as("statuses the dashboard answers").isEqualTo(rows.keySet());
        rows.forEach((status, row) -> {
            HttpResponse response = answers.get(status);
            assertThat(response.status()).isEqualTo(status);
            if (row.body().contains("`error`")) {
                assertThat(response.body()).as(status + " body").contains("\"error\"");
            }
            row.headers().forEach((name, value) -> {
                Optional<String> sent = header(response, name);
                assertThat(sent).as(status + " header " + name).isPresent();
                if (value != null) {
                    assertThat(sent.get()).as(status + " header " + name).isEqualTo(value);
                }
            });
        });
    }

    @Test
    void everyDocumentedStatisticsReason_isAnsweredForItsExample() throws IOException {
        String page = Files.readString(repositoryRoot().resolve("docs/contract/api.md"));
        int start = page.indexOf("### Statistics 400 reasons");
        String section = page.substring(start, page.indexOf("\n## ", start));
        List<String[]> rows = new ArrayList<>();
        Matcher row = REASON.matcher(section);
        while (row.find()) {
            rows.add(new String[] {row.group(1), row.group(2), row.group(3)});
        }
        List<Pattern> documented = rows.stream().map(r -> template(r[2])).toList();

        assertThat(rows).as("reasons documented").hasSizeGreaterThan(20);
        for (String[] example : rows) {
            HttpResponse response = app.handle(get(example[0], AUTHORIZED, query(example[1])));
            String what = example[0] + "?" + example[1] + ": " + response.body();
            assertThat(response.status()).as(what).isEqualTo(400);
            List<String> reasons = new ArrayList<>();
            JSON.readTree(response.body()).path("reasons").forEach(reason -> reasons.add(reason.asText()));
            assertThat(reasons)
                    .as(what)
                    .anyMatch(reason -> template(example[2]).matcher(reason).matches());
            assertThat(reasons)
                    .as(what + ": every reason answered is documented")
                    .allMatch(reason ->
                            documented.stream().anyMatch(t -> t.matcher(reason).matches()));
        }
    }

    /** A documented reason as a pattern: literal, each {@code <...>} standing for any text. */
    private static Pattern template(String reason) {
        StringBuilder regex = new StringBuilder();
        for (String part : reason.split("<[^>]+>", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".+");
            }
            regex.append(Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            query.put(
                    URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return query;
    }

    /** One request for each situation the page lists, answered by the real application over a store double. */
    private Map<Integer, HttpResponse> answers() {
        List<HttpResponse> responses = new ArrayList<>();
        responses.add(app.handle(get("/api/stats/realtime", AUTHORIZED, Map.of())));
        responses.add(app.handle(new HttpRequest(
                "OPTIONS",
                "/api/stats/realtime",
                Map.of("Origin", ORIGIN, "Access-Control-Request-Method", "GET"),
                Map.of(),
                null,
                false,
                null)));
        responses.add(app.handle(get("/api/sessions/active", AUTHORIZED, Map.of("limit", "0"))));
        responses.add(app.handle(get("/api/sessions/active", Map.of(), Map.of())));
        responses.add(app.handle(new HttpRequest(
                "OPTIONS",
                "/api/stats/realtime",
                Map.of("Origin", "https://elsewhere.example.net", "Access-Control-Request-Method", "GET"),
                Map.of(),
                null,
                false,
                null)));
        responses.add(app.handle(get("/api/sessions/no-such-session", AUTHORIZED, Map.of())));
        responses.add(
                app.handle(new HttpRequest("POST", "/api/stats/realtime", AUTHORIZED, Map.of(), "{}", false, null)));
        store.down = true; // a session read (the live reads may come from the last snapshot for a second or two)
        responses.add(app.handle(get("/api/sessions/some-session", AUTHORIZED, Map.of())));
        Map<Integer, HttpResponse> byStatus = new TreeMap<>();
        responses.forEach(response -> byStatus.putIfAbsent(response.status(), response));
        return byStatus;
    }

    private record Row(String body, Map<String, String> headers) {}

    private static Map<Integer, Row> rows() throws IOException {
        String page = Files.readString(repositoryRoot().resolve("docs/contract/api.md"));
        String section = section(page, "## Dashboard API");
        Map<Integer, Row> rows = new TreeMap<>();
        Matcher row = ROW.matcher(section);
        while (row.find()) {
            rows.put(Integer.parseInt(row.group(1)), new Row(row.group(2), headers(row.group(3))));
        }
        return rows;
    }

    /** From a heading to the next heading of its level. */
    private static String section(String page, String heading) {
        int start = page.indexOf(heading + "\n");
        assertThat(start).as(heading).isNotNegative();
        int end = page.indexOf("\n## ", start + heading.length());
        return page.substring(start, end < 0 ? page.length() : end);
    }

    /** A row of the original routes' table: | `route` | parameters | answers |. */
    private static final Pattern ROUTE_ROW = Pattern.compile("^\\| `([^`]+)` \\|([^|]*)\\|", Pattern.MULTILINE);

    private static final Pattern PARAMETER = Pattern.compile("`([a-z_]+)`");

    /** A value each documented parameter accepts. */
    private static final Map<String, String> SAMPLES = Map.of(
            "limit", "1",
            "include_bots", "true",
            "tz", "Asia/Seoul",
            "hours", "24",
            "hour", "08:00",
            "page", "shop.example/<script>",
            "referrer", "Google");

    @Test
    void originalRoutes_areTheOnesThePageListsWithTheParametersItNames() throws IOException {
        String section =
                section(Files.readString(repositoryRoot().resolve("docs/contract/api.md")), "## Original routes");
        Map<String, List<String>> routes = new LinkedHashMap<>();
        Matcher row = ROUTE_ROW.matcher(section);
        while (row.find()) {
            List<String> parameters = new ArrayList<>();
            Matcher parameter = PARAMETER.matcher(row.group(2));
            while (parameter.find()) {
                parameters.add(parameter.group(1));
            }
            routes.put(row.group(1), parameters);
        }

        assertThat(routes.keySet()).as("routes the page lists").containsExactlyElementsOf(CompatApi.ROUTES);
        DashboardApplication open = new DashboardApplication(
                new DashboardConfig(TableNames.defaults(), "us-east-1", null, null, List.of(), 4, Duration.ZERO),
                store,
                new InMemoryStatsReader(),
                new MutableClock(1_800_000_000_000L));
        routes.forEach((route, parameters) -> {
            String path = route.replace("{id}", "some/<session>");
            Map<String, String> query = new LinkedHashMap<>();
            parameters.forEach(name -> query.put(name, SAMPLES.get(name)));
            assertThat(open.handle(get(path, Map.of(), query)).status())
                    .as(route + " " + query)
                    .isEqualTo(200);
            query.put("undocumented", "1");
            HttpResponse refused = open.handle(get(path, Map.of(), query));
            assertThat(refused.status())
                    .as(route + " with an undocumented parameter")
                    .isEqualTo(400);
            assertThat(refused.body()).contains("unknown parameter 'undocumented'");
        });
    }

    /** The native routes that are not in the replay table, with a path each can be asked on. */
    private static final List<String> OTHER_NATIVE_ROUTES = List.of(
            "/api/health",
            "/api/sessions/some-session",
            "/api/sessions/some-session/events",
            "/api/users/some-user/sessions",
            "/api/users/some-user/events",
            "/api/replay/runs");

    /** What a route needs besides {@code replay} to answer. */
    private static final Map<String, Map<String, String>> REQUIRED = Map.of(
            "/api/stats/breakdown", Map.of("dimension", "page"),
            "/api/stats/details", Map.of("dimension", "page", "key", "shop.example/<b>"));

    @Test
    void replayRuns_theRoutesThePageListsTakeReplay_andNoOtherDoes() throws IOException {
        String page = Files.readString(repositoryRoot().resolve("docs/contract/api.md"));
        int start = page.indexOf("### Replay runs\n");
        assertThat(start).isNotNegative();
        String section = page.substring(start, page.indexOf("\n### ", start + 1));
        List<String> routes = new ArrayList<>();
        Matcher row =
                Pattern.compile("^\\| `(/api/[^`]+)` \\|", Pattern.MULTILINE).matcher(section);
        while (row.find()) {
            routes.add(row.group(1));
        }
        Matcher reasonSpan = Pattern.compile("`(replay must be [^`]+)`").matcher(section.replace("\n", " "));
        assertThat(reasonSpan.find()).as("the reason of a bad run id").isTrue();
        Pattern reason = template(reasonSpan.group(1));
        stats.replayRuns.add(new io.liveinsight.dashboard.domain.ReplayRun("run-1", 1_000, 2_000));

        assertThat(routes)
                .containsExactlyInAnyOrder(
                        "/api/live",
                        "/api/stats/realtime",
                        "/api/sessions/active",
                        "/api/stats/summary",
                        "/api/stats/series",
                        "/api/stats/breakdown",
                        "/api/stats/details");
        for (String route : routes) {
            Map<String, String> query = new LinkedHashMap<>(REQUIRED.getOrDefault(route, Map.of()));
            query.put("replay", "run-1");
            assertThat(app.handle(get(route, AUTHORIZED, query)).status())
                    .as(route)
                    .isEqualTo(200);
            query.put("replay", "Run 1");
            HttpResponse refused = app.handle(get(route, AUTHORIZED, query));
            assertThat(refused.status()).as(route).isEqualTo(400);
            List<String> reasons = new ArrayList<>();
            JSON.readTree(refused.body()).path("reasons").forEach(r -> reasons.add(r.asText()));
            assertThat(reasons).as(route).singleElement().matches(r -> reason.matcher(r)
                    .matches());
        }
        for (String route : OTHER_NATIVE_ROUTES) {
            HttpResponse refused = app.handle(get(route, AUTHORIZED, Map.of("replay", "run-1")));
            assertThat(refused.status()).as(route).isEqualTo(400);
            assertThat(refused.body()).as(route).contains("unknown parameter 'replay'");
        }
        HttpResponse runs = app.handle(get("/api/replay/runs", AUTHORIZED, Map.of()));
        assertThat(runs.status()).isEqualTo(200);
        assertThat(JSON.readTree(runs.body()).path("runs").get(0).fieldNames())
                .toIterable()
                .containsExactly("run", "first_at", "last_at");
    }

    /** The headers a cell names, {@code `Name: value`} or {@code `Name`}; code spans that are not header names skipped. */
    private static Map<String, String> headers(String cell) {
        Map<String, String> headers = new LinkedHashMap<>();
        Matcher code = CODE.matcher(cell);
        while (code.find()) {
            String span = code.group(1);
            if (span.matches("[A-Z][A-Za-z-]*(: .*)?")) {
                int colon = span.indexOf(": ");
                headers.put(colon < 0 ? span : span.substring(0, colon), colon < 0 ? null : span.substring(colon + 2));
            }
        }
        return headers;
    }

    private static Optional<String> header(HttpResponse response, String name) {
        return response.headers().entrySet().stream()
                .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .findFirst();
    }

    private static HttpRequest get(String path, Map<String, String> headers, Map<String, String> query) {
        return new HttpRequest("GET", path, headers, query, null, false, null);
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no repository root (a folder with mvnw) above "
                    + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
