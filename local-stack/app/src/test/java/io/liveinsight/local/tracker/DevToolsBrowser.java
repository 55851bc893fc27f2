package io.liveinsight.local.tracker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Headless Chromium over the DevTools protocol at browser level (JDK HttpClient WebSocket, no WebDriver): opens and
 * closes real tabs (so pagehide runs as when a person closes one), clicks with the mouse, scrolls with the wheel.
 * One profile per browser, so the tabs of one origin share localStorage as in a real browser.
 */
final class DevToolsBrowser implements AutoCloseable {

    static final Path CHROMIUM =
            Path.of(Optional.ofNullable(System.getenv("CHROMIUM_BIN")).orElse("/usr/bin/chromium"));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final Map<String, Tab> tabs = new ConcurrentHashMap<>();

    private DevToolsBrowser(Process process, Path profile, URI browserSocket) {
        this.process = process;
        this.profile = profile;
        this.socket = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .buildAsync(browserSocket, new Listener())
                .join();
    }

    static boolean available() {
        return Files.isExecutable(CHROMIUM);
    }

    static DevToolsBrowser start() throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("liveinsight-tracker-chromium");
        Process process = new ProcessBuilder(
                        CHROMIUM.toString(),
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-dev-shm-usage",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--no-first-run",
                        "--no-default-browser-check",
                        "--user-data-dir=" + profile,
                        "--remote-debugging-address=127.0.0.1",
                        "--remote-debugging-port=0",
                        "--window-size=1280,800",
                        "about:blank")
                .redirectErrorStream(true)
                .redirectOutput(profile.resolve("chromium.log").toFile())
                .start();
        Path portFile = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!Files.exists(portFile) || Files.readAllLines(portFile).size() < 2) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException(
                        "chromium did not start: " + Files.readString(profile.resolve("chromium.log")));
            }
            Thread.sleep(50);
        }
        List<String> lines = Files.readAllLines(portFile);
        return new DevToolsBrowser(
                process,
                profile,
                URI.create(
                        "ws://127.0.0.1:" + lines.get(0).strip() + lines.get(1).strip()));
    }

    /** A new tab on the url, once its document has loaded. */
    Tab open(URI url) {
        String targetId = send(null, "Target.createTarget", Map.of("url", "about:blank"))
                .path("targetId")
                .asText();
        String sessionId = send(null, "Target.attachToTarget", Map.of("targetId", targetId, "flatten", true))
                .path("sessionId")
                .asText();
        Tab tab = new Tab(targetId, sessionId);
        tabs.put(sessionId, tab);
        tab.send("Page.enable", Map.of());
        tab.send("Runtime.enable", Map.of());
        tab.send("Log.enable", Map.of());
        tab.send("Page.navigate", Map.of("url", url.toString()));
        tab.await("page load", "document.readyState === 'complete'");
        return tab;
    }

    private JsonNode send(String sessionId, String method, Map<String, Object> params) {
        int id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode();
        message.put("id", id);
        message.put("method", method);
        message.set("params", JSON.valueToTree(params));
        if (sessionId != null) {
            message.put("sessionId", sessionId);
        }
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        try {
            socket.sendText(message.toString(), true).join();
            JsonNode answer = reply.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (answer.has("error")) {
                throw new IllegalStateException(method + ": " + answer.get("error"));
            }
            return answer.path("result");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " interrupted", e);
        } catch (Exception e) {
            throw e instanceof IllegalStateException ise ? ise : new IllegalStateException(method + " failed", e);
        } finally {
            pending.remove(id);
        }
    }

    private void onMessage(JsonNode message) {
        if (message.has("id")) {
            CompletableFuture<JsonNode> reply = pending.get(message.get("id").asInt());
            if (reply != null) {
                reply.complete(message);
            }
            return;
        }
        Tab tab = tabs.get(message.path("sessionId").asText());
        if (tab == null) {
            return;
        }
        JsonNode params = message.path("params");
        switch (message.path("method").asText()) {
            case "Runtime.exceptionThrown" -> tab.problems.add("exception: " + params.path("exceptionDetails"));
            case "Log.entryAdded" -> {
                String text = params.path("entry").path("text").asText();
                if (text.contains("Content Security Policy") || text.contains("Content-Security-Policy")) {
                    tab.problems.add("csp: " + text);
                }
            }
            default -> {}
        }
    }

    /** One tab, attached by its own DevTools session. */
    final class Tab {
        private final String targetId;
        private final String sessionId;
        /** Uncaught exceptions and Content-Security-Policy violations seen in this tab. */
        final List<String> problems = new CopyOnWriteArrayList<>();

        private Tab(String targetId, String sessionId) {
            this.targetId = targetId;
            this.sessionId = sessionId;
        }

        JsonNode send(String method, Map<String, Object> params) {
            return DevToolsBrowser.this.send(sessionId, method, params);
        }

        /** The value of a JavaScript expression in the page (promises awaited). */
        JsonNode evaluate(String expression) {
            JsonNode result = send(
                    "Runtime.evaluate", Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
            if (result.has("exceptionDetails")) {
                throw new IllegalStateException("evaluate failed: " + result.get("exceptionDetails"));
            }
            return result.path("result").path("value");
        }

        void await(String what, String condition) {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!evaluate("!!(" + condition + ")").asBoolean()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("timed out after " + TIMEOUT + " waiting for " + what);
                }
                pause(Duration.ofMillis(100));
            }
        }

        /** A left click with the mouse in the middle of the element (scrolled into view if it is not). */
        void click(String selector) {
            JsonNode box = evaluate("(() => { const e = document.querySelector('" + selector + "');"
                    + " e.scrollIntoView({block: 'nearest'}); const r = e.getBoundingClientRect();"
                    + " return {x: r.x + r.width / 2, y: r.y + r.height / 2}; })()");
            Map<String, Object> at = new HashMap<>(Map.of(
                    "x", box.path("x").asDouble(), "y", box.path("y").asDouble(), "button", "left", "clickCount", 1));
            at.put("type", "mousePressed");
            send("Input.dispatchMouseEvent", at);
            at.put("type", "mouseReleased");
            send("Input.dispatchMouseEvent", at);
        }

        /** Turns the mouse wheel until the bottom of the page is in view. */
        void scrollToBottom() {
            for (int i = 0; i < 50 && !evaluate(AT_BOTTOM).asBoolean(); i++) {
                send(
                        "Input.dispatchMouseEvent",
                        Map.of("type", "mouseWheel", "x", 600, "y", 400, "deltaX", 0, "deltaY", 500));
                pause(Duration.ofMillis(80));
            }
            if (!evaluate(AT_BOTTOM).asBoolean()) {
                throw new AssertionError("the wheel did not reach the bottom of the page");
            }
        }

        /** Closes the tab as a person would: the page gets visibilitychange and pagehide. */
        void close() {
            DevToolsBrowser.this.send(null, "Target.closeTarget", Map.of("targetId", targetId));
            tabs.remove(sessionId);
        }
    }

    private static final String AT_BOTTOM =
            "window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 1";

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            send(null, "Browser.close", Map.of());
        } catch (RuntimeException e) {
            // stopped below either way
        }
        socket.abort();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    onMessage(JSON.readTree(text));
                } catch (IOException e) {
                    throw new IllegalStateException("unreadable DevTools message", e);
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
