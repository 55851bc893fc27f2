package io.liveinsight.event;

import static io.liveinsight.event.EventLimits.MAX_ELEMENT_CHARS;
import static io.liveinsight.event.EventLimits.MAX_ELEMENT_TEXT_CHARS;
import static io.liveinsight.event.EventLimits.MAX_EVENT_ID_CHARS;
import static io.liveinsight.event.EventLimits.MAX_EVENT_TYPE_CHARS;
import static io.liveinsight.event.EventLimits.MAX_PROPERTIES;
import static io.liveinsight.event.EventLimits.MAX_SESSION_ID_CHARS;
import static io.liveinsight.event.EventLimits.MAX_URL_CHARS;
import static io.liveinsight.event.EventLimits.MAX_USER_AGENT_CHARS;
import static io.liveinsight.event.EventLimits.MAX_USER_ID_CHARS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.liveinsight.event.site.SiteScope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The event contract (docs/contract/events.md#fields) as a pure function: a client's JSON object in, a {@link
 * ValidationResult} out, with every broken rule listed (no exceptions). Unknown top-level keys are moved into {@code
 * properties} and checked against its limits, so nothing is dropped silently. The consumer checks decoded events with
 * {@link #validate(Event)}, the same rules.
 */
public final class EventValidator {

    /** The fields a client may send. */
    public static final Set<String> CLIENT_FIELDS = Set.of(
            "event_id",
            "user_id",
            "session_id",
            "event_type",
            "page_url",
            "referrer",
            "user_agent",
            "timestamp",
            "properties",
            "element_tag",
            "element_id",
            "element_class",
            "element_text");

    /** The fields only the edge sets; a client sending one is told so rather than silently overridden. */
    public static final Set<String> EDGE_FIELDS =
            Set.of("received_at", "ip", "is_bot", "clock_skew", "replay_run", "site");

    private EventValidator() {}

    public static ValidationResult validate(JsonNode item) {
        if (!(item instanceof ObjectNode object)) {
            return new ValidationResult.Invalid(List.of(new FieldError("event", "must be a JSON object")));
        }
        List<FieldError> errors = new ArrayList<>(2);
        String eventId = identifier(object, "event_id", MAX_EVENT_ID_CHARS, errors);
        String userId = text(object, "user_id", 1, MAX_USER_ID_CHARS, errors);
        String sessionId = text(object, "session_id", 1, MAX_SESSION_ID_CHARS, errors);
        check(errors, "session_id", sessionId, v -> SessionIds.laneError(v, null)); // a client is on the live lane
        check(errors, "session_id", sessionId, EventValidator::scopeError);
        check(errors, "user_id", userId, EventValidator::scopeError);
        String eventType = eventType(object, errors);
        Long timestamp = timestamp(object, errors);
        String pageUrl = text(object, "page_url", 0, MAX_URL_CHARS, errors);
        String referrer = text(object, "referrer", 0, MAX_URL_CHARS, errors);
        String userAgent = text(object, "user_agent", 0, MAX_USER_AGENT_CHARS, errors);
        String elementTag = text(object, "element_tag", 0, MAX_ELEMENT_CHARS, errors);
        String elementId = text(object, "element_id", 0, MAX_ELEMENT_CHARS, errors);
        String elementClass = text(object, "element_class", 0, MAX_ELEMENT_CHARS, errors);
        String elementText = text(object, "element_text", 0, MAX_ELEMENT_TEXT_CHARS, errors);
        Map<String, Object> properties = properties(object, errors);
        if (!errors.isEmpty()) {
            return new ValidationResult.Invalid(errors);
        }
        return new ValidationResult.Valid(new ClientEvent(
                eventId,
                userId,
                sessionId,
                eventType,
                timestamp,
                pageUrl,
                referrer,
                userAgent,
                properties,
                elementTag,
                elementId,
                elementClass,
                elementText));
    }

    /** The same rules on an event as stored: every identifier present, enrichment not checked. */
    public static List<FieldError> validate(Event event) {
        List<FieldError> errors = new ArrayList<>(0);
        check(errors, "event_id", event.eventId(), v -> FieldRules.identifier(v, MAX_EVENT_ID_CHARS));
        check(errors, "user_id", event.userId(), v -> FieldRules.text(v, 1, MAX_USER_ID_CHARS));
        check(errors, "session_id", event.sessionId(), v -> FieldRules.text(v, 1, MAX_SESSION_ID_CHARS));
        check(errors, "session_id", event.sessionId(), v -> SessionIds.laneError(v, event.replayRun()));
        check(errors, "session_id", event.sessionId(), EventValidator::scopeError);
        check(errors, "user_id", event.userId(), EventValidator::scopeError);
        check(errors, "event_type", event.eventType(), v -> FieldRules.eventType(v, MAX_EVENT_TYPE_CHARS));
        check(errors, "page_url", event.pageUrl(), v -> FieldRules.text(v, 0, MAX_URL_CHARS));
        check(errors, "referrer", event.referrer(), v -> FieldRules.text(v, 0, MAX_URL_CHARS));
        check(errors, "user_agent", event.userAgent(), v -> FieldRules.text(v, 0, MAX_USER_AGENT_CHARS));
        check(errors, "element_tag", event.elementTag(), v -> FieldRules.text(v, 0, MAX_ELEMENT_CHARS));
        check(errors, "element_id", event.elementId(), v -> FieldRules.text(v, 0, MAX_ELEMENT_CHARS));
        check(errors, "element_class", event.elementClass(), v -> FieldRules.text(v, 0, MAX_ELEMENT_CHARS));
        check(errors, "element_text", event.elementText(), v -> FieldRules.text(v, 0, MAX_ELEMENT_TEXT_CHARS));
        if (event.properties().size() > MAX_PROPERTIES) {
            errors.add(tooManyProperties(event.properties().size()));
        }
        event.properties().forEach((key, value) -> {
            String keyError = FieldRules.propertyKey(key);
            String valueError = keyError == null ? FieldRules.propertyValue(value) : keyError;
            if (valueError != null) {
                errors.add(new FieldError("properties." + key, valueError));
            }
        });
        return List.copyOf(errors);
    }

    /** A client's session or user id never looks like a site's stored key (docs/contract/sites.md#isolation). */
    private static String scopeError(String id) {
        return id.startsWith(SiteScope.PREFIX)
                ? "must not start with " + SiteScope.PREFIX + ": the prefix is kept for the keys of sites"
                : null;
    }

    private static void check(List<FieldError> errors, String field, String value, Function<String, String> rule) {
        if (value != null) {
            String error = rule.apply(value);
            if (error != null) {
                errors.add(new FieldError(field, error));
            }
        }
    }

    /** The field's string, null when absent or JSON null; a non-string is an error. */
    private static String string(ObjectNode object, String field, List<FieldError> errors) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            errors.add(new FieldError(field, "must be a string"));
            return null;
        }
        return node.textValue();
    }

    private static String text(ObjectNode object, String field, int min, int max, List<FieldError> errors) {
        String value = string(object, field, errors);
        return value == null ? null : checked(field, value, FieldRules.text(value, min, max), errors);
    }

    private static String identifier(ObjectNode object, String field, int max, List<FieldError> errors) {
        String value = string(object, field, errors);
        return value == null ? null : checked(field, value, FieldRules.identifier(value, max), errors);
    }

    private static String eventType(ObjectNode object, List<FieldError> errors) {
        String value = string(object, "event_type", errors);
        return value == null
                ? null
                : checked("event_type", value, FieldRules.eventType(value, MAX_EVENT_TYPE_CHARS), errors);
    }

    private static String checked(String field, String value, String error, List<FieldError> errors) {
        if (error != null) {
            errors.add(new FieldError(field, error));
            return null;
        }
        return value;
    }

    private static Long timestamp(ObjectNode object, List<FieldError> errors) {
        JsonNode node = object.get("timestamp");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isNumber()) {
            errors.add(new FieldError("timestamp", "must be a number (epoch milliseconds)"));
            return null;
        }
        if (node.canConvertToLong()) {
            return node.longValue();
        }
        // Out of range or not finite: saturate, so the clock-skew guard replaces it with the receive time.
        double value = node.doubleValue();
        return Double.isNaN(value) ? Long.MIN_VALUE : (long) value;
    }

    private static Map<String, Object> properties(ObjectNode object, List<FieldError> errors) {
        Map<String, Object> properties = new LinkedHashMap<>();
        JsonNode declared = object.get("properties");
        if (declared != null && !declared.isNull()) {
            if (declared instanceof ObjectNode declaredObject) {
                for (Map.Entry<String, JsonNode> entry : declaredObject.properties()) {
                    addProperty(properties, entry.getKey(), entry.getValue(), "properties." + entry.getKey(), errors);
                }
            } else {
                errors.add(new FieldError("properties", "must be an object"));
            }
        }
        for (Map.Entry<String, JsonNode> entry : object.properties()) {
            String key = entry.getKey();
            if (CLIENT_FIELDS.contains(key)) {
                continue;
            }
            if (EDGE_FIELDS.contains(key)) {
                errors.add(new FieldError(
                        key, "is set by the edge; send your own value in properties under another name"));
            } else if (properties.containsKey(key) && !Objects.equals(properties.get(key), value(entry.getValue()))) {
                errors.add(new FieldError(key, "is also in properties with another value; send it once"));
            } else {
                addProperty(properties, key, entry.getValue(), key, errors);
            }
        }
        if (properties.size() > MAX_PROPERTIES) {
            errors.add(tooManyProperties(properties.size()));
        }
        return properties;
    }

    private static void addProperty(
            Map<String, Object> properties, String key, JsonNode node, String field, List<FieldError> errors) {
        String keyError = FieldRules.propertyKey(key);
        if (keyError != null) {
            errors.add(new FieldError(field, keyError));
            return;
        }
        if (node.isContainerNode()) {
            errors.add(new FieldError(field, "must be a string, number, boolean or null (not an object or array)"));
            return;
        }
        Object value = value(node);
        String valueError = FieldRules.propertyValue(value);
        if (valueError != null) {
            errors.add(new FieldError(field, valueError));
            return;
        }
        properties.put(key, value);
    }

    /** A scalar node as the codec's decoder will read it back (Integer, Long, BigInteger, Double, ...). */
    private static Object value(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isNumber()) {
            return node.numberValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.isNull() ? null : node;
    }

    private static FieldError tooManyProperties(int count) {
        return new FieldError(
                "properties",
                "must have at most " + MAX_PROPERTIES + " keys, unknown top-level keys included (has " + count + ")");
    }
}
