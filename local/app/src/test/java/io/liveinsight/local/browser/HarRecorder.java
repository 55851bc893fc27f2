package io.liveinsight.local.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records a tab's network traffic as a HAR 1.2 file, as a browser's DevTools "Export HAR" would: each request's
 * method, URL, headers, body ({@code postData}), start time and response status. Bodies Chromium did not attach to
 * the event (a {@code sendBeacon}'s, for one) are fetched with {@code Network.getRequestPostData} when the HAR is
 * built, never from inside an event callback.
 */
public final class HarRecorder {

    private final DevToolsSession page;
    private final Map<String, ObjectNode> entries = new LinkedHashMap<>();
    private final List<String> bodiesToFetch = new ArrayList<>();
    private final ObjectMapper mapper = new ObjectMapper();

    private HarRecorder(DevToolsSession page) {
        this.page = page;
    }

    /** Starts recording the tab; call before it navigates. Takes the tab's one event listener. */
    public static HarRecorder attach(DevToolsSession page) {
        HarRecorder recorder = new HarRecorder(page);
        page.onEvent(recorder::onEvent);
        page.send("Network.enable", Map.of("maxPostDataSize", 1_048_576));
        return recorder;
    }

    /** The HAR of everything recorded so far. */
    public ObjectNode toHar() {
        List<String> missing;
        synchronized (this) {
            missing = List.copyOf(bodiesToFetch);
        }
        // Outside the lock: the reply comes on the thread that hands events to onEvent.
        Map<String, String> fetched = new LinkedHashMap<>();
        for (String requestId : missing) {
            try {
                JsonNode reply = page.send("Network.getRequestPostData", Map.of("requestId", requestId));
                if (reply.hasNonNull("postData")) {
                    fetched.put(requestId, reply.path("postData").asText());
                }
            } catch (RuntimeException gone) {
                // left without a body: a replay counts it as skipped, with the reason
            }
        }
        synchronized (this) {
            fetched.forEach((requestId, text) -> postData(entries.get(requestId), text));
            bodiesToFetch.removeAll(fetched.keySet()); // the others are asked for again next time
            ObjectNode har = mapper.createObjectNode();
            ObjectNode log = har.putObject("log");
            log.put("version", "1.2");
            log.putObject("creator").put("name", "LiveInsight HarRecorder").put("version", "1");
            ArrayNode list = log.putArray("entries");
            entries.values().forEach(entry -> list.add(entry.deepCopy()));
            return har;
        }
    }

    private synchronized void onEvent(String method, JsonNode params) {
        String requestId = params.path("requestId").asText();
        switch (method) {
            case "Network.requestWillBeSent" -> {
                JsonNode request = params.path("request");
                ObjectNode entry = mapper.createObjectNode();
                long wallMillis = Math.round(params.path("wallTime").asDouble() * 1000);
                entry.put("startedDateTime", Instant.ofEpochMilli(wallMillis).toString());
                entry.put("time", 0);
                ObjectNode harRequest = entry.putObject("request");
                harRequest.put("method", request.path("method").asText());
                harRequest.put("url", request.path("url").asText());
                harRequest.put("httpVersion", "HTTP/1.1");
                ArrayNode headers = harRequest.putArray("headers");
                request.path("headers").properties().forEach(header -> headers.addObject()
                        .put("name", header.getKey())
                        .put("value", header.getValue().asText()));
                harRequest.putArray("queryString");
                harRequest.putArray("cookies");
                harRequest.put("headersSize", -1);
                harRequest.put("bodySize", -1);
                if (request.hasNonNull("postData")) {
                    postData(entry, request.path("postData").asText());
                } else if (request.path("postDataEntries").isArray()
                        && !request.path("postDataEntries").isEmpty()) {
                    StringBuilder text = new StringBuilder();
                    for (JsonNode part : request.path("postDataEntries")) {
                        text.append(new String(
                                java.util.Base64.getDecoder()
                                        .decode(part.path("bytes").asText("")),
                                java.nio.charset.StandardCharsets.UTF_8));
                    }
                    postData(entry, text.toString());
                } else if (request.path("hasPostData").asBoolean()) {
                    bodiesToFetch.add(requestId);
                }
                entry.putObject("response").put("status", 0).put("statusText", "");
                entry.putObject("cache");
                entry.putObject("timings").put("send", 0).put("wait", 0).put("receive", 0);
                entries.put(requestId, entry);
            }
            case "Network.responseReceived" -> {
                ObjectNode entry = entries.get(requestId);
                if (entry != null) {
                    JsonNode response = params.path("response");
                    ((ObjectNode) entry.path("response"))
                            .put("status", response.path("status").asInt())
                            .put("statusText", response.path("statusText").asText(""));
                }
            }
            default -> {}
        }
    }

    private static void postData(ObjectNode entry, String text) {
        ObjectNode request = (ObjectNode) entry.path("request");
        String mimeType = "";
        for (JsonNode header : request.path("headers")) {
            if (header.path("name").asText().equalsIgnoreCase("content-type")) {
                mimeType = header.path("value").asText();
            }
        }
        request.putObject("postData").put("mimeType", mimeType).put("text", text);
    }
}
