package io.liveinsight.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventValidatorTest {

    private final ObjectMapper mapper = new EventCodec().mapper();

    private ObjectNode json(String json) {
        try {
            return (ObjectNode) mapper.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static ObjectNode with(ObjectNode node, String field, String value) {
        return node.put(field, value);
    }

    private ClientEvent valid(JsonNode node) {
        ValidationResult result = EventValidator.validate(node);
        assertThat(result).isInstanceOf(ValidationResult.Valid.class);
        return ((ValidationResult.Valid) result).event();
    }

    private List<FieldError> errors(JsonNode node) {
        ValidationResult result = EventValidator.validate(node);
        assertThat(result).isInstanceOf(ValidationResult.Invalid.class);
        return ((ValidationResult.Invalid) result).errors();
    }

    @Test
    void validate_whenEmptyObject_isValidWithEverythingAbsent() {
        ClientEvent event = valid(json("{}"));

        assertThat(event.eventId()).isNull();
        assertThat(event.userId()).isNull();
        assertThat(event.sessionId()).isNull();
        assertThat(event.eventType()).isNull();
        assertThat(event.timestamp()).isNull();
        assertThat(event.properties()).isEmpty();
    }

    @Test
    void validate_whenEveryFieldSet_keepsThem() {
        ClientEvent event = valid(json("""
                {"event_id":"e-1","user_id":"u","session_id":"s","event_type":"add_to_cart","page_url":"/p",
                 "referrer":"https://r/","user_agent":"UA","timestamp":1700000000000,"properties":{"sku":"A"},
                 "element_tag":"button","element_id":"buy","element_class":"btn","element_text":"Buy"}"""));

        assertThat(event)
                .isEqualTo(new ClientEvent(
                        "e-1",
                        "u",
                        "s",
                        "add_to_cart",
                        1_700_000_000_000L,
                        "/p",
                        "https://r/",
                        "UA",
                        Map.of("sku", "A"),
                        "button",
                        "buy",
                        "btn",
                        "Buy"));
    }

    @Test
    void validate_whenNotAnObject_saysSo() {
        assertThat(errors(mapper.getNodeFactory().numberNode(1)))
                .containsExactly(new FieldError("event", "must be a JSON object"));
    }

    // event_id: 1-64 of [A-Za-z0-9_.:-]

    @Test
    void validate_whenEventIdAtLimits_acceptsAndRejectsOneOver() {
        assertThat(valid(with(json("{}"), "event_id", "a".repeat(64))).eventId())
                .hasSize(64);
        assertThat(errors(with(json("{}"), "event_id", "a".repeat(65))))
                .extracting(FieldError::field)
                .containsExactly("event_id");
        assertThat(errors(with(json("{}"), "event_id", "")))
                .extracting(FieldError::field)
                .containsExactly("event_id");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Az09_.:-", "0193a1b2-7c3d-7e4f-8a9b-0c1d2e3f4a5b"})
    void validate_whenEventIdUsesAllowedCharacters_acceptsIt(String id) {
        assertThat(valid(with(json("{}"), "event_id", id)).eventId()).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a b", "a/b", "é", "a\u0000", "<script>"})
    void validate_whenEventIdHasOtherCharacters_rejectsIt(String id) {
        assertThat(errors(with(json("{}"), "event_id", id)))
                .containsExactly(new FieldError("event_id", "must be 1-64 characters of A-Z a-z 0-9 _ . : -"));
    }

    // user_id and session_id: 1-128 characters

    @ParameterizedTest
    @ValueSource(strings = {"user_id", "session_id"})
    void validate_whenIdentifierAt128Characters_acceptsAndRejects129(String field) {
        assertThat(EventValidator.validate(with(json("{}"), field, "é".repeat(128))))
                .isInstanceOf(ValidationResult.Valid.class);
        assertThat(EventValidator.validate(with(json("{}"), field, "😀".repeat(128)))) // 128 code points, 256 chars
                .isInstanceOf(ValidationResult.Valid.class);
        assertThat(errors(with(json("{}"), field, "x".repeat(129))))
                .containsExactly(new FieldError(field, "must be 1-128 characters"));
        assertThat(errors(with(json("{}"), field, "")))
                .containsExactly(new FieldError(field, "must be 1-128 characters"));
    }

    @Test
    void validate_whenSessionIdHasTheReplayPrefix_rejectsItAsLiveTraffic() { // docs/contract/replay.md#ids
        assertThat(errors(with(json("{}"), "session_id", "r~run-1~abc")))
                .containsExactly(new FieldError(
                        "session_id", "must not start with r~: the prefix is kept for replayed sessions"));
        assertThat(EventValidator.validate(with(json("{}"), "session_id", "x~r~")))
                .isInstanceOf(ValidationResult.Valid.class);
        assertThat(EventValidator.validate(with(json("{}"), "user_id", "r~run-1~abc")))
                .isInstanceOf(ValidationResult.Valid.class);
    }

    // event_type: 1-64 of [a-z0-9_.:-]

    @Test
    void validate_whenEventTypeAtLimits_acceptsAndRejectsOneOver() {
        assertThat(valid(with(json("{}"), "event_type", "a".repeat(64))).eventType())
                .hasSize(64);
        assertThat(errors(with(json("{}"), "event_type", "a".repeat(65))))
                .containsExactly(new FieldError("event_type", "must be 1-64 characters of a-z 0-9 _ . : -"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Click", "page view", "", "ü"})
    void validate_whenEventTypeNotLowerCaseToken_rejectsIt(String type) {
        assertThat(errors(with(json("{}"), "event_type", type)))
                .extracting(FieldError::field)
                .containsExactly("event_type");
    }

    // strings with a maximum length

    @ParameterizedTest
    @CsvSource({
        "page_url, 2048",
        "referrer, 2048",
        "user_agent, 512",
        "element_tag, 256",
        "element_id, 256",
        "element_class, 256",
        "element_text, 100"
    })
    void validate_whenTextAtLimit_acceptsAndRejectsOneOver(String field, int max) {
        assertThat(EventValidator.validate(with(json("{}"), field, "x".repeat(max))))
                .isInstanceOf(ValidationResult.Valid.class);
        assertThat(EventValidator.validate(with(json("{}"), field, ""))).isInstanceOf(ValidationResult.Valid.class);
        assertThat(errors(with(json("{}"), field, "x".repeat(max + 1))))
                .containsExactly(new FieldError(field, "must be at most " + max + " characters"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"event_id", "user_id", "session_id", "event_type", "page_url", "element_text"})
    void validate_whenStringFieldHasAnotherType_rejectsIt(String field) {
        ObjectNode node = json("{}");
        node.put(field, 42);

        assertThat(errors(node)).containsExactly(new FieldError(field, "must be a string"));
    }

    @Test
    void validate_whenFieldIsJsonNull_treatsItAsAbsent() {
        ClientEvent event = valid(json("{\"event_id\":null,\"timestamp\":null,\"properties\":null,\"page_url\":null}"));

        assertThat(event.eventId()).isNull();
        assertThat(event.timestamp()).isNull();
        assertThat(event.properties()).isEmpty();
    }

    @Test
    void validate_whenStringHasUnpairedSurrogate_rejectsIt() {
        assertThat(errors(with(json("{}"), "page_url", "/a\uD800b")))
                .containsExactly(
                        new FieldError("page_url", "must be valid Unicode text (it has an unpaired surrogate)"));
    }

    // timestamp

    @Test
    void validate_whenTimestampIsNumber_keepsItSaturatingOutOfRange() {
        assertThat(valid(json("{\"timestamp\":1700000000000}")).timestamp()).isEqualTo(1_700_000_000_000L);
        assertThat(valid(json("{\"timestamp\":1700000000000.9}")).timestamp()).isEqualTo(1_700_000_000_000L);
        assertThat(valid(json("{\"timestamp\":-5}")).timestamp()).isEqualTo(-5L);
        assertThat(valid(json("{\"timestamp\":1e30}")).timestamp()).isEqualTo(Long.MAX_VALUE);
        assertThat(valid(json("{\"timestamp\":-99999999999999999999999}")).timestamp())
                .isEqualTo(Long.MIN_VALUE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"1700000000000\"", "true", "{}", "[1]"})
    void validate_whenTimestampNotNumber_rejectsIt(String value) {
        assertThat(errors(json("{\"timestamp\":" + value + "}")))
                .containsExactly(new FieldError("timestamp", "must be a number (epoch milliseconds)"));
    }

    // properties

    @Test
    void validate_whenPropertiesHoldEveryAllowedType_keepsThemAsTheCodecReadsThem() {
        ClientEvent event = valid(json("""
                {"properties":{"s":"x","i":1,"l":10000000000,"b":123456789012345678901234567890,"d":9.5,
                 "t":true,"n":null}}"""));

        assertThat(event.properties())
                .containsEntry("s", "x")
                .containsEntry("i", 1)
                .containsEntry("l", 10_000_000_000L)
                .containsEntry("b", new BigInteger("123456789012345678901234567890"))
                .containsEntry("d", 9.5)
                .containsEntry("t", true)
                .containsEntry("n", null);
    }

    @Test
    void validate_when50Properties_acceptsAndRejects51() {
        ObjectNode fifty = json("{}");
        for (int i = 0; i < 50; i++) {
            fifty.with("properties").put("k" + i, i);
        }
        assertThat(valid(fifty).properties()).hasSize(50);

        fifty.withObject("properties").put("k50", 50);

        assertThat(errors(fifty)).extracting(FieldError::field).containsExactly("properties");
    }

    @Test
    void validate_whenPropertyKeyAt64Characters_acceptsAndRejects65AndEmpty() {
        assertThat(valid(json("{\"properties\":{\"" + "k".repeat(64) + "\":1}}"))
                        .properties())
                .hasSize(1);
        assertThat(errors(json("{\"properties\":{\"" + "k".repeat(65) + "\":1}}")))
                .containsExactly(
                        new FieldError("properties." + "k".repeat(65), "property name must be 1-64 characters"));
        assertThat(errors(json("{\"properties\":{\"\":1}}")))
                .containsExactly(new FieldError("properties.", "property name must be 1-64 characters"));
    }

    @Test
    void validate_whenPropertyStringAt1024Characters_acceptsAndRejects1025() {
        assertThat(valid(json("{\"properties\":{\"k\":\"" + "v".repeat(1024) + "\"}}"))
                        .properties())
                .hasSize(1);
        assertThat(errors(json("{\"properties\":{\"k\":\"" + "v".repeat(1025) + "\"}}")))
                .containsExactly(new FieldError("properties.k", "must be at most 1024 characters"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "[1,2]", "{\"a\":{\"b\":1}}"})
    void validate_whenPropertyValueIsContainer_rejectsIt(String value) {
        assertThat(errors(json("{\"properties\":{\"k\":" + value + "}}")))
                .extracting(FieldError::field)
                .containsExactly("properties.k");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e400", "-1e400", "1e126", "1e-131", "123456789012345678901234567890123456789"})
    void validate_whenPropertyNumberCannotBeStored_rejectsIt(String number) {
        assertThat(errors(json("{\"properties\":{\"k\":" + number + "}}")))
                .extracting(FieldError::field)
                .containsExactly("properties.k");
    }

    @Test
    void validate_whenPropertiesNotAnObject_rejectsIt() {
        assertThat(errors(json("{\"properties\":[1]}")))
                .containsExactly(new FieldError("properties", "must be an object"));
    }

    // unknown top-level keys

    @Test
    void validate_whenUnknownTopLevelKeys_movesThemIntoProperties() {
        ClientEvent event = valid(json("{\"campaign\":\"spring\",\"value\":12.5,\"properties\":{\"sku\":\"A\"}}"));

        assertThat(event.properties())
                .containsExactly(Map.entry("sku", "A"), Map.entry("campaign", "spring"), Map.entry("value", 12.5));
    }

    @Test
    void validate_whenUnknownKeysPushPropertiesOver50_rejectsWithCount() {
        ObjectNode node = json("{}");
        for (int i = 0; i < 49; i++) {
            node.with("properties").put("k" + i, i);
        }
        node.put("extra1", 1);
        assertThat(valid(node).properties()).hasSize(50);

        node.put("extra2", 2);

        assertThat(errors(node))
                .containsExactly(new FieldError(
                        "properties", "must have at most 50 keys, unknown top-level keys included (has 51)"));
    }

    @Test
    void validate_whenUnknownKeyBreaksPropertyRule_namesTheKey() {
        assertThat(errors(json("{\"nested\":{\"a\":1}}")))
                .extracting(FieldError::field)
                .containsExactly("nested");
        assertThat(errors(json("{\"" + "k".repeat(65) + "\":1}")))
                .extracting(FieldError::field)
                .containsExactly("k".repeat(65));
    }

    @Test
    void validate_whenUnknownKeyClashesWithProperty_rejectsUnlessEqual() {
        assertThat(valid(json("{\"a\":1,\"properties\":{\"a\":1}}")).properties())
                .containsExactly(Map.entry("a", 1));
        assertThat(errors(json("{\"a\":2,\"properties\":{\"a\":1}}")))
                .extracting(FieldError::field)
                .containsExactly("a");
    }

    @ParameterizedTest
    @ValueSource(strings = {"received_at", "ip", "is_bot", "clock_skew"})
    void validate_whenClientSendsEdgeField_rejectsIt(String field) {
        assertThat(errors(json("{\"" + field + "\":1}")))
                .extracting(FieldError::field)
                .containsExactly(field);
    }

    @Test
    void validate_whenSeveralRulesBroken_listsEveryOne() {
        assertThat(errors(json("{\"event_id\":\"a b\",\"event_type\":\"X\",\"timestamp\":\"now\",\"page_url\":1}")))
                .extracting(FieldError::field)
                .containsExactly("event_id", "event_type", "timestamp", "page_url");
    }

    // the consumer's check of stored events

    @Test
    void validateEvent_whenStoredEventFollowsRules_hasNoErrors() {
        assertThat(EventValidator.validate(EventCodecTest.event("e1", Map.of("k", "v"))))
                .isEmpty();
    }

    @Test
    void validateEvent_whenStoredEventBreaksRules_listsThem() {
        Event event = new Event(
                "bad id",
                "u",
                "s",
                "Page View",
                1,
                "x".repeat(2049),
                null,
                null,
                Map.of("k".repeat(65), 1),
                null,
                null,
                null,
                "t".repeat(101),
                2,
                null,
                false,
                false);

        assertThat(EventValidator.validate(event))
                .extracting(FieldError::field)
                .containsExactly("event_id", "event_type", "page_url", "element_text", "properties." + "k".repeat(65));
    }
}
