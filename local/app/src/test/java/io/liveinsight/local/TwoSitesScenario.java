package io.liveinsight.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liveinsight.event.TableNames;
import io.liveinsight.event.contract.ItemAttributes;
import io.liveinsight.event.contract.Tables;
import io.liveinsight.event.site.SiteKeys;
import io.liveinsight.event.site.SiteLimits;
import io.liveinsight.event.site.SiteScope;
import io.liveinsight.sites.SiteSettings;
import io.liveinsight.sites.dynamodb.SiteAdmin;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Two sites and the default site on one local stack, with the same event, session and user ids
 * (docs/contract/sites.md#isolation): each request names its site by a key (a server key, a write key from the site's
 * host, none for the default site); every table keeps them apart under scoped keys, and every dashboard answer asked
 * for one site shows that site's events only, under the client's ids.
 */
final class TwoSitesScenario {

    static final Duration WITHIN = Duration.ofSeconds(60);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TwoSitesScenario() {}

    /** @param tag lower-case letters and digits, unique to this run: it names the sites and the ids */
    static void run(URI edge, DynamoDbClient dynamoDb, TableNames tables, String tag) throws Exception {
        SiteAdmin admin = new SiteAdmin(dynamoDb, tables.sites());
        String a = tag + "-a";
        String b = tag + "-b";
        String serverA = admin.add(a, settings("Shop A <b>", a + ".example"))
                .keys()
                .get(SiteKeys.Kind.SERVER)
                .orElseThrow();
        String writeB = admin.add(b, settings("Shop B \uD83D\uDE00", b + ".example"))
                .keys()
                .get(SiteKeys.Kind.WRITE)
                .orElseThrow();
        long now = System.currentTimeMillis();
        String session = tag + "-shared-\uD83D\uDE00~#|<script>";
        String user = tag + "-user";
        String e1 = tag + "-e1";
        String e2 = tag + "-e2";

        // Site A: two events through its server key (no Origin); site B: the same first event, with its write key in
        // the envelope from a page on its host; the default site: the same first event, no key.
        assertThat(post(
                        edge,
                        JSON.writeValueAsString(List.of(
                                event(e1, session, user, now - 3_000, "https://" + a + ".example/one"),
                                event(e2, session, user, now - 2_000, "https://" + a + ".example/two"))),
                        Map.of("X-LiveInsight-Key", serverA)))
                .isEqualTo(200);
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("site", writeB);
        envelope.put("events", List.of(event(e1, session, user, now - 3_000, "https://" + b + ".example/one")));
        assertThat(post(edge, JSON.writeValueAsString(envelope), Map.of("Origin", "https://" + b + ".example")))
                .isEqualTo(200);
        assertThat(post(
                        edge,
                        JSON.writeValueAsString(
                                List.of(event(e1, session, user, now - 3_000, "https://default.example/one"))),
                        Map.of()))
                .isEqualTo(200);
        // Site B's write key from site A's host: refused, nothing published.
        assertThat(post(edge, JSON.writeValueAsString(envelope), Map.of("Origin", "https://" + a + ".example")))
                .isEqualTo(403);

        // Sessions: three sessions under three keys, each with its own site's events.
        Map<String, Integer> expectedEvents = Map.of(a, 2, b, 1, "default", 1);
        for (Map.Entry<String, Integer> site : expectedEvents.entrySet()) {
            String key = SiteScope.sessionKey(site.getKey(), session);
            Map<String, AttributeValue> stored = await(
                    () -> {
                        Map<String, AttributeValue> item = get(dynamoDb, tables.sessions(), "session_id", key);
                        return item != null
                                        && Integer.parseInt(item.get(ItemAttributes.TOTAL_EVENTS)
                                                        .n())
                                                == site.getValue()
                                ? item
                                : null;
                    },
                    "the session of site " + site.getKey());
            assertThat(stored.get(ItemAttributes.SITE).s()).isEqualTo(site.getKey());
            assertThat(stored.get(ItemAttributes.USER_ID).s()).isEqualTo(SiteScope.userKey(site.getKey(), user));
        }

        // Events: the same client event id stored once per site, each with its own page.
        assertThat(events(dynamoDb, tables, SiteScope.eventKey(a, e1)))
                .containsExactly("https://" + a + ".example/one");
        assertThat(events(dynamoDb, tables, SiteScope.eventKey(a, e2)))
                .containsExactly("https://" + a + ".example/two");
        assertThat(events(dynamoDb, tables, SiteScope.eventKey(b, e1)))
                .containsExactly("https://" + b + ".example/one");
        assertThat(events(dynamoDb, tables, e1)).containsExactly("https://default.example/one");
        assertThat(events(dynamoDb, tables, SiteScope.eventKey(b, e2))).isEmpty();

        // ActiveSessions' SiteIndex: each site's active sessions, its own only.
        for (String site : List.of(a, b)) {
            assertThat(activeKeys(dynamoDb, tables, site)).containsExactly(SiteScope.sessionKey(site, session));
        }
        assertThat(activeKeys(dynamoDb, tables, "default"))
                .contains(session)
                .doesNotContain(SiteScope.sessionKey(a, session), SiteScope.sessionKey(b, session));

        // The dashboard, one site at a time, in the client's ids.
        for (Map.Entry<String, Integer> site : expectedEvents.entrySet()) {
            String name = site.getKey();
            JsonNode one = dashboard(edge, "/api/sessions/" + encode(session), name);
            assertThat(one.path("total_events").asInt())
                    .as("session of %s", name)
                    .isEqualTo(site.getValue());
            JsonNode userEvents = dashboard(edge, "/api/users/" + encode(user) + "/events", name);
            List<String> pages = new ArrayList<>();
            userEvents.path("events").forEach(e -> pages.add(e.path("page_url").asText()));
            assertThat(pages)
                    .as("user's events on %s", name)
                    .hasSize(site.getValue())
                    .allSatisfy(page -> assertThat(page)
                            .startsWith("https://" + (name.equals("default") ? "default" : name) + ".example/"));
            JsonNode active = dashboard(edge, "/api/sessions/active", name);
            List<String> ids = new ArrayList<>();
            active.path("sessions").forEach(s -> ids.add(s.path("session_id").asText()));
            assertThat(ids).as("active sessions of %s", name).contains(session);
            if (!name.equals("default")) {
                assertThat(ids).as("active sessions of %s", name).containsExactly(session);
                JsonNode summary = dashboard(edge, "/api/stats/summary?range=24h", name);
                assertThat(summary.toString()).as("summary of %s", name).contains("\"events\":" + site.getValue());
            }
        }
        JsonNode sites = dashboard(edge, "/api/sites", null);
        List<String> listed = new ArrayList<>();
        sites.path("sites").forEach(s -> listed.add(s.path("id").asText()));
        assertThat(listed).contains(a, b);
        assertThat(sites.toString())
                .doesNotContain(serverA)
                .doesNotContain("li_sec_")
                .doesNotContain("sha256");
    }

    private static SiteSettings settings(String name, String host) {
        return new SiteSettings(name, List.of(host), SiteLimits.DEFAULTS, Set.of("purchase"), "UTC");
    }

    private static Map<String, Object> event(String id, String session, String user, long time, String page) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event_id", id);
        event.put("session_id", session);
        event.put("user_id", user);
        event.put("event_type", "page_view");
        event.put("timestamp", time);
        event.put("page_url", page);
        return event;
    }

    private static int post(URI edge, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(edge.resolve("/events"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode();
    }

    private static JsonNode dashboard(URI edge, String path, String site) throws Exception {
        String query = site == null ? "" : (path.contains("?") ? "&" : "?") + "site=" + site;
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(edge.resolve(path + query))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode())
                .as("%s%s: %s", path, query, response.body())
                .isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static String encode(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static List<String> events(DynamoDbClient dynamoDb, TableNames tables, String eventKey) {
        List<String> pages = new ArrayList<>();
        dynamoDb.query(r -> r.tableName(tables.events())
                        .keyConditionExpression("event_id = :id")
                        .expressionAttributeValues(Map.of(":id", AttributeValue.fromS(eventKey))))
                .items()
                .forEach(item -> pages.add(item.get(ItemAttributes.PAGE_URL).s()));
        return pages;
    }

    private static List<String> activeKeys(DynamoDbClient dynamoDb, TableNames tables, String site) {
        List<String> keys = new ArrayList<>();
        dynamoDb.queryPaginator(r -> r.tableName(tables.activeSessions())
                        .indexName(Tables.SITE_INDEX)
                        .keyConditionExpression("#site = :site")
                        .expressionAttributeNames(Map.of("#site", ItemAttributes.SITE))
                        .expressionAttributeValues(Map.of(":site", AttributeValue.fromS(site))))
                .items()
                .forEach(item -> keys.add(item.get(ItemAttributes.SESSION_ID).s()));
        return keys;
    }

    private static Map<String, AttributeValue> get(DynamoDbClient dynamoDb, String table, String name, String key) {
        Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(table)
                        .key(Map.of(name, AttributeValue.fromS(key)))
                        .consistentRead(true))
                .item();
        return item == null || item.isEmpty() ? null : item;
    }

    private static <T> T await(Supplier<T> read, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        T value = read.get();
        while (value == null) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not stored within " + WITHIN);
            }
            Thread.sleep(200);
            value = read.get();
        }
        return value;
    }
}
