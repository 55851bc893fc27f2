package io.liveinsight.local.tracker;

import com.fasterxml.jackson.databind.JsonNode;
import io.liveinsight.local.browser.Chromium;
import io.liveinsight.local.browser.DevToolsSession;
import io.liveinsight.local.browser.Wait;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Headless Chromium for the tracker test: opens and closes real tabs (so pagehide runs as when a person closes one),
 * clicks with the mouse, scrolls with the wheel. One profile per browser, so the tabs of one origin share localStorage.
 */
final class DevToolsBrowser implements AutoCloseable {

    private static final String AT_BOTTOM =
            "window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 1";

    private final Chromium chromium;

    private DevToolsBrowser(Chromium chromium) {
        this.chromium = chromium;
    }

    static DevToolsBrowser start(Path binary) throws IOException, InterruptedException {
        return new DevToolsBrowser(Chromium.start(binary, 1280, 800));
    }

    /** A new tab on the url, once its document has loaded. */
    Tab open(URI url) {
        Tab tab = new Tab(chromium.newTab());
        tab.page.navigate(url);
        return tab;
    }

    @Override
    public void close() throws IOException {
        chromium.close();
    }

    /** One tab, attached by its own DevTools session. */
    static final class Tab {
        private final DevToolsSession page;
        /** Uncaught exceptions and Content-Security-Policy violations seen in this tab. */
        final List<String> problems = new CopyOnWriteArrayList<>();

        private Tab(DevToolsSession page) {
            this.page = page;
            page.onEvent(this::onEvent);
            page.send("Page.enable", Map.of());
            page.send("Runtime.enable", Map.of());
            page.send("Log.enable", Map.of());
        }

        /** The value of a JavaScript expression in the page (promises awaited). */
        JsonNode evaluate(String expression) {
            return page.evaluate(expression);
        }

        void await(String what, String condition) {
            Wait.until(what, DevToolsSession.TIMEOUT, () -> evaluate("!!(" + condition + ")")
                    .asBoolean());
        }

        /** A left click with the mouse in the middle of the element (scrolled into view if it is not). */
        void click(String selector) {
            JsonNode box = evaluate("(() => { const e = document.querySelector('" + selector + "');"
                    + " e.scrollIntoView({block: 'nearest'}); const r = e.getBoundingClientRect();"
                    + " return {x: r.x + r.width / 2, y: r.y + r.height / 2}; })()");
            Map<String, Object> at = new HashMap<>(Map.of(
                    "x", box.path("x").asDouble(), "y", box.path("y").asDouble(), "button", "left", "clickCount", 1));
            at.put("type", "mousePressed");
            page.send("Input.dispatchMouseEvent", at);
            at.put("type", "mouseReleased");
            page.send("Input.dispatchMouseEvent", at);
        }

        /** Turns the mouse wheel until the bottom of the page is in view. */
        void scrollToBottom() {
            for (int i = 0; i < 50 && !evaluate(AT_BOTTOM).asBoolean(); i++) {
                page.send(
                        "Input.dispatchMouseEvent",
                        Map.of("type", "mouseWheel", "x", 600, "y", 400, "deltaX", 0, "deltaY", 500));
                Wait.pause(Duration.ofMillis(80));
            }
            if (!evaluate(AT_BOTTOM).asBoolean()) {
                throw new AssertionError("the wheel did not reach the bottom of the page");
            }
        }

        /** Closes the tab as a person would: the page gets visibilitychange and pagehide. */
        void close() {
            page.close();
        }

        private void onEvent(String method, JsonNode params) {
            switch (method) {
                case "Runtime.exceptionThrown" -> problems.add("exception: " + params.path("exceptionDetails"));
                case "Log.entryAdded" -> {
                    String text = params.path("entry").path("text").asText();
                    if (text.contains("Content Security Policy") || text.contains("Content-Security-Policy")) {
                        problems.add("csp: " + text);
                    }
                }
                default -> {}
            }
        }
    }
}
