package io.liveinsight.local.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;

/**
 * The statistics view of the dashboard page in a browser tab, for its browser tests: values read from the DOM, the
 * view's load counters ({@code data-loads} of the view and of its details panel) awaited, and its drill-downs opened.
 */
final class StatsViewPage {

    /** Generous: in the full suite the page competes with other classes' stacks for two cores (15 s was missed once). */
    static final Duration LOAD = Duration.ofSeconds(60);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HeadlessChromium browser;

    StatsViewPage(HeadlessChromium browser) {
        this.browser = browser;
    }

    /** A JavaScript expression's value as text ("" for null or undefined). */
    String text(String expression) {
        JsonNode value = browser.evaluate(expression);
        return value.isMissingNode() || value.isNull() ? "" : value.asText();
    }

    boolean bool(String expression) {
        return browser.evaluate(expression).asBoolean();
    }

    int integer(String expression) {
        return browser.evaluate(expression).asInt();
    }

    /** An expression whose value is an array, as text. */
    List<String> strings(String expression) {
        JsonNode array = browser.evaluate(expression);
        return StreamSupport.stream(array.spliterator(), false)
                .map(JsonNode::asText)
                .toList();
    }

    /** The names shown in a top list ({@code stats-page}, {@code stats-source}...), {@code other} included. */
    List<String> names(String list) {
        return strings("[...document.querySelectorAll('#" + list + " li .name')].map(n => n.textContent)");
    }

    /** The text of column {@code n} (1-based) of the details' latest events. */
    List<String> column(int n) {
        return strings("[...document.querySelectorAll('#details-recent tr td:nth-child(" + n + ")')]"
                + ".map(td => td.textContent)");
    }

    /** The reasons listed in the error notice. */
    List<String> reasons() {
        return strings("[...document.querySelectorAll('#stats-error-reasons li')].map(li => li.textContent)");
    }

    int loads() {
        return integer("Number(document.getElementById('stats-view')?.dataset.loads || 0)");
    }

    int detailLoads() {
        return integer("Number(document.getElementById('stats-details')?.dataset.loads || 0)");
    }

    void awaitLoads(int count) {
        HeadlessChromium.await(
                "statistics load " + count,
                () -> loads() >= count
                        && text("document.getElementById('stats-view').getAttribute('aria-busy')")
                                .equals("false"),
                LOAD);
    }

    void awaitDetails(int count) {
        HeadlessChromium.await(
                "details load " + count,
                () -> detailLoads() >= count
                        && text("document.getElementById('stats-details').getAttribute('aria-busy')")
                                .equals("false"),
                LOAD);
    }

    /** Clicks the top-list entry whose key (its title) is {@code key} and waits for its details. */
    void open(String list, String key) {
        int before = detailLoads();
        browser.evaluate("[...document.querySelectorAll('#" + list + " button.name')].find(b => b.title === "
                + literal(key) + ").click()");
        awaitDetails(before + 1);
    }

    /** Clicks chart slot {@code index} and waits for the hour's details. */
    void openSlot(int index) {
        int before = detailLoads();
        clickSlot(index);
        awaitDetails(before + 1);
    }

    /** Clicks chart slot {@code index} (SVG elements have no click(): a bubbling click event). */
    void clickSlot(int index) {
        browser.evaluate("document.querySelectorAll('#stats-chart .slot')[" + index + "]"
                + ".dispatchEvent(new MouseEvent('click', {bubbles: true}))");
    }

    private static String literal(String value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
