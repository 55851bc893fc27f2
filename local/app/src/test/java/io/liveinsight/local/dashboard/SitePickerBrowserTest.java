package io.liveinsight.local.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.local.browser.Chromium;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The site picker of the dashboard page (docs/contract/sites.md#dashboard) in headless Chromium against
 * {@link StatsApiStub}: the sites of {@code /api/sites} by name, shown as text however hostile the name; the chosen
 * site goes into the URL fragment and rides on every request; a shared link opens on its site; a site id that is not
 * one (in the list or the fragment) is never shown nor sent; a token that reads one site opens the page on it. Gated
 * as {@link StatisticsViewBrowserTest} is. Skipped when Chromium is not installed.
 */
@EnabledIfSystemProperty(
        named = "stats.stub.browser",
        matches = "true",
        disabledReason = "a StatsApiStub browser test, gated as StatisticsViewBrowserTest. Run:"
                + " -Dtest=SitePickerBrowserTest -Dstats.stub.browser=true")
class SitePickerBrowserTest {

    private static final Instant NOW = Instant.parse("2026-12-06T08:25:13Z");
    private static final Duration WAIT = StatsViewPage.LOAD;
    private static final String HOSTILE = "<img src=x onerror=window.__pwned=1><script>window.__pwned=2</script>";

    private static final Map<String, Object> SHOP = Map.of(
            "id", "shop", "name", HOSTILE, "hostnames", List.of("shop.example", "*.shop.example"), "status", "active");
    private static final Map<String, Object> BLOG =
            Map.of("id", "blog", "name", "Blog 😀", "hostnames", List.of("blog.example"), "status", "disabled");
    private static final Map<String, Object> NOT_A_SITE =
            Map.of("id", "<b>x</b>", "name", HOSTILE, "hostnames", List.of(), "status", "active");

    private static StatsApiStub stub;
    private static HeadlessChromium browser;
    private static StatsViewPage page;

    @BeforeAll
    static void start() throws Exception {
        Path chromium = Chromium.binaryOrSkip();
        stub = StatsApiStub.start(NOW);
        browser = HeadlessChromium.start(chromium);
        page = new StatsViewPage(browser);
        browser.viewport(1280, 900, 1, false);
        browser.emulate("UTC", "en-US");
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

    private static List<String> options() {
        return page.strings("[...document.getElementById('site').options].map(o => o.value + '=' + o.text)");
    }

    private static StatsApiStub.Request last(String path) {
        List<StatsApiStub.Request> requests = stub.requests(path);
        return requests.get(requests.size() - 1);
    }

    private static void choose(String site) {
        browser.evaluate("(() => { const s = document.getElementById('site'); s.value = '" + site + "';"
                + " s.dispatchEvent(new Event('change')); })()");
    }

    private static void noMarkupRan() {
        assertThat(page.bool("window.__pwned === undefined")).isTrue();
        assertThat(page.integer("document.querySelectorAll('img').length")).isZero();
        assertThat(page.integer("document.querySelectorAll('script:not([src])').length"))
                .isZero();
    }

    @Test
    void picker_listsTheSitesAsText_andTheChosenOneRidesOnEveryRequest() throws Exception {
        stub.sites(List.of(SHOP, BLOG, NOT_A_SITE));
        browser.navigate(URI.create("about:blank"));
        browser.navigate(stub.address().resolve("/#stats"));
        page.awaitLoads(1);
        HeadlessChromium.await("sites listed", () -> options().size() == 3, WAIT);

        assertThat(options())
                .containsExactly("shop=" + HOSTILE + " (shop)", "blog=Blog 😀 (blog) · disabled", "default=default");
        assertThat(page.text("document.getElementById('site').value")).isEqualTo("default");
        assertThat(last("/api/stats/summary").query()).containsEntry("site", "default");
        assertThat(last("/api/sites").query()).isEmpty();
        noMarkupRan();

        choose("shop");
        page.awaitLoads(2);

        assertThat(page.text("location.hash")).isEqualTo("#stats&site=shop");
        for (String path : List.of("/api/stats/summary", "/api/stats/series", "/api/stats/breakdown")) {
            assertThat(last(path).query()).as(path).containsEntry("site", "shop");
        }
        HeadlessChromium.await(
                "the runs of the site",
                () -> "shop".equals(last("/api/replay/runs").query().get("site")),
                WAIT);
        assertThat(page.text("document.querySelector('[data-view-link=live]').getAttribute('href')"))
                .isEqualTo("#live&site=shop");

        browser.evaluate("document.querySelector('[data-view-link=live]').click()");
        HeadlessChromium.await(
                "the live view asks for the site",
                () -> !stub.requests("/api/live").isEmpty(),
                WAIT);
        assertThat(last("/api/live").query()).containsEntry("site", "shop");

        choose("default");
        HeadlessChromium.await(
                "the live view asks for the default site",
                () -> "default".equals(last("/api/live").query().get("site")),
                WAIT);
        assertThat(page.text("location.hash")).isEqualTo("#live");
        noMarkupRan();
    }

    @Test
    void link_opensOnItsSite_andAFragmentSiteThatIsNotOneIsIgnored() {
        stub.sites(List.of(SHOP, BLOG));
        browser.navigate(URI.create("about:blank"));
        browser.navigate(stub.address().resolve("/#stats&site=blog"));
        page.awaitLoads(1);

        assertThat(page.text("document.getElementById('site').value")).isEqualTo("blog");
        assertThat(last("/api/stats/summary").query()).containsEntry("site", "blog");

        browser.navigate(URI.create("about:blank"));
        browser.navigate(stub.address().resolve("/#stats&site=%3Cimg%20src%3Dx%20onerror%3Dwindow.__pwned%3D1%3E"));
        page.awaitLoads(1);

        assertThat(last("/api/stats/summary").query()).containsEntry("site", "default");
        noMarkupRan();
    }

    @Test
    void aTokenThatReadsOneSite_opensThePageOnIt() {
        stub.sites(List.of(SHOP));
        browser.navigate(URI.create("about:blank"));
        browser.navigate(stub.address().resolve("/#stats"));

        HeadlessChromium.await(
                "moved to the one site", () -> page.text("location.hash").equals("#stats&site=shop"), WAIT);
        HeadlessChromium.await(
                "asks for the one site",
                () -> "shop".equals(last("/api/stats/summary").query().get("site")),
                WAIT);
        assertThat(options()).containsExactly("shop=" + HOSTILE + " (shop)");
        noMarkupRan();
    }
}
