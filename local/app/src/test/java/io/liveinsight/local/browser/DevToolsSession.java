package io.liveinsight.local.browser;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.function.BiConsumer;

/** One tab of the browser, attached by its own DevTools session over the browser's one connection. */
public final class DevToolsSession {

    /** How long a command, or a page load, may take. */
    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final DevToolsConnection connection;
    private final String targetId;
    private final String sessionId;

    private DevToolsSession(DevToolsConnection connection, String targetId, String sessionId) {
        this.connection = connection;
        this.targetId = targetId;
        this.sessionId = sessionId;
    }

    /** A new blank tab, in the foreground. */
    static DevToolsSession open(DevToolsConnection connection) {
        String targetId = connection
                .send(null, "Target.createTarget", Map.of("url", "about:blank"))
                .path("targetId")
                .asText();
        String sessionId = connection
                .send(null, "Target.attachToTarget", Map.of("targetId", targetId, "flatten", true))
                .path("sessionId")
                .asText();
        return new DevToolsSession(connection, targetId, sessionId);
    }

    public JsonNode send(String method, Map<String, Object> params) {
        return connection.send(sessionId, method, params);
    }

    /** Where this tab's events go (method, params); set it before enabling a domain whose events matter. */
    public void onEvent(BiConsumer<String, JsonNode> listener) {
        connection.listen(sessionId, listener);
    }

    /** The value of a JavaScript expression in the page (promises awaited). */
    public JsonNode evaluate(String expression) {
        JsonNode result =
                send("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException("evaluate failed: " + result.get("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    /** Goes to the url and returns once its document has loaded. */
    public void navigate(URI url) {
        send("Page.navigate", Map.of("url", url.toString()));
        Wait.until("page load", TIMEOUT, () -> evaluate("document.readyState === 'complete'")
                .asBoolean());
    }

    /** Closes the tab as a person would: the page gets visibilitychange and pagehide. */
    public void close() {
        connection.send(null, "Target.closeTarget", Map.of("targetId", targetId));
        connection.forget(sessionId);
    }
}
