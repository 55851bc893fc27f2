package io.liveinsight.local.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import io.liveinsight.local.browser.Chromium;
import io.liveinsight.local.browser.DevToolsSession;
import io.liveinsight.local.browser.Wait;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/**
 * One page in headless Chromium for the dashboard test. Records JavaScript dialogs (and dismisses them) and uncaught
 * exceptions, so a test can prove that nothing ran that should not have.
 */
final class HeadlessChromium implements AutoCloseable {

    private final Chromium chromium;
    private final DevToolsSession page;
    final List<String> dialogs = new CopyOnWriteArrayList<>();
    final List<String> exceptions = new CopyOnWriteArrayList<>();

    private HeadlessChromium(Chromium chromium) {
        this.chromium = chromium;
        this.page = chromium.newTab();
        page.onEvent(this::onEvent);
        page.send("Page.enable", Map.of());
        page.send("Runtime.enable", Map.of());
    }

    static HeadlessChromium start(Path binary) throws IOException, InterruptedException {
        Chromium chromium = Chromium.start(binary, 1280, 900);
        try {
            return new HeadlessChromium(chromium);
        } catch (RuntimeException e) {
            chromium.close();
            throw e;
        }
    }

    void navigate(URI url) {
        page.navigate(url);
    }

    /** The value of a JavaScript expression in the page (promises awaited). */
    JsonNode evaluate(String expression) {
        return page.evaluate(expression);
    }

    void viewport(int width, int height, double scale, boolean mobile) {
        page.send(
                "Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", scale, "mobile", mobile));
    }

    /** The time zone and locale the page sees (Intl, Date), for every page loaded afterwards. */
    void emulate(String timeZone, String locale) {
        page.send("Emulation.setTimezoneOverride", Map.of("timezoneId", timeZone));
        page.send("Emulation.setLocaleOverride", Map.of("locale", locale));
    }

    /** A PNG of the whole page (beyond the viewport). */
    void screenshot(Path file) throws IOException {
        JsonNode size = page.send("Page.getLayoutMetrics", Map.of()).path("cssContentSize");
        JsonNode shot = page.send(
                "Page.captureScreenshot",
                Map.of(
                        "format",
                        "png",
                        "captureBeyondViewport",
                        true,
                        "clip",
                        Map.of(
                                "x", 0,
                                "y", 0,
                                "width", size.path("width").asDouble(),
                                "height", size.path("height").asDouble(),
                                "scale", 1)));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, Base64.getDecoder().decode(shot.path("data").asText()));
    }

    static void await(String what, BooleanSupplier condition, Duration timeout) {
        Wait.until(what, timeout, condition);
    }

    private void onEvent(String method, JsonNode params) {
        switch (method) {
            case "Page.javascriptDialogOpening" -> {
                dialogs.add(params.path("type").asText() + ": "
                        + params.path("message").asText());
                // not on this thread, which has to read the reply
                CompletableFuture.runAsync(() -> page.send("Page.handleJavaScriptDialog", Map.of("accept", false)));
            }
            case "Runtime.exceptionThrown" ->
                exceptions.add(params.path("exceptionDetails").toString());
            default -> {}
        }
    }

    @Override
    public void close() throws IOException {
        chromium.close();
    }
}
