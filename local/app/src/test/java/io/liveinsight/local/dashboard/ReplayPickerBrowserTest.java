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
 * The run picker of the dashboard page (docs/contract/api.md#replay-runs) in headless Chromium against
 * {@link StatsApiStub}: "Live traffic" by default and the runs of {@code /api/replay/runs}; a chosen run goes into the
 * URL fragment, shows the banner "Replay run <run>" and rides on every statistics and live request; a shared link opens
 * on its run; a run id that is not one (in the list or in the fragment) is never shown nor sent. Gated as
 * {@link StatisticsViewBrowserTest} is (the same stub, the same unexplained first-load stall after other browser
 * classes in one JVM). Skipped when Chromium is not installed.
 */
@EnabledIfSystemProperty(
        named = "stats.stub.browser",
        matches = "true",
        disabledReason = "a StatsApiStub browser test, gated as StatisticsViewBrowserTest. Run:"
                + " -Dtest=ReplayPickerBrowserTest -Dstats.stub.browser=true")
class ReplayPickerBrowserTest {

    private static final Instant NOW = Instant.parse("2026-12-06T08:25:13Z");
    private static final Duration WAIT = StatsViewPage.LOAD;
    private static final String HOSTILE = "<img src=x onerror=window.__pwned=1>";

    private static StatsApiStub stub;
    private static HeadlessChromium browser;
    private static StatsViewPage page;

    @BeforeAll
    static void start() throws Exception {
        Path chromium = Chromium.binaryOrSkip();
        stub = StatsApiStub.start(NOW);
        stub.replayRuns(List.of(
                Map.of("run", "run-b", "first_at", "2026-12-06T08:00:00Z", "last_at", "2026-12-06T08:20:00Z"),
                Map.of("run", "run-a", "first_at", "2026-12-06T07:00:00Z", "last_at", "2026-12-06T07:30:00Z"),
                Map.of("run", HOSTILE, "first_at", "2026-12-06T07:00:00Z", "last_at", "2026-12-06T07:00:00Z")));
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
        return page.strings("[...document.getElementById('replay-run').options].map(o => o.value + '=' + o.text)");
    }

    private static String banner() {
        return page.bool("document.getElementById('replay-banner').hidden")
                ? null
                : page.text("document.getElementById('replay-banner').textContent");
    }

    private static StatsApiStub.Request last(String path) {
        List<StatsApiStub.Request> requests = stub.requests(path);
        return requests.get(requests.size() - 1);
    }

    private static void choose(String run) {
        browser.evaluate("(() => { const s = document.getElementById('replay-run'); s.value = '" + run + "';"
                + " s.dispatchEvent(new Event('change')); })()");
    }

    @Test
    void picker_choosesARunForEveryRequest_keepsItInTheLink_andBackToLiveTraffic() throws Exception {
        browser.navigate(URI.create("about:blank"));
        browser.navigate(stub.address().resolve("/#stats"));
        page.awaitLoads(1);
        HeadlessChromium.await("runs listed", () -> options().size() == 3, WAIT);

        assertThat(options())
                .containsExactly(
                        "=Live traffic",
                        "run-b=run-b · last " + label("2026-12-06T08:20:00Z"),
                        "run-a=run-a · last " + label("2026-12-06T07:30:00Z"));
        assertThat(banner()).isNull();
        assertThat(last("/api/stats/summary").query()).doesNotContainKey("replay");

        choose("run-b");
        page.awaitLoads(2);

        assertThat(page.text("location.hash")).isEqualTo("#stats&replay=run-b");
        assertThat(banner()).isEqualTo("Replay run run-b");
        for (String path : List.of("/api/stats/summary", "/api/stats/series", "/api/stats/breakdown")) {
            assertThat(last(path).query()).as(path).containsEntry("replay", "run-b");
        }
        assertThat(page.text("document.querySelector('[data-view-link=live]').getAttribute('href')"))
                .isEqualTo("#live&replay=run-b");

        browser.evaluate("document.querySelector('[data-view-link=live]').click()");
        HeadlessChromium.await(
                "the live view asks for the run",
                () -> !stub.requests("/api/live").isEmpty(),
                WAIT);
        assertThat(last("/api/live").query()).containsEntry("replay", "run-b").containsEntry("limit", "25");
        assertThat(banner()).isEqualTo("Replay run run-b");

        choose("");
        HeadlessChromium.await(
                "the live view asks for live traffic",
                () -> !last("/api/live").query().containsKey("replay"),
                WAIT);
        assertThat(page.text("location.hash")).isEqualTo("#live");
        assertThat(banner()).isNull();
        assertThat(page.bool("window.__pwned === undefined")).isTrue();
        assertThat(page.integer("document.querySelectorAll('img').length")).isZero();
    }

    @Test
    void link_opensOnItsRun_andAFragmentRunThatIsNotOneIsIgnored() {
        browser.navigate(URI.create("about:blank"));
        browser.navigate(stub.address().resolve("/#stats&replay=run-a"));
        page.awaitLoads(1);

        assertThat(banner()).isEqualTo("Replay run run-a");
        assertThat(page.text("document.getElementById('replay-run').value")).isEqualTo("run-a");
        assertThat(stub.requests("/api/stats/summary").getLast().query()).containsEntry("replay", "run-a");

        browser.navigate(URI.create("about:blank"));
        browser.navigate(stub.address().resolve("/#stats&replay=%3Cscript%3E"));
        page.awaitLoads(1);

        assertThat(banner()).isNull();
        assertThat(stub.requests("/api/stats/summary").getLast().query()).doesNotContainKey("replay");
        assertThat(page.integer("document.querySelectorAll('script:not([src])').length"))
                .isZero();
    }

    /** How the page labels a run's last time: the browser's locale (en-US here) in its zone (UTC). */
    private static String label(String instant) {
        return page.text("new Date(Date.parse('" + instant + "')).toLocaleString()");
    }
}
