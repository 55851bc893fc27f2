package io.liveinsight.local.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liveinsight.local.browser.Chromium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.NumberFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The statistics view in headless Chromium against {@link StatsApiStub} (the native statistics API's specified shapes,
 * canned, until that API is merged): cards, chart slots and top lists of a range in the browser's time zone, the range
 * picker, drill-downs into an hour (click and keyboard), a page and a source, 400 reasons, 401 and 503 states, the phone
 * layout, and markup in pages, sources, campaigns and event fields shown as text that creates no element and runs
 * nothing (the stub sends no Content-Security-Policy, so only the page's text-only writing stops it). Screenshots go to
 * {@code target/} (and to {@code -Ddashboard.screenshots=<dir>}). Skipped when Chromium is not installed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StatisticsViewBrowserTest {

    /** The stub's "now": ranges that end now end at 09:00 UTC, 18:00 in Seoul. */
    private static final Instant NOW = Instant.parse("2026-12-06T08:25:13Z");

    private static final String ZONE = "Asia/Seoul";
    private static final Duration LOAD = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final NumberFormat NUMBER = NumberFormat.getIntegerInstance(Locale.US);
    private static final List<String> DIMENSIONS =
            List.of("page", "source", "channel", "campaign", "device", "browser");

    private static StatsApiStub stub;
    private static HeadlessChromium browser;

    @BeforeAll
    static void start() throws Exception {
        Path chromium = Chromium.binaryOrSkip();
        stub = StatsApiStub.start(NOW);
        browser = HeadlessChromium.start(chromium);
        browser.viewport(1280, 900, 1, false);
        browser.emulate(ZONE, "en-US");
        browser.navigate(stub.address().resolve("/#stats"));
        awaitLoads(1);
        browser.evaluate("window.__samePage = 'never reloaded'");
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (stub != null) {
            stub.close();
        }
    }

    @Test
    @Order(1)
    void statistics_whenOpened_showsCardsChartAndTopListsOfTheLast24HoursInTheBrowsersZone() {
        assertThat(bool("!document.getElementById('stats-view').hidden")).isTrue();
        assertThat(bool("document.querySelector('main.live').hidden")).isTrue();
        assertThat(stub.requests("/api/live")).as("the live view is not polled").isEmpty();
        assertThat(stub.requests("/api/stats/summary").get(0).query()).isEqualTo(Map.of("range", "24h", "tz", ZONE));
        assertThat(stub.requests("/api/stats/series").get(0).query()).isEqualTo(Map.of("range", "24h", "tz", ZONE));
        assertThat(stub.requests("/api/stats/breakdown").stream()
                        .map(r -> r.query().get("dimension") + ":" + r.query().get("limit"))
                        .collect(Collectors.toSet()))
                .isEqualTo(DIMENSIONS.stream().map(d -> d + ":10").collect(Collectors.toSet()));

        assertThat(text("document.getElementById('stats-sessions').textContent"))
                .isEqualTo("6,342");
        assertThat(text("document.getElementById('stats-events').textContent")).isEqualTo("48,213");
        assertThat(text("document.getElementById('stats-events-sub').textContent"))
                .isEqualTo("30,125 page views · 1,290 bot events apart");
        assertThat(text("document.getElementById('stats-users').textContent")).isEqualTo("4,870");
        assertThat(text("document.getElementById('stats-users-sub').textContent"))
                .contains("±2.3%");
        assertThat(text("document.getElementById('stats-avg-session').textContent"))
                .isEqualTo("3m 04s");
        assertThat(text("document.getElementById('stats-bounce-rate').textContent"))
                .isEqualTo("41.3%");
        assertThat(text("document.getElementById('stats-conversion-rate').textContent"))
                .isEqualTo("3.8%");
        assertThat(text("document.getElementById('stats-conversion-rate-sub').textContent"))
                .isEqualTo("240 sessions converted · 301 conversions");
        assertThat(text("document.getElementById('stats-range').textContent")).endsWith("(" + ZONE + ")");

        assertThat(integer("document.querySelectorAll('#stats-chart .slot[role=button]').length"))
                .isEqualTo(24);
        assertThat(integer("document.querySelectorAll('#stats-chart polyline.line').length"))
                .isEqualTo(1);
        assertThat(text("document.querySelector('#stats-chart text:nth-of-type(3)').textContent"))
                .as("the first slot's label: 09:00 UTC is 18:00 in Seoul")
                .isEqualTo("18:00");
        Instant first = Instant.parse("2026-12-05T09:00:00Z");
        assertThat(text("document.querySelector('#stats-chart .slot title').textContent"))
                .contains(NUMBER.format(StatsFixture.events(first, first.plus(Duration.ofHours(1)))) + " events");

        assertThat(names("stats-page"))
                .containsExactly(
                        "shop.example/",
                        "shop.example/products/trail-shoes",
                        "shop.example/cart",
                        "shop.example/checkout",
                        StatsFixture.XSS_PAGE,
                        StatsFixture.SCRIPT_URL_PAGE,
                        "other");
        assertThat(text("document.querySelector('#stats-page li.other .count').textContent"))
                .isEqualTo("5,120");
        assertThat(text("document.getElementById('stats-page-total').textContent"))
                .isEqualTo("22,383 page views");
        assertThat(names("stats-source")).contains("google", StatsFixture.XSS_SOURCE, StatsFixture.LONG_SOURCE);
        assertThat(StatsFixture.LONG_SOURCE.codePointCount(0, StatsFixture.LONG_SOURCE.length()))
                .isEqualTo(128);
        assertThat(names("stats-campaign"))
                .containsExactly("spring-sale", "newsletter-12", StatsFixture.XSS_CAMPAIGN, "other");
        assertThat(names("stats-channel")).startsWith("Organic search", "Direct");
        assertThat(text("document.querySelector('#stats-channel .name').title")).isEqualTo("organic_search");
        assertThat(names("stats-device")).containsExactly("desktop", "phone", "tablet");
        assertThat(browser.exceptions).isEmpty();
    }

    @Test
    @Order(2)
    void chart_whenAnHourIsClickedOrChosenByKeyboard_showsItsTotalSeriesAndLatestEvents() {
        Instant hour = Instant.parse("2026-12-06T05:00:00Z"); // slot 20 of 24: 14:00 in Seoul
        int before = detailLoads();
        browser.evaluate("document.querySelectorAll('#stats-chart .slot')[20]"
                + ".dispatchEvent(new MouseEvent('click', {bubbles: true}))");
        awaitDetails(before + 1);

        assertThat(last("/api/stats/details").query())
                .isEqualTo(Map.of("range", "24h", "tz", ZONE, "dimension", "hour", "key", "2026-12-06T05:00:00Z"));
        assertThat(bool("!document.getElementById('stats-details').hidden")).isTrue();
        assertThat(text("document.getElementById('details-kind').textContent")).isEqualTo("Hour");
        assertThat(text("document.getElementById('details-title').textContent")).contains("14:00");
        assertThat(text("document.getElementById('details-total').textContent"))
                .isEqualTo(NUMBER.format(StatsFixture.events(hour, hour.plus(Duration.ofHours(1)))));
        assertThat(integer("document.querySelectorAll('#details-chart .slot').length"))
                .isEqualTo(12);
        assertThat(integer("document.querySelectorAll('#details-recent tr').length"))
                .isEqualTo(20);
        assertThat(column(3)).contains(StatsFixture.XSS_PAGE, "shop.example/");
        assertThat(column(4)).contains(StatsFixture.XSS_SOURCE, "google");
        assertThat(column(5)).contains(StatsFixture.XSS_SESSION);
        assertThat(column(6)).contains(StatsFixture.XSS_USER);

        before = detailLoads();
        browser.evaluate("(() => { const slot = document.querySelectorAll('#stats-chart .slot')[21]; slot.focus();"
                + " slot.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter', bubbles: true})); })()");
        awaitDetails(before + 1);
        assertThat(last("/api/stats/details").query()).containsEntry("key", "2026-12-06T06:00:00Z");
        assertThat(browser.exceptions).isEmpty();
    }

    @Test
    @Order(3)
    void topPages_whenAPageIsClicked_showItsDetailsAndLinkOnlyARealHost() throws Exception {
        openFromList("stats-page", StatsFixture.XSS_PAGE);

        StatsApiStub.Request asked = last("/api/stats/details");
        assertThat(asked.query())
                .as("the key goes through with its astral characters, ~ # | and markup intact")
                .isEqualTo(Map.of("range", "24h", "tz", ZONE, "dimension", "page", "key", StatsFixture.XSS_PAGE));
        assertThat(text("document.getElementById('details-kind').textContent")).isEqualTo("Page");
        assertThat(text("document.getElementById('details-title').textContent")).isEqualTo(StatsFixture.XSS_PAGE);
        assertThat(text("document.getElementById('details-total').textContent")).isEqualTo(expectedTotal(asked));
        assertThat(integer("document.querySelectorAll('#details-chart .slot').length"))
                .isEqualTo(24);
        assertThat(column(3)).hasSize(6).containsOnly(StatsFixture.XSS_PAGE);
        assertThat(bool("!document.getElementById('details-link').hidden")).isTrue();
        assertThat(text("document.getElementById('details-link').href")).startsWith("https://shop.example/q/");
        assertThat(text("document.getElementById('details-link').rel")).contains("noopener");

        openFromList("stats-page", StatsFixture.SCRIPT_URL_PAGE);
        assertThat(text("document.getElementById('details-title').textContent"))
                .isEqualTo(StatsFixture.SCRIPT_URL_PAGE);
        assertThat(bool("document.getElementById('details-link').hidden")).isTrue();
        assertThat(bool("document.getElementById('details-link').hasAttribute('href')"))
                .isFalse();
    }

    @Test
    @Order(4)
    void sources_whenASourceIsClicked_showItsSessionsAndLatestEvents() throws Exception {
        openFromList("stats-source", "google");

        StatsApiStub.Request asked = last("/api/stats/details");
        assertThat(asked.query()).containsEntry("dimension", "source").containsEntry("key", "google");
        assertThat(text("document.getElementById('details-kind').textContent")).isEqualTo("Source");
        assertThat(text("document.getElementById('details-total-label').textContent"))
                .isEqualTo("sessions in the range");
        assertThat(text("document.getElementById('details-total').textContent")).isEqualTo(expectedTotal(asked));
        assertThat(column(4)).hasSize(6).containsOnly("google");

        openFromList("stats-source", StatsFixture.XSS_SOURCE);
        assertThat(text("document.getElementById('details-title').textContent")).isEqualTo(StatsFixture.XSS_SOURCE);
        assertThat(column(4)).hasSize(6).containsOnly(StatsFixture.XSS_SOURCE);
    }

    @Test
    @Order(5)
    void range_whenSevenDaysChosen_readsDaysAndADayClickedShowsItHourByHour() {
        int details = detailLoads();
        click("[data-range='7d']");
        awaitDetails(details + 1);

        assertThat(last("/api/stats/series").query()).isEqualTo(Map.of("range", "7d", "tz", ZONE));
        assertThat(text("document.querySelector(\"[data-range='7d']\").getAttribute('aria-pressed')"))
                .isEqualTo("true");
        assertThat(text("document.getElementById('stats-resolution-label').textContent"))
                .isEqualTo("per day");
        assertThat(integer("document.querySelectorAll('#stats-chart .slot').length"))
                .as("Seoul days from 29 Nov to 6 Dec")
                .isEqualTo(8);
        assertThat(text("document.querySelector('#stats-chart .slot title').textContent"))
                .startsWith("Nov 29");
        assertThat(bool("!document.getElementById('stats-details').hidden"))
                .as("the open details follow the range")
                .isTrue();
        assertThat(last("/api/stats/details").query()).containsEntry("range", "7d");

        int loads = loads();
        browser.evaluate(
                "document.querySelector('#stats-chart .slot').dispatchEvent(new MouseEvent('click', {bubbles: true}))");
        awaitLoads(loads + 1);

        assertThat(last("/api/stats/summary").query())
                .isEqualTo(Map.of("from", "2026-11-28T15:00:00Z", "to", "2026-11-29T15:00:00Z", "tz", ZONE));
        assertThat(integer("document.querySelectorAll('#stats-chart .slot').length"))
                .isEqualTo(24);
        assertThat(bool("!document.getElementById('stats-custom').hidden")).isTrue();
        assertThat(text("document.getElementById('stats-from').value")).isEqualTo("2026-11-29T00:00");
        assertThat(text("document.getElementById('stats-to').value")).isEqualTo("2026-11-30T00:00");
    }

    @Test
    @Order(6)
    void badParameters_whenCustomRangeOrResolutionIsRefused_showEveryReasonAsText() {
        int asked = stub.requests("/api/stats/summary").size();
        browser.evaluate("document.getElementById('stats-from').value = '2026-12-06T10:00';"
                + "document.getElementById('stats-to').value = '2026-12-06T09:00';"
                + "document.querySelector('#stats-custom button[type=submit]').click()");
        assertThat(bool("!document.getElementById('stats-error').hidden")).isTrue();
        assertThat(reasons()).containsExactly("From must be before To.");
        assertThat(stub.requests("/api/stats/summary")).as("nothing asked").hasSize(asked);

        browser.evaluate("document.getElementById('stats-from').value = '2024-01-01T00:00';"
                + "document.getElementById('stats-to').value = '2026-12-01T00:00';"
                + "document.querySelector('#stats-custom button[type=submit]').click()");
        awaitError("(400)");
        assertThat(last("/api/stats/summary").query())
                .isEqualTo(Map.of("from", "2023-12-31T15:00:00Z", "to", "2026-11-30T15:00:00Z", "tz", ZONE));
        assertThat(reasons()).containsExactly("a range spans at most 400 days");

        int details = detailLoads();
        click("[data-range='30d']");
        awaitDetails(details + 1);
        assertThat(integer("document.querySelectorAll('#details-chart .slot').length"))
                .as("720 hours: one outline, not 720 slots")
                .isZero();
        assertThat(text("document.querySelector('#details-chart path.bar').getAttribute('d')"))
                .startsWith("M")
                .doesNotContain("NaN");
        browser.evaluate("(() => { const s = document.getElementById('stats-resolution'); s.value = 'minute';"
                + " s.dispatchEvent(new Event('change')); })()");
        awaitError("(400)");
        assertThat(reasons())
                .containsExactly(
                        "at most 1500 points: choose a coarser resolution",
                        "minute and 5m resolutions reach back 48 hours only");

        browser.evaluate("(() => { const s = document.getElementById('stats-resolution'); s.value = '';"
                + " s.dispatchEvent(new Event('change')); })()");
        click("[data-range='24h']");
        assertThat(bool("document.getElementById('stats-error').hidden")).isTrue();
        assertThat(browser.exceptions).isEmpty();
    }

    @Test
    @Order(7)
    void errors_when503Or401_retryAfterTheWaitAndAskForTheToken() {
        stub.unavailableFor(8, 1); // every request of one load
        int loads = loads();
        browser.evaluate("document.querySelector(\"[data-range='24h']\").click()");
        awaitError("(503)");
        assertThat(reasons()).containsExactly("Trying again in 1 s.");
        assertThat(text("document.getElementById('status').textContent")).startsWith("not updating");
        awaitLoads(loads + 1);
        assertThat(bool("document.getElementById('stats-error').hidden")).isTrue();

        String token = "stats-view-token-0123456789";
        stub.requireToken(token);
        try {
            browser.evaluate("document.querySelector(\"[data-range='24h']\").click()");
            HeadlessChromium.await("the token form", () -> bool("!document.getElementById('token-form').hidden"), LOAD);
            assertThat(text("document.getElementById('stats-error-title').textContent"))
                    .contains("(401)");
            loads = loads();
            browser.evaluate("document.getElementById('token-input').value = '" + token + "';"
                    + "document.getElementById('token-form').requestSubmit()");
            awaitLoads(loads + 1);
            assertThat(last("/api/stats/summary").authorization()).isEqualTo("Bearer " + token);
            assertThat(bool("document.getElementById('token-form').hidden")).isTrue();
            assertThat(bool("document.getElementById('stats-error').hidden")).isTrue();
        } finally {
            stub.requireToken(null);
        }
    }

    @Test
    @Order(8)
    void views_whenLiveChosen_pollLiveAndStatisticsComeBackOnReturn() {
        browser.evaluate("document.querySelector('[data-view-link=live]').click()");
        HeadlessChromium.await(
                "the live view",
                () -> !text("document.body.dataset.refreshedAt || ''").isEmpty(),
                LOAD);
        assertThat(bool("document.getElementById('stats-view').hidden")).isTrue();
        assertThat(bool("!document.querySelector('main.live').hidden")).isTrue();
        assertThat(integer("document.querySelectorAll('#chart rect.bar').length"))
                .isEqualTo(30);

        int loads = loads();
        browser.evaluate("document.querySelector('[data-view-link=stats]').click()");
        awaitLoads(loads + 1);
        assertThat(bool("document.querySelector('main.live').hidden")).isTrue();
        assertThat(text("document.querySelector('[data-view-link=stats]').getAttribute('aria-current')"))
                .isEqualTo("page");
    }

    @Test
    @Order(9)
    void layouts_whenLaptopOrPhone_fitTheWidth() throws Exception {
        int before = detailLoads();
        browser.evaluate("document.querySelectorAll('#stats-chart .slot')[22]"
                + ".dispatchEvent(new MouseEvent('click', {bubbles: true}))");
        awaitDetails(before + 1);
        browser.evaluate("window.scrollTo(0, 0)");
        assertThat(columns(".stats .cards")).isEqualTo(6);
        screenshot("statistics-laptop.png");

        browser.viewport(390, 844, 2, true);
        HeadlessChromium.await("the phone layout", () -> integer("window.innerWidth") == 390, Duration.ofSeconds(5));
        HeadlessChromium.await("two cards a row", () -> columns(".stats .cards") == 2, Duration.ofSeconds(5));
        assertThat(bool("document.documentElement.scrollWidth <= window.innerWidth"))
                .as("no sideways scrolling on a phone")
                .isTrue();
        assertThat(bool("(() => { const main = document.getElementById('stats-view').getBoundingClientRect();"
                        + " return [...document.querySelectorAll('.list-panel')].every(p =>"
                        + " p.getBoundingClientRect().width > main.width - 40); })()"))
                .as("top lists one per row")
                .isTrue();
        assertThat(
                        bool(
                                "getComputedStyle(document.querySelector('#details-recent td.hide-narrow')).display === 'none'"))
                .isTrue();
        screenshot("statistics-phone.png");
        browser.viewport(1280, 900, 1, false);
    }

    @Test
    @Order(10)
    void payloads_whenShownEverywhere_createNoElementAndRunNothing() {
        assertThat(text("document.getElementById('stats-campaign').textContent"))
                .contains(StatsFixture.XSS_CAMPAIGN);
        assertThat(text("document.getElementById('stats-source').textContent")).contains(StatsFixture.XSS_SOURCE);
        assertThat(text("document.getElementById('stats-page').textContent")).contains(StatsFixture.XSS_PAGE);
        for (String flag : StatsFixture.FLAGS) {
            assertThat(text("typeof window." + flag)).as(flag).isEqualTo("undefined");
        }
        assertThat(integer("document.querySelectorAll('main img, main script, main iframe, main object, main embed,"
                        + " main image, main foreignObject, main [onerror], main [onload]').length"))
                .as("no element was created from data")
                .isZero();
        assertThat(integer("document.querySelectorAll('main svg').length"))
                .as("the page's own charts only")
                .isEqualTo(3);
        assertThat(integer("document.scripts.length")).isEqualTo(6);
        assertThat(bool("[...document.querySelectorAll('main a[href]')].every(a =>"
                        + " a.protocol === 'https:' && a.rel.includes('noopener'))"))
                .isTrue();
        assertThat(browser.dialogs).isEmpty();
        assertThat(browser.exceptions).isEmpty();
        assertThat(text("window.__samePage")).isEqualTo("never reloaded");
    }

    @Test
    @Order(11)
    void customRange_whenWallTimesAreRepeatedOrSkipped_mapsThemToTheZonesInstants() {
        assertThat(fromWall("2026-11-01T01:30", "America/New_York"))
                .as("clocks going back: the first 01:30 (EDT)")
                .isEqualTo("2026-11-01T05:30:00Z");
        assertThat(fromWall("2026-03-08T02:30", "America/New_York"))
                .as("clocks going forward: 02:30 never happens, so 03:30 EDT")
                .isEqualTo("2026-03-08T07:30:00Z");
        assertThat(fromWall("2026-12-06T00:00", "Asia/Kolkata")).isEqualTo("2026-12-05T18:30:00Z");
        assertThat(fromWall("2026-12-06T09:00", "UTC")).isEqualTo("2026-12-06T09:00:00Z");
        assertThat(text("String(LiveInsightZone.fromWall('not a time', 'UTC'))"))
                .isEqualTo("NaN");
        assertThat(text("LiveInsightZone.toWall(Date.parse('2026-11-01T06:30:00Z'), 'America/New_York')"))
                .as("the second 01:30 (EST)")
                .isEqualTo("2026-11-01T01:30");
    }

    // ---- helpers ----

    private static String fromWall(String wall, String zone) {
        return text("LiveInsightZone.iso(LiveInsightZone.fromWall('" + wall + "', '" + zone + "'))");
    }

    private static void openFromList(String list, String key) throws JsonProcessingException {
        int before = detailLoads();
        browser.evaluate("[...document.querySelectorAll('#" + list + " button.name')].find(b => b.title === "
                + JSON.writeValueAsString(key) + ").click()");
        awaitDetails(before + 1);
    }

    private static String expectedTotal(StatsApiStub.Request asked) {
        Object total = StatsFixture.details(StatsQuery.parse("details", asked.query(), NOW))
                .body()
                .get("total");
        return NUMBER.format(((Number) total).longValue());
    }

    /** The text of column {@code n} (1-based) of the details' latest events. */
    private static List<String> column(int n) {
        return strings("[...document.querySelectorAll('#details-recent tr td:nth-child(" + n + ")')]"
                + ".map(td => td.textContent)");
    }

    private static List<String> names(String list) {
        return strings("[...document.querySelectorAll('#" + list + " li .name')].map(n => n.textContent)");
    }

    private static List<String> reasons() {
        return strings("[...document.querySelectorAll('#stats-error-reasons li')].map(li => li.textContent)");
    }

    private static List<String> strings(String expression) {
        JsonNode array = browser.evaluate(expression);
        return java.util.stream.StreamSupport.stream(array.spliterator(), false)
                .map(JsonNode::asText)
                .toList();
    }

    private static int columns(String selector) {
        return text("getComputedStyle(document.querySelector('" + selector + "')).gridTemplateColumns")
                .split(" ")
                .length;
    }

    private static void click(String selector) {
        int loads = loads();
        browser.evaluate("document.querySelector(\"" + selector + "\").click()");
        awaitLoads(loads + 1);
    }

    private static int loads() {
        return integer("Number(document.getElementById('stats-view').dataset.loads || 0)");
    }

    private static int detailLoads() {
        return integer("Number(document.getElementById('stats-details').dataset.loads || 0)");
    }

    private static void awaitLoads(int count) {
        HeadlessChromium.await(
                "statistics load " + count,
                () -> loads() >= count
                        && text("document.getElementById('stats-view').getAttribute('aria-busy')")
                                .equals("false"),
                LOAD);
    }

    private static void awaitDetails(int count) {
        HeadlessChromium.await(
                "details load " + count,
                () -> detailLoads() >= count
                        && text("document.getElementById('stats-details').getAttribute('aria-busy')")
                                .equals("false"),
                LOAD);
    }

    private static void awaitError(String status) {
        HeadlessChromium.await(
                "an error notice with " + status,
                () -> bool("!document.getElementById('stats-error').hidden")
                        && text("document.getElementById('stats-error-title').textContent")
                                .contains(status),
                LOAD);
    }

    private static StatsApiStub.Request last(String path) {
        List<StatsApiStub.Request> requests = stub.requests(path);
        return requests.get(requests.size() - 1);
    }

    private static String text(String expression) {
        JsonNode value = browser.evaluate(expression);
        return value.isMissingNode() || value.isNull() ? "" : value.asText();
    }

    private static boolean bool(String expression) {
        return browser.evaluate(expression).asBoolean();
    }

    private static int integer(String expression) {
        return browser.evaluate(expression).asInt();
    }

    private static void screenshot(String name) throws Exception {
        Path file = Path.of("target", name);
        browser.screenshot(file);
        String directory = System.getProperty("dashboard.screenshots");
        if (directory != null && !directory.isBlank()) {
            Path target = Path.of(directory).resolve(name);
            Files.createDirectories(target.getParent());
            Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
