package io.liveinsight.local.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.event.TableNames;
import io.liveinsight.event.site.SiteKeys;
import io.liveinsight.event.site.SiteLimits;
import io.liveinsight.event.site.SiteScope;
import io.liveinsight.local.LocalConfig;
import io.liveinsight.local.LocalPipeline;
import io.liveinsight.local.browser.Chromium;
import io.liveinsight.local.browser.Wait;
import io.liveinsight.local.engines.LocalAws;
import io.liveinsight.local.engines.Ports;
import io.liveinsight.local.engines.WithLocalAws;
import io.liveinsight.sites.SiteSettings;
import io.liveinsight.sites.dynamodb.SiteAdmin;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The tracker in headless Chromium on the demo shop, against the whole local stack (edge, kinesis-mock, KCL, DynamoDB
 * Local): what a visitor does arrives in the tables once each, in one session, also across an outage of the edge.
 */
@WithLocalAws
class TrackerBrowserTest {

    private static LocalPipeline stack;
    private static TableNames tables;
    private static DevToolsBrowser browser;

    @BeforeAll
    static void start(LocalAws aws) throws Exception {
        Path chromium = Chromium.binaryOrSkip();
        tables = TableNames.withPrefix("Tracker");
        LocalConfig config = new LocalConfig(
                "127.0.0.1",
                Ports.resolve(0),
                0,
                0,
                null,
                null,
                aws.createStream("tracker-e2e", 1),
                1,
                tables,
                "tracker-e2e-consumer",
                null,
                true);
        stack = LocalPipeline.start(config, aws.endpoints());
        browser = DevToolsBrowser.start(chromium);
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
    void demo_whenVisitorClicksScrollsNavigatesAndCloses_eventsArriveOnceEachInOneSession(LocalAws aws) {
        URI edge = stack.edgeAddress();
        DevToolsBrowser.Tab tab = browser.open(edge.resolve("/demo"));
        tab.await("the tracker", "window.LiveInsight && !window.LiveInsight.q");

        tab.click("#product-p1");
        tab.await("the product page", "document.getElementById('add-to-cart')");
        tab.click("#add-to-cart");
        tab.scrollToBottom();
        tab.click("#nav-cart");
        tab.await("the cart", "document.getElementById('purchase')");
        tab.click("#purchase");
        tab.await("the thank-you page", "location.pathname === '/demo/thanks'");
        tab.evaluate("history.back()");
        tab.await("the cart again", "location.pathname === '/demo/cart'");
        String sessionId = tab.evaluate("JSON.parse(localStorage.li_sid).i").asText();
        String userId = tab.evaluate("localStorage.li_uid").asText();
        List<String> problems = List.copyOf(tab.problems);
        tab.close(); // the last events leave by sendBeacon on pagehide

        TrackedSession seen = TrackedSession.await(
                aws.dynamoDb(), tables, sessionId, s -> s.count("page_exit") == 1 && s.count("purchase") == 1);

        String origin = edge.toString();
        assertThat(seen.pageViews())
                .containsExactly(
                        origin + "/demo",
                        origin + "/demo/product/p1",
                        origin + "/demo/cart",
                        origin + "/demo/thanks",
                        origin + "/demo/cart");
        assertThat(seen.count("click")).isEqualTo(4);
        assertThat(seen.count("product_view")).isEqualTo(1);
        assertThat(seen.count("add_to_cart")).isEqualTo(1);
        assertThat(seen.count("purchase")).isEqualTo(1);
        assertThat(seen.count("page_exit")).isEqualTo(1);
        assertThat(depthsOn(seen, origin + "/demo/product/p1")).containsExactly(25L, 50L, 75L, 100L);
        assertOncePerPageAndOneSession(seen, sessionId, userId);

        Map<String, AttributeValue> cart = seen.ofType("add_to_cart").get(0);
        assertThat(cart.get("properties").m().get("product_id").s()).isEqualTo("p1");
        assertThat(cart.get("properties").m().get("price").n()).isEqualTo("89.9");
        Map<String, AttributeValue> button = seen.ofType("click").stream()
                .filter(e ->
                        e.containsKey("element_id") && e.get("element_id").s().equals("add-to-cart"))
                .findFirst()
                .orElseThrow();
        assertThat(button.get("element_tag").s()).isEqualTo("button");
        assertThat(button.get("element_text").s()).isEqualTo("Add to cart");
        assertThat(button.get("properties").m().get("track").s()).isEqualTo("add-to-cart");

        assertThat(seen.sessionNumber("page_views")).isEqualTo(5);
        assertThat(seen.session().get("entry_page").s()).isEqualTo(origin + "/demo");
        assertThat(seen.session().get("exit_page").s()).isEqualTo(origin + "/demo/cart");
        assertThat(problems).isEmpty();
    }

    /** docs/contract/sites.md#keys: /demo?site=<write key> is the demo shop configured for one site. */
    @Test
    void demo_whenConfiguredForASite_sendsWithItsWriteKeyAndEverythingIsStoredUnderThatSite(LocalAws aws) {
        String site = "demo-shop";
        String write = new SiteAdmin(aws.dynamoDb(), tables.sites())
                .add(site, new SiteSettings("Demo shop", List.of("127.0.0.1"), SiteLimits.DEFAULTS, Set.of(), "UTC"))
                .keys()
                .get(SiteKeys.Kind.WRITE)
                .orElseThrow();
        URI edge = stack.edgeAddress();
        DevToolsBrowser.Tab blank = browser.open(edge.resolve("/tracker.js")); // this origin, no tracker running
        blank.evaluate("localStorage.clear()"); // nothing queued by the other tests is sent as this site
        blank.close();

        DevToolsBrowser.Tab tab = browser.open(edge.resolve("/demo?site=" + write));
        tab.await("the tracker", "window.LiveInsight && !window.LiveInsight.q");
        tab.click("#product-p1");
        tab.await("the product page", "document.getElementById('add-to-cart')");
        tab.click("#add-to-cart");
        String sessionId = tab.evaluate("JSON.parse(localStorage.li_sid).i").asText();
        List<String> problems = List.copyOf(tab.problems);
        tab.close();

        TrackedSession seen = TrackedSession.await(
                aws.dynamoDb(),
                tables,
                SiteScope.sessionKey(site, sessionId),
                s -> s.count("add_to_cart") == 1 && s.count("page_exit") == 1);

        assertThat(seen.count("product_view")).isEqualTo(1);
        assertThat(seen.session().get("site").s()).isEqualTo(site);
        assertThat(TrackedSession.read(aws.dynamoDb(), tables, sessionId).session())
                .as("the default site's session of the same client id")
                .isEmpty();
        assertThat(problems).isEmpty();
    }

    @Test
    void demo_whenEdgeIsDownForAWhile_eventsQueueAndArriveOnceEachAfterItReturns(LocalAws aws) throws Exception {
        try (EdgeGate gate = EdgeGate.start(stack.edgeAddress())) {
            String origin = gate.address().toString();
            DevToolsBrowser.Tab tab = browser.open(gate.address().resolve("/demo"));
            tab.await("the tracker", "window.LiveInsight && !window.LiveInsight.q");
            tab.await("the first page view sent", "localStorage.li_q == null");

            // Down while the page is open: the events wait in localStorage and are retried with backoff.
            gate.down();
            tab.click("#product-p2");
            tab.await("the product page", "document.getElementById('add-to-cart')");
            tab.click("#add-to-cart");
            Wait.pause(Duration.ofSeconds(4)); // the 2 s batch is tried and refused
            assertThat(stored(tab)).isEqualTo(5); // click, page_view, product_view, click, add_to_cart
            Wait.pause(Duration.ofSeconds(3));
            gate.up();
            tab.await("the stored events sent after the edge returned", "localStorage.li_q == null");

            // Down again, and the page is closed before the edge returns: the next page sends what was left.
            gate.down();
            tab.click("#nav-cart");
            Wait.pause(Duration.ofSeconds(4));
            assertThat(stored(tab)).isEqualTo(2); // click, page_view
            String sessionId = tab.evaluate("JSON.parse(localStorage.li_sid).i").asText();
            String userId = tab.evaluate("localStorage.li_uid").asText();
            tab.close();
            Wait.pause(Duration.ofSeconds(2));
            gate.up();
            DevToolsBrowser.Tab next = browser.open(gate.address().resolve("/demo"));
            next.await("the left-over events sent by the next page", "localStorage.li_q == null");
            assertThat(next.evaluate("JSON.parse(localStorage.li_sid).i").asText())
                    .isEqualTo(sessionId);
            next.close();

            TrackedSession seen = TrackedSession.await(
                    aws.dynamoDb(), tables, sessionId, s -> s.count("page_exit") == 2 && s.count("page_view") == 4);

            assertThat(seen.pageViews())
                    .containsExactly(
                            origin + "/demo", origin + "/demo/product/p2", origin + "/demo/cart", origin + "/demo");
            assertThat(seen.count("click")).isEqualTo(3);
            assertThat(seen.count("product_view")).isEqualTo(1);
            assertThat(seen.count("add_to_cart")).isEqualTo(1);
            assertThat(seen.count("page_exit")).isEqualTo(2);
            assertOncePerPageAndOneSession(seen, sessionId, userId);
            assertThat(seen.sessionNumber("page_views")).isEqualTo(4);
        }
    }

    /** Events waiting in the page's localStorage, heartbeats aside (they come every 30 s on a visible page). */
    private static long stored(DevToolsBrowser.Tab tab) {
        return tab.evaluate("JSON.parse(localStorage.li_q || '[]').filter(e => e.event_type !== 'heartbeat').length")
                .asLong();
    }

    private static List<Long> depthsOn(TrackedSession seen, String page) {
        return seen.ofType("scroll_depth").stream()
                .filter(e -> e.get("page_url").s().equals(page))
                .map(e -> Long.parseLong(e.get("properties").m().get("depth").n()))
                .sorted()
                .toList();
    }

    /**
     * Every stored event is one the page made (a distinct event_id, which the Sessions item counts once), all in the
     * session and for the user the page had, and no scroll depth twice on one page.
     */
    private static void assertOncePerPageAndOneSession(TrackedSession seen, String sessionId, String userId) {
        Set<String> ids = seen.events().stream().map(e -> e.get("event_id").s()).collect(Collectors.toSet());
        assertThat(ids).hasSameSizeAs(seen.events());
        assertThat(seen.sessionNumber("total_events")).isEqualTo(seen.events().size());
        assertThat(seen.events()).allSatisfy(e -> {
            assertThat(e.get("session_id").s()).isEqualTo(sessionId);
            assertThat(e.get("user_id").s()).isEqualTo(userId);
            assertThat(e).doesNotContainKey("clock_skew");
        });
        assertThat(seen.session().get("user_id").s()).isEqualTo(userId);
        Map<String, Long> depthsPerPage = seen.ofType("scroll_depth").stream()
                .collect(Collectors.groupingBy(
                        e -> e.get("page_url").s() + "@"
                                + e.get("properties").m().get("depth").n(),
                        Collectors.counting()));
        assertThat(depthsPerPage.values()).allMatch(n -> n == 1);
    }
}
