package io.liveinsight.ingest.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.liveinsight.ingest.domain.RawEvent;
import io.liveinsight.ingest.domain.RejectReason;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a body in one of the three shapes of docs/contract/events.md#body-shapes (an event object, an array of them,
 * {@code {"events":[...]}}, which may also carry the site's write key as {@code "site"}:
 * docs/contract/sites.md#at-the-edge) into its items, each with the number of bytes it took in the body, stopping as soon as the
 * body has too many events. Never throws: malformed JSON (including duplicate keys, trailing data, too deep nesting) is
 * a {@link Parsed.Refused}.
 */
public final class BatchParser {

    /**
     * The deepest nesting a body may have. The contract's deepest shape (docs/contract/events.md#body-shapes) is 4
     * levels ({@code {"events":[{"properties":{}}]}}), so 16 leaves room for an unknown key holding a small object,
     * which then gets its own field error; anything deeper stops the parser at the 17th level, before any of it is
     * built (Jackson's own default is 1,000).
     */
    public static final int MAX_NESTING_DEPTH = 16;

    private static final String ENVELOPE = "events";
    private static final String ENVELOPE_SITE = "site";

    private final ObjectMapper mapper;
    private final JsonFactory parsers;
    private final int maxEvents;

    public BatchParser(ObjectMapper mapper, int maxEvents) {
        this.mapper = mapper;
        this.parsers = mapper.getFactory()
                .rebuild()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .build())
                .build();
        this.maxEvents = maxEvents;
    }

    public sealed interface Parsed {
        /** @param siteKey the envelope's {@code "site"} (a write key, unchecked), null when it has none */
        record Items(List<RawEvent> items, String siteKey) implements Parsed {
            public Items(List<RawEvent> items) {
                this(items, null);
            }
        }

        record Refused(int status, RejectReason reason, String message) implements Parsed {}
    }

    public Parsed parse(byte[] body) {
        try (JsonParser parser = parsers.createParser(body)) {
            parser.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            JsonToken first = parser.nextToken();
            Parsed parsed;
            if (first == JsonToken.START_ARRAY) {
                parsed = items(parser);
            } else if (first == JsonToken.START_OBJECT) {
                parsed = object(parser, body.length);
            } else {
                return shapeError();
            }
            if (parsed instanceof Parsed.Items && parser.nextToken() != null) {
                return malformed("unexpected data after the JSON value");
            }
            return parsed;
        } catch (IOException | RuntimeException e) {
            return malformed(describe(e));
        }
    }

    /** Jackson's message, first line only; a nesting limit in our own words. */
    private static String describe(Exception e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof StreamConstraintsException limit
                    && String.valueOf(limit.getMessage()).contains("nesting depth")) {
                return "nested deeper than " + MAX_NESTING_DEPTH + " levels";
            }
        }
        return firstLine(e.getMessage());
    }

    /** The items of an array whose START_ARRAY was just read. */
    private Parsed items(JsonParser parser) throws IOException {
        List<RawEvent> items = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token == null) {
                return malformed("unexpected end of input");
            }
            if (items.size() == maxEvents) {
                return new Parsed.Refused(
                        413, RejectReason.TOO_MANY_EVENTS, "more than " + maxEvents + " events in one request");
            }
            long start = parser.currentTokenLocation().getByteOffset();
            JsonNode node = mapper.readTree(parser);
            long end = parser.currentLocation().getByteOffset();
            items.add(new RawEvent(node, (int) (end - start)));
        }
        return new Parsed.Items(items);
    }

    /** A root object: the {@code {"events":[...]}} envelope, or one event. */
    private Parsed object(JsonParser parser, int bodyBytes) throws IOException {
        ObjectNode event = mapper.createObjectNode();
        Parsed envelope = null;
        long start = parser.currentTokenLocation().getByteOffset();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (ENVELOPE.equals(name) && value == JsonToken.START_ARRAY) {
                envelope = items(parser);
                if (envelope instanceof Parsed.Refused) {
                    return envelope;
                }
            } else {
                event.set(name, mapper.readTree(parser));
            }
        }
        long end = parser.currentLocation().getByteOffset();
        if (envelope == null) {
            return new Parsed.Items(List.of(new RawEvent(event, (int) Math.min(end - start, bodyBytes))));
        }
        JsonNode site = event.remove(ENVELOPE_SITE);
        if (site != null && !site.isTextual()) {
            return new Parsed.Refused(
                    400, RejectReason.MALFORMED_BODY, "\"site\" must be the site's write key (a string)");
        }
        if (!event.isEmpty()) {
            return new Parsed.Refused(
                    400,
                    RejectReason.MALFORMED_BODY,
                    "an {\"events\": [...]} body takes no other keys but \"site\"; found "
                            + event.properties().stream().map(Map.Entry::getKey).toList());
        }
        return site == null ? envelope : new Parsed.Items(((Parsed.Items) envelope).items(), site.asText());
    }

    private static Parsed shapeError() {
        return new Parsed.Refused(
                400, RejectReason.NO_EVENTS, "expected an event object, an array of them, or {\"events\": [...]}");
    }

    private static Parsed malformed(String detail) {
        return new Parsed.Refused(400, RejectReason.MALFORMED_BODY, "malformed JSON: " + detail);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        String line = newline >= 0 ? message.substring(0, newline) : message;
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
