package io.liveinsight.local.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.liveinsight.event.TableNames;
import io.liveinsight.event.traffic.Campaign;
import io.liveinsight.event.traffic.TrafficSource;
import io.liveinsight.local.LocalConfig;
import io.liveinsight.local.LocalPipeline;
import io.liveinsight.local.browser.Chromium;
import io.liveinsight.local.browser.Wait;
import io.liveinsight.local.engines.LocalAws;
import io.liveinsight.local.engines.Ports;
import io.liveinsight.local.engines.WithLocalAws;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The statistics view in headless Chromium against the whole local stack (edge -> kinesis-mock -> KCL -> Stats rollups
 * in DynamoDB Local -> native statistics API -> page): sessions whose page URL, referrer and {@code utm_*} parameters
 * carry markup are counted in the cards, appear as text in the top pages, sources and campaigns (keys as the shared
 * traffic classifier names them), open their drill-downs, and run nothing. It needs the processor's rollups and the
 * native statistics API of issue 14; until both are merged it fails (the API answers 404). It is in the normal suite;
 * run it alone with {@code -Dgroups=statistics-pipeline}. Skipped when Chromium is not installed.
 */
@Tag("statistics-pipeline")
@WithLocalAws
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StatisticsPipelineBrowserTest {

    /** KCL's first lease (10-35 s), then the processor's rollup flush (up to a few seconds). */
    private static final Duration ARRIVAL = Duration.ofSeconds(120);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String BROWSER_AGENT =
            "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0";
    private static final String BOT_AGENT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

    /** Lower case: campaign values are lower-cased, so a flag a payload would set is too. */
    private static final String CAMPAIGN_PAGE = "https://shop.example/landing?utm_source=newsletter&utm_medium=email"
            + "&utm_campaign=<img src=x onerror=\"window.__xss_campaign=1\">";

    private static final String PATH_PAGE = "https://shop.example/search/<script>window.__xss_page=1</script>";
    private static final String SOURCE_PAGE =
            "https://shop.example/sale?utm_source=<svg onload=\"window.__xss_source=1\">&utm_medium=cpc";
    private static final List<String> FLAGS = List.of("__xss_campaign", "__xss_page", "__xss_source", "__xss_referrer");

    /** Three sessions: page URL, referrer and campaign payloads; ids with astral characters and {@code ~ # |}. */
    private static final List<Visit> VISITS = List.of(
            new Visit("stats-🦄~#|-1", "<b>user-1</b>", CAMPAIGN_PAGE, "https://mail.example/<script>x</script>", 4),
            new Visit("stats-2", "user-2", PATH_PAGE, "<img src=x onerror=\"window.__xss_referrer=1\">", 3),
            new Visit("stats-3", "user-3", SOURCE_PAGE, "https://www.google.com/search?q=<script>", 2));

    private static LocalPipeline stack;
    private static HeadlessChromium browser;
    private static StatsViewPage page;
    private static final List<Long> sent = new ArrayList<>();

    record Visit(String sessionId, String userId, String pageUrl, String referrer, int events) {

        String source() {
            return TrafficSource.of(referrer, pageUrl).source();
        }
    }

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
                aws.createStream("stats-ui", 1),
                1,
                TableNames.withPrefix("StatsUi"),
                "stats-ui-consumer",
                null,
                true);
        stack = LocalPipeline.start(config, aws.endpoints());
        long now = System.currentTimeMillis();
        for (Visit visit : VISITS) {
            post(visit, now, BROWSER_AGENT);
        }
        post(new Visit("stats-bot", "crawler", "https://shop.example/sitemap.xml", "", 1), now, BOT_AGENT);
        browser = HeadlessChromium.start(chromium);
        page = new StatsViewPage(browser);
        browser.viewport(1280, 900, 1, false);
        browser.emulate("UTC", "en-US");
        browser.navigate(stack.edgeAddress().resolve("/#stats"));
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
    void statistics_whenEventsWithMarkupArrive_countThemAndListTheirKeysAsText() {
        int humanEvents = VISITS.stream().mapToInt(Visit::events).sum();
        String campaign = Campaign.of(CAMPAIGN_PAGE).name();
        // reload the range (the view itself refreshes once a minute) until the rollups hold every session
        try {
            Wait.until("the three sessions in the statistics", ARRIVAL, () -> {
                reload();
                return page.text("document.getElementById('stats-sessions').textContent")
                                .equals("3")
                        && page.text("document.getElementById('stats-events').textContent")
                                .equals(String.valueOf(humanEvents));
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the view shows sessions '"
                    + page.text("document.getElementById('stats-sessions').textContent") + "', events '"
                    + page.text("document.getElementById('stats-events').textContent") + "', notice '"
                    + page.text("document.getElementById('stats-error').hidden ? '' : "
                            + "document.getElementById('stats-error').textContent.replace(/\\s+/g, ' ').trim()")
                    + "'");
        }

        assertThat(page.text("document.getElementById('stats-events-sub').textContent"))
                .contains("1 bot event");
        assertThat(page.names("stats-campaign")).contains(campaign);
        assertThat(page.names("stats-source"))
                .contains(VISITS.get(0).source(), VISITS.get(2).source());
        assertThat(page.text("document.getElementById('stats-page').textContent"))
                .contains("shop.example/search/")
                .contains("__xss_page");
        assertThat(page.integer("document.querySelectorAll('#stats-chart .slot').length"))
                .isEqualTo(24);
        assertPayloadsInert();
    }

    @Test
    @Order(2)
    void drillDowns_whenAPageASourceOrTheHourIsOpened_showTheirEventsAsText() {
        String pageKey =
                page.strings("[...document.querySelectorAll('#stats-page button.name')].map(b => b.title)").stream()
                        .filter(key -> key.contains("__xss_page"))
                        .findFirst()
                        .orElseThrow();
        page.open("stats-page", pageKey);
        assertThat(page.text("document.getElementById('details-title').textContent"))
                .isEqualTo(pageKey);
        assertThat(page.text("document.getElementById('details-total').textContent"))
                .as("page views (event 1 of each visit is a click)")
                .isEqualTo(String.valueOf(VISITS.get(1).events() - 1));
        assertThat(page.column(3)).isNotEmpty().containsOnly(pageKey);

        String source = VISITS.get(2).source();
        page.open("stats-source", source);
        assertThat(page.text("document.getElementById('details-title').textContent"))
                .isEqualTo(source);
        assertThat(page.text("document.getElementById('details-total').textContent"))
                .isEqualTo("1");
        assertThat(page.column(4)).isNotEmpty().containsOnly(source);

        // the 24 slots end with the current hour: the slot of the latest event sent
        Instant latest = Instant.ofEpochMilli(
                sent.stream().mapToLong(Long::longValue).max().orElseThrow());
        long back = ChronoUnit.HOURS.between(
                latest.truncatedTo(ChronoUnit.HOURS), Instant.now().truncatedTo(ChronoUnit.HOURS));
        page.openSlot((int) (23 - back));
        Instant hour = Instant.parse(page.text("document.getElementById('details-title').title"));
        assertThat(hour).isEqualTo(latest.truncatedTo(ChronoUnit.HOURS));
        long inHour = sent.stream()
                .filter(t -> !Instant.ofEpochMilli(t).isBefore(hour)
                        && Instant.ofEpochMilli(t).isBefore(hour.plus(1, ChronoUnit.HOURS)))
                .count();
        assertThat(page.text("document.getElementById('details-total').textContent"))
                .isEqualTo(String.valueOf(inHour));
        assertThat(page.column(5)).contains(VISITS.get(0).sessionId());
        assertThat(page.column(6)).contains(VISITS.get(0).userId());
        assertPayloadsInert();
    }

    private static void assertPayloadsInert() {
        for (String flag : FLAGS) {
            assertThat(page.text("typeof window." + flag)).as(flag).isEqualTo("undefined");
        }
        assertThat(page.integer("document.querySelectorAll('main img, main script, main iframe, main image,"
                        + " main [onerror], main [onload]').length"))
                .as("no element was created from event data")
                .isZero();
        assertThat(page.integer("document.querySelectorAll('main svg').length")).isEqualTo(3);
        assertThat(browser.dialogs).isEmpty();
        assertThat(browser.exceptions).isEmpty();
        assertThat(page.text("window.__samePage")).isEqualTo("never reloaded");
    }

    // ---- helpers ----

    private static void post(Visit visit, long now, String userAgent) throws Exception {
        ArrayNode events = JSON.createArrayNode();
        for (int i = 0; i < visit.events(); i++) {
            long at = now - (visit.events() - i) * 20_000L;
            ObjectNode event = events.addObject();
            event.put("event_id", "stats-ui-" + Math.abs(visit.sessionId().hashCode()) + "-" + i);
            event.put("session_id", visit.sessionId());
            event.put("user_id", visit.userId());
            event.put("event_type", i == 1 ? "click" : "page_view");
            event.put("page_url", visit.pageUrl());
            event.put("referrer", visit.referrer());
            event.put("timestamp", at);
            if (userAgent.equals(BROWSER_AGENT)) {
                sent.add(at);
            }
        }
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

    /** Asks for the 24-hour range again and waits for the answer (or its error notice). */
    private static void reload() {
        int loads = page.integer("Number(document.getElementById('stats-view')?.dataset.loads || 0)");
        browser.evaluate("document.querySelector(\"[data-range='24h']\").click()");
        Wait.until(
                "the statistics answer",
                StatsViewPage.LOAD,
                () -> page.integer("Number(document.getElementById('stats-view')?.dataset.loads || 0)") > loads
                        || page.bool("!document.getElementById('stats-error').hidden"));
        Wait.pause(Duration.ofSeconds(1));
    }
}
