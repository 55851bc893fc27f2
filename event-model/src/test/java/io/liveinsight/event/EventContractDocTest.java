package io.liveinsight.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.liveinsight.event.docs.MarkdownTables;
import io.liveinsight.event.docs.RepositoryFiles;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Cites docs/contract/events.md#limits, docs/contract/events.md#fields and
 * docs/contract/events.md#validation-errors: the page's tables say what {@link EventLimits}, {@link FieldRules} and
 * {@link EventValidator} do.
 */
class EventContractDocTest {

    private static final String PAGE = RepositoryFiles.read("docs/contract/events.md");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void limits_whenReadFromThePage_equalEveryEventLimitsConstant() throws IllegalAccessException {
        List<Map<String, String>> rows = MarkdownTables.under(PAGE, "Limits");
        Set<String> documented = new HashSet<>();
        for (Map<String, String> row : rows) {
            String constant = MarkdownTables.plain(row.get("constant"));
            documented.add(constant);
            assertThat(Long.parseLong(row.get("value")))
                    .as(row.get("limit") + " (" + constant + ")")
                    .isEqualTo(limit(constant));
        }
        assertThat(documented).as("every limit on the page").containsExactlyInAnyOrderElementsOf(constants());
    }

    @Test
    void fields_whenReadFromThePage_areTheClientFieldsWithTheirLengthsAndCharacters() {
        List<Map<String, String>> rows = MarkdownTables.under(PAGE, "Fields");
        List<String> fields = new ArrayList<>();
        for (Map<String, String> row : rows) {
            String field = MarkdownTables.plain(row.get("field"));
            fields.add(field);
            String length = row.get("length");
            String characters = MarkdownTables.plain(row.get("characters"));
            if (field.equals("event_id")) {
                assertThat(characters).isEqualTo(FieldRules.IDENTIFIER_CHARS);
            } else if (field.equals("event_type")) {
                assertThat(characters).isEqualTo(FieldRules.EVENT_TYPE_CHARS);
            }
            if (row.get("type").equals("string")) {
                int min = Integer.parseInt(length.substring(0, length.indexOf('-')));
                int max = Integer.parseInt(length.substring(length.indexOf('-') + 1));
                assertThat(accepts(field, "a".repeat(max)))
                        .as(field + " of " + max)
                        .isTrue();
                assertThat(accepts(field, "a".repeat(max + 1)))
                        .as(field + " of " + (max + 1))
                        .isFalse();
                assertThat(accepts(field, "")).as(field + " empty").isEqualTo(min == 0);
            } else if (field.equals("properties")) {
                assertThat(length).isEqualTo("0-" + EventLimits.MAX_PROPERTIES + " keys");
            }
        }
        assertThat(fields).containsExactlyInAnyOrderElementsOf(EventValidator.CLIENT_FIELDS);
    }

    @Test
    void validationErrors_whenReadFromThePage_areTheMessagesTheValidatorGives() {
        List<String> produced = new ArrayList<>();
        for (JsonNode bad : badEvents()) {
            ValidationResult result = EventValidator.validate(bad);
            assertThat(result).as(bad.toString()).isInstanceOf(ValidationResult.Invalid.class);
            ((ValidationResult.Invalid) result).errors().forEach(error -> produced.add(error.message()));
        }
        List<Pattern> documented = new ArrayList<>();
        for (Map<String, String> row : MarkdownTables.under(PAGE, "Validation errors")) {
            if (row.get("rule broken").startsWith("event over")) {
                continue; // the edge's own rule (ingest-api): the validator sees one event, not its bytes
            }
            String message = MarkdownTables.plain(row.get("message"));
            Pattern pattern = Pattern.compile(Pattern.quote(message).replace("<n>", "\\E\\d+\\Q"));
            documented.add(pattern);
            assertThat(produced).as("the page's message '" + message + "'").anyMatch(text -> pattern.matcher(text)
                    .matches());
        }
        assertThat(produced)
                .as("every message the validator gave is on the page")
                .allMatch(text ->
                        documented.stream().anyMatch(p -> p.matcher(text).matches()));
    }

    private static boolean accepts(String field, String value) {
        ObjectNode event = NODES.objectNode();
        event.put(field, value);
        return EventValidator.validate(event) instanceof ValidationResult.Valid;
    }

    private static List<JsonNode> badEvents() {
        List<JsonNode> events = new ArrayList<>();
        for (String json : List.of(
                "{\"event_id\":\"\"}",
                "{\"event_type\":\"A\"}",
                "{\"user_id\":\"\"}",
                "{\"session_id\":\"r~run-1~x\"}",
                "{\"user_id\":\"s~shop~u\"}",
                "{\"page_url\":\"" + "u".repeat(EventLimits.MAX_URL_CHARS + 1) + "\"}",
                "{\"referrer\":\"\\ud800\"}",
                "{\"user_id\":5}",
                "{\"timestamp\":\"now\"}",
                "{\"properties\":[]}",
                "{\"properties\":{\"\":1}}",
                "{\"properties\":{\"a\":{}}}",
                "{\"properties\":{\"a\":1e200}}",
                "{\"ip\":\"192.0.2.1\"}",
                "{\"properties\":{\"a\":1},\"a\":2}",
                "\"not an object\"")) {
            events.add(read(json));
        }
        ObjectNode many = NODES.objectNode();
        for (int i = 0; i <= EventLimits.MAX_PROPERTIES; i++) {
            many.put("k" + i, i);
        }
        events.add(NODES.objectNode().set("properties", many));
        events.add(NODES.objectNode()
                .set("properties", NODES.objectNode().put("a", new BigDecimal("1." + "1".repeat(40)))));
        events.add(NODES.objectNode().set("properties", NODES.objectNode().put("a", Double.NaN)));
        return events;
    }

    private static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(json, e);
        }
    }

    private static long limit(String constant) throws IllegalAccessException {
        try {
            return ((Number) EventLimits.class.getField(constant).get(null)).longValue();
        } catch (NoSuchFieldException e) {
            throw new AssertionError("EventLimits has no " + constant, e);
        }
    }

    private static List<String> constants() {
        List<String> names = new ArrayList<>();
        for (Field field : EventLimits.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers())) {
                names.add(field.getName());
            }
        }
        return names;
    }
}
