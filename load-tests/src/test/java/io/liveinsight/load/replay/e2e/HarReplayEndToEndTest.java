package io.liveinsight.load.replay.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liveinsight.local.browser.Chromium;
import io.liveinsight.local.browser.DevToolsSession;
import io.liveinsight.local.browser.HarRecorder;
import io.liveinsight.local.browser.Wait;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A HAR file, as a browser's DevTools export it, recorded in headless Chromium on the demo shop of the local stack,
 * replayed with {@code bin/replay}'s command on the replay lane into the same stack: nothing missing, duplicated or
 * wrong (docs/contract/replay.md#report), beside the visitor's own live session.
 */
class HarReplayEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path WORK = Path.of("target/har-replay");
    static ChildStack stack;

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(WORK);
        stack = ChildStack.start(
                "the HAR stack",
                WORK.resolve("stack.log"),
                Map.of("LIVEINSIGHT_REPLAY_KEY", RecordReplayEndToEndTest.KEY));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aHarRecordedInHeadlessChromiumOnTheDemoShop_replaysWithNothingMissingDuplicatedOrWrong() throws Exception {
        Path har = WORK.resolve("demo.har");
        try (Chromium chromium = Chromium.start(Chromium.binaryOrSkip(), 1280, 800)) {
            DevToolsSession tab = chromium.newTab();
            HarRecorder recorder = HarRecorder.attach(tab);
            tab.navigate(stack.edge.resolve("/demo"));
            Wait.until("the tracker", DevToolsSession.TIMEOUT, () -> tab.evaluate(
                            "!!(window.LiveInsight && !window.LiveInsight.q)")
                    .asBoolean());
            click(tab, "#product-p1");
            Wait.until("the product page", DevToolsSession.TIMEOUT, () -> tab.evaluate(
                            "!!document.getElementById('add-to-cart')")
                    .asBoolean());
            click(tab, "#add-to-cart");
            click(tab, "#nav-cart");
            Wait.until("the cart", DevToolsSession.TIMEOUT, () -> tab.evaluate("!!document.getElementById('purchase')")
                    .asBoolean());
            // The tracker flushes every 2 s on the demo (a beacon sent while the page unloads is not reported to the
            // page's DevTools session, so the HAR is taken while the page lives, as a person exports it).
            try {
                Wait.until("the tracker's requests", DevToolsSession.TIMEOUT, () -> eventPosts(recorder.toHar()) >= 1);
            } finally {
                Files.writeString(har, JSON.writeValueAsString(recorder.toHar()));
            }
            tab.close();
        }

        Path report = WORK.resolve("replay-har");
        int exit = RecordReplayEndToEndTest.cli(
                "--har",
                har.toString(),
                "--url",
                stack.edge.toString(),
                "--speed",
                "10",
                "--run",
                "e2e-har",
                "--replay-key",
                RecordReplayEndToEndTest.KEY,
                "--dynamodb",
                stack.dynamoDbEndpoint.toString(),
                "--dashboard",
                stack.edge.toString(),
                "--settle-s",
                "120",
                "--report",
                report.toString(),
                "--progress",
                "off");

        JsonNode json = JSON.readTree(report.resolve("report.json").toFile());
        assertThat(exit).as(json.path("findings").toString()).isZero();
        assertThat(json.path("events_planned").asLong())
                .as("page views, clicks, add to cart")
                .isGreaterThanOrEqualTo(4);
        assertThat(json.path("skipped_count").asLong()).isZero();
        assertThat(json.path("findings").path("missing").path("count").asLong()).isZero();
        assertThat(json.path("findings").path("duplicated").path("count").asLong())
                .isZero();
        assertThat(json.path("findings").path("wrong").path("count").asLong()).isZero();
    }

    private static long eventPosts(JsonNode har) {
        long posts = 0;
        for (JsonNode entry : har.path("log").path("entries")) {
            JsonNode request = entry.path("request");
            if (request.path("method").asText().equals("POST")
                    && request.path("url").asText().endsWith("/events")
                    && request.path("postData").hasNonNull("text")) {
                posts++;
            }
        }
        return posts;
    }

    /** A left click with the mouse in the middle of the element, as a person makes it. */
    private static void click(DevToolsSession tab, String selector) {
        JsonNode box = tab.evaluate("(() => { const e = document.querySelector('" + selector + "');"
                + " e.scrollIntoView({block: 'nearest'}); const r = e.getBoundingClientRect();"
                + " return {x: r.x + r.width / 2, y: r.y + r.height / 2}; })()");
        for (String type : new String[] {"mousePressed", "mouseReleased"}) {
            tab.send(
                    "Input.dispatchMouseEvent",
                    Map.of(
                            "type",
                            type,
                            "x",
                            box.path("x").asDouble(),
                            "y",
                            box.path("y").asDouble(),
                            "button",
                            "left",
                            "clickCount",
                            1));
        }
    }
}
