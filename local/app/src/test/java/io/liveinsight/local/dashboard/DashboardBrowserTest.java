package io.liveinsight.local.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.liveinsight.event.TableNames;
import io.liveinsight.local.LocalConfig;
import io.liveinsight.local.LocalPipeline;
import io.liveinsight.local.browser.Chromium;
import io.liveinsight.local.engines.LocalAws;
import io.liveinsight.local.engines.Ports;
import io.liveinsight.local.engines.WithLocalAws;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The live page in headless Chromium against the whole local stack (edge -> kinesis-mock -> KCL -> DynamoDB Local ->
 * dashboard Lambda handler): events sent to {@code /events} appear in the cards and the table without a reload, a
 * session's timeline opens, and markup in event data is shown as text and runs nothing. Screenshots go to
 * {@code target/} (and to {@code -Ddashboard.screenshots=<dir>} when given). Skipped when Chromium is not installed.
 */
@WithLocalAws
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {

    /** KCL takes its first lease 10-35 s after start-up; afterwards an event lands within a second. */
    private static final Duration ARRIVAL = Duration.ofSeconds(90);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String IMG_PAYLOAD = "<img src=x onerror=\"window.__xssRan='img';alert('img')\">";
    private static final String SCRIPT_PAYLOAD = "<script>window.__xssRan='script';alert('script')</script>";
    private static final String BOT_AGENT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
    private static final List<String> PAGES = List.of(
            "https://shop.example/",
            "https://shop.example/products/trail-shoes",
            "https://shop.example/products/rain-jacket",
            "https://shop.example/cart",
            "https://shop.example/checkout",
            "https://shop.example/blog/packing-list");
    private static final List<String> REFERRERS =
            List.of("https://www.google.com/", "https://news.example/outdoors", "", "https://www.google.com/");

    private static final TableNames TABLES = TableNames.withPrefix("DashUi");

    private static LocalAws engines;
    private static LocalPipeline stack;
    private static HeadlessChromium browser;

    @BeforeAll
    static void start(LocalAws aws) throws Exception {
        Path chromium = Chromium.binaryOrSkip();
        LocalConfig config = new LocalConfig(
                "127.0.0.1",
                Ports.resolve(0),
                0,
                0,
                null,
                null,
                aws.createStream("dash-ui", 1),
                1,
                TABLES,
                "dash-ui-consumer",
                null,
                true);
        engines = aws;
        stack = LocalPipeline.start(config, aws.endpoints());
        browser = HeadlessChromium.start(chromium);
        browser.viewport(1280, 900, 1, false);
        browser.navigate(stack.edgeAddress().resolve("/"));
        HeadlessChromium.await(
                "the first refresh",
                () -> !text("document.body.dataset.refreshedAt || ''").isEmpty(),
                ARRIVAL);
        browser.evaluate("window.__samePage = 'never reloaded'");
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void page_whenEventsArrive_updatesCardsAndTableWithoutReload() throws Exception {
        assertThat(text("document.getElementById('card-active-sessions').textContent"))
                .isEqualTo("0");
        long now = System.currentTimeMillis();
        for (int s = 0; s < 8; s++) {
            post(session("shopper-" + s, "user-" + (s % 6), s, now));
        }
        // a crawler: stored, flagged, and not counted by default
        post(botSession(now), BOT_AGENT);

        HeadlessChromium.await(
                "8 active sessions on the card",
                () -> text("document.getElementById('card-active-sessions').textContent")
                        .equals("8"),
                ARRIVAL);
        HeadlessChromium.await(
                "8 rows in the table",
                () -> browser.evaluate("document.querySelectorAll('#sessions-body tr').length")
                                .asInt()
                        == 8,
                Duration.ofSeconds(15));

        assertThat(text("window.__samePage")).isEqualTo("never reloaded");
        assertThat(text("document.getElementById('card-active-users').textContent"))
                .isEqualTo("6");
        assertThat(text("document.querySelector('#sessions-body tr').dataset.sessionId"))
                .startsWith("shopper-");
        assertThat(text("document.getElementById('sessions-body').textContent")).doesNotContain("crawler");
        assertThat(browser.evaluate("document.querySelectorAll('#chart rect.bar').length")
                        .asInt())
                .isEqualTo(30);
        assertThat(text("document.getElementById('top-pages').textContent")).contains("https://shop.example/");

        browser.evaluate("document.getElementById('include-bots').click()");
        HeadlessChromium.await(
                "the crawler once bots are included",
                () -> text("document.getElementById('card-active-sessions').textContent")
                                .equals("9")
                        && browser.evaluate(
                                        "!!document.querySelector('#sessions-body tr[data-session-id=\"crawler\"]')")
                                .asBoolean(),
                Duration.ofSeconds(15));
        browser.evaluate("document.getElementById('include-bots').click()");
        HeadlessChromium.await(
                "the crawler left out again",
                () -> text("document.getElementById('card-active-sessions').textContent")
                        .equals("8"),
                Duration.ofSeconds(15));
        assertThat(browser.exceptions).isEmpty();
    }

    @Test
    @Order(2)
    void timeline_whenRowClicked_showsTheSessionsEventsInTimeOrder() throws Exception {
        browser.evaluate("document.querySelector('#sessions-body tr[data-session-id=\"shopper-2\"]').click()");

        HeadlessChromium.await(
                "the timeline of shopper-2",
                () -> browser.evaluate("document.querySelectorAll('#timeline-events li').length")
                                .asInt()
                        == 5,
                Duration.ofSeconds(15));
        assertThat(browser.evaluate("document.getElementById('timeline').hidden")
                        .asBoolean())
                .isFalse();
        assertThat(text("document.getElementById('timeline-title').textContent"))
                .isEqualTo("shopper-2");
        assertThat(text("document.querySelector('#timeline-events li').textContent"))
                .contains("page_view")
                .contains(PAGES.get(2 % PAGES.size()));
        assertThat(text("document.getElementById('timeline-summary').textContent"))
                .contains("user-2");

        browser.screenshot(Path.of("target", "dashboard-laptop.png"));
        copyScreenshot("dashboard-laptop.png");
        browser.viewport(390, 844, 2, true);
        HeadlessChromium.await(
                "the phone layout", () -> browser.evaluate("window.innerWidth").asInt() == 390, Duration.ofSeconds(5));
        assertThat(browser.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
                        .asBoolean())
                .as("no sideways scrolling on a phone")
                .isTrue();
        browser.screenshot(Path.of("target", "dashboard-phone.png"));
        copyScreenshot("dashboard-phone.png");
        browser.viewport(1280, 900, 1, false);
        assertThat(text("window.__samePage")).isEqualTo("never reloaded");
    }

    @Test
    @Order(3)
    void page_whenEventDataCarriesMarkup_showsItAsTextAndRunsNothing() throws Exception {
        long now = System.currentTimeMillis();
        ArrayNode events = JSON.createArrayNode();
        for (int i = 0; i < 2; i++) {
            ObjectNode event = events.addObject();
            event.put("event_id", "xss-" + i);
            event.put("session_id", "xss-session");
            event.put("user_id", IMG_PAYLOAD);
            event.put("event_type", "page_view");
            event.put("page_url", "https://shop.example/search?q=" + SCRIPT_PAYLOAD + IMG_PAYLOAD);
            event.put("referrer", SCRIPT_PAYLOAD);
            event.put("timestamp", now - 1000 + i);
            event.putObject("properties").put("note", IMG_PAYLOAD);
        }
        post(events);

        HeadlessChromium.await(
                "the payload session in the table",
                () -> browser.evaluate("!!document.querySelector('#sessions-body tr[data-session-id=\"xss-session\"]')")
                        .asBoolean(),
                ARRIVAL);
        browser.evaluate("document.querySelector('#sessions-body tr[data-session-id=\"xss-session\"]').click()");
        HeadlessChromium.await(
                "the payload session's timeline",
                () -> browser.evaluate("document.querySelectorAll('#timeline-events li').length")
                                .asInt()
                        == 2,
                Duration.ofSeconds(15));
        Thread.sleep(500); // let any injected handler fire, if one had been created

        String row = text("document.querySelector('#sessions-body tr[data-session-id=\"xss-session\"]').textContent");
        assertThat(row).contains(IMG_PAYLOAD).contains(SCRIPT_PAYLOAD);
        assertThat(text("document.getElementById('timeline-events').textContent"))
                .contains(SCRIPT_PAYLOAD)
                .contains(IMG_PAYLOAD);
        assertThat(text("document.getElementById('top-referrers').textContent")).contains(SCRIPT_PAYLOAD);
        assertThat(browser.evaluate("document.querySelectorAll('main img, main script').length")
                        .asInt())
                .as("no element was created from event data")
                .isZero();
        assertThat(browser.evaluate("[...document.scripts].every(s => s.src && s.defer"
                                + " && new URL(s.src).origin === location.origin)")
                        .asBoolean())
                .as("only the page's own script files")
                .isTrue();
        assertThat(browser.evaluate("typeof window.__xssRan").asText()).isEqualTo("undefined");
        assertThat(browser.dialogs).isEmpty();
        assertThat(browser.exceptions).isEmpty();
        assertThat(text("window.__samePage")).isEqualTo("never reloaded");
    }

    /**
     * The run picker against the real API (docs/contract/api.md#replay-runs): a replayed session as the processor
     * stores it (a Sessions item with {@code replay_run}, no ActiveSessions item) and its run listed in Stats; the run
     * chosen through the fragment shows it alone under the banner, and "Live traffic" brings the live table back.
     */
    @Test
    @Order(4)
    void picker_whenARunIsChosen_showsThatRunOnly_thenLiveTrafficAgain() throws Exception {
        long now = System.currentTimeMillis();
        String run = "browser-run-1";
        String replayed = "r~" + run + "~" + "abcdefghijklmnopqrstuvwxyz";
        engines.dynamoDb().putItem(r -> r.tableName(TABLES.sessions())
                .item(Map.of(
                        "session_id", AttributeValue.fromS(replayed),
                        "replay_run", AttributeValue.fromS(run),
                        "user_id", AttributeValue.fromS("r~" + run + "~user"),
                        "start_time", AttributeValue.fromN(Long.toString(now - 60_000)),
                        "last_activity", AttributeValue.fromN(Long.toString(now - 1_000)),
                        "total_events", AttributeValue.fromN("2"),
                        "page_views", AttributeValue.fromN("2"),
                        "exit_page", AttributeValue.fromS("https://shop.example/replayed"),
                        "is_bot", AttributeValue.fromBool(false))));
        engines.dynamoDb().putItem(r -> r.tableName(TABLES.stats())
                .item(Map.of(
                        "pk", AttributeValue.fromS("default#runs"),
                        "sk", AttributeValue.fromS(run),
                        "first_at", AttributeValue.fromN(Long.toString(now - 60_000)),
                        "last_at", AttributeValue.fromN(Long.toString(now - 1_000)))));
        List<String> live = rowIds();
        assertThat(live).isNotEmpty().doesNotContain(replayed);

        browser.evaluate("location.hash = '#live&replay=" + run + "'");
        HeadlessChromium.await(
                "the run's session alone in the table", () -> rowIds().equals(List.of(replayed)), ARRIVAL);

        assertThat(text("document.getElementById('replay-banner').hidden ? '' : "
                        + "document.getElementById('replay-banner').textContent"))
                .isEqualTo("Replay run " + run);
        assertThat(text("document.getElementById('replay-run').value")).isEqualTo(run);
        assertThat(text("document.querySelector('#sessions-body tr td:nth-child(3)').textContent"))
                .isEqualTo("/replayed");

        browser.evaluate("(() => { const s = document.getElementById('replay-run'); s.value = '';"
                + " s.dispatchEvent(new Event('change')); })()");
        HeadlessChromium.await("the live table again", () -> rowIds().equals(live), ARRIVAL);
        assertThat(text("location.hash")).isEqualTo("#live");
        assertThat(browser.evaluate("document.getElementById('replay-banner').hidden")
                        .asBoolean())
                .isTrue();
        assertThat(text("window.__samePage")).isEqualTo("never reloaded");
        assertThat(browser.exceptions).isEmpty();
    }

    private static List<String> rowIds() {
        JsonNode ids =
                browser.evaluate("[...document.querySelectorAll('#sessions-body tr')].map(r => r.dataset.sessionId)");
        List<String> list = new java.util.ArrayList<>();
        ids.forEach(id -> list.add(id.asText()));
        return list;
    }

    private static String text(String expression) {
        JsonNode value = browser.evaluate(expression);
        return value.isMissingNode() || value.isNull() ? "" : value.asText();
    }

    /** One shopper's session: five events spread over the last 20 minutes, the last one seconds ago. */
    private static ArrayNode session(String sessionId, String userId, int n, long now) {
        ArrayNode events = JSON.createArrayNode();
        for (int i = 0; i < 5; i++) {
            ObjectNode event = events.addObject();
            event.put("event_id", sessionId + "-" + i);
            event.put("session_id", sessionId);
            event.put("user_id", userId);
            event.put("event_type", i == 3 ? "click" : "page_view");
            event.put("page_url", PAGES.get((n + i) % PAGES.size()));
            event.put("referrer", REFERRERS.get(n % REFERRERS.size()));
            event.put("timestamp", now - (4 - i) * (60_000L * (1 + n % 5)) - n * 1000L);
            if (i == 3) {
                event.put("element_tag", "button");
                event.put("element_text", "Add to cart");
                event.putObject("properties").put("sku", "TR-" + (100 + n));
            }
        }
        return events;
    }

    private static ArrayNode botSession(long now) {
        ArrayNode events = JSON.createArrayNode();
        ObjectNode event = events.addObject();
        event.put("event_id", "crawler-0");
        event.put("session_id", "crawler");
        event.put("user_id", "crawler");
        event.put("page_url", "https://shop.example/sitemap.xml");
        event.put("timestamp", now);
        event.put("user_agent", BOT_AGENT);
        return events;
    }

    private static void post(ArrayNode events) throws Exception {
        post(events, "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0");
    }

    private static void post(ArrayNode events, String userAgent) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(stack.edgeAddress().resolve("/events"))
                        .header("Content-Type", "application/json")
                        .header("User-Agent", userAgent)
                        .POST(HttpRequest.BodyPublishers.ofString(events.toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).path("rejected")).isEmpty();
    }

    private static void copyScreenshot(String name) throws Exception {
        String directory = System.getProperty("dashboard.screenshots");
        if (directory != null && !directory.isBlank()) {
            Path target = Path.of(directory).resolve(name);
            java.nio.file.Files.createDirectories(target.getParent());
            java.nio.file.Files.copy(
                    Path.of("target", name), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
