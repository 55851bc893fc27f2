package io.liveinsight.local.engines.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class WireFormatTest {

    @Test
    void json_whenWrittenAndRead_roundTripsNestedValuesAndEscapes() {
        ObjectNode value = WireFormat.object();
        value.put("text", "quote \" backslash \\ newline \n tab \t control \u0001 é €");
        value.putArray("list")
                .add(1L)
                .add(-2L)
                .add(new BigDecimal("3.25"))
                .add(true)
                .add(false);
        value.putNull("nothing");
        value.putObject("nested").putArray("k");

        assertThat(sameValues(WireFormat.JSON_1_0.read(WireFormat.JSON_1_0.write(value)), value))
                .isTrue();
        assertThat(WireFormat.JSON_1_1.read(" {\"a\" : [ 1 , \"\\u00e9\\/\" ] } ".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(objectOf("{\"a\":[1,\"é/\"]}"));
    }

    @Test
    void json_whenDecimalsCarryTrailingZeros_writesThemBackAsRead() {
        byte[] body = "{\"CapacityUnits\":1.0,\"big\":12345678901234567890.50}".getBytes(StandardCharsets.UTF_8);

        assertThat(WireFormat.JSON_1_0.write(WireFormat.JSON_1_0.read(body))).isEqualTo(body);
    }

    @Test
    void json_whenMalformedOrNotAnObject_isRejected() {
        for (String malformed : new String[] {"{\"a\":1", "{} x", "", "[1]"}) {
            assertThatThrownBy(() -> WireFormat.JSON_1_1.read(malformed.getBytes(StandardCharsets.UTF_8)))
                    .as(malformed)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void cbor_whenWrittenAndRead_roundTripsEveryKindTheSdkUses() throws Exception {
        ObjectNode value = WireFormat.object();
        value.put("Data", new byte[] {0, 1, (byte) 0xff});
        value.put("small", 23L);
        value.put("byte", 255L);
        value.put("short", 65_536L);
        value.put("long", Long.MAX_VALUE);
        value.put("negative", -500L);
        value.put("double", 1.5);
        value.putArray("flags").add(true).add(false);
        value.putNull("nothing");
        value.put("text", "x".repeat(300));

        ObjectNode read = WireFormat.CBOR_1_1.read(WireFormat.CBOR_1_1.write(value));

        assertThat(sameValues(read, value)).isTrue();
        assertThat(read.get("Data").binaryValue()).isEqualTo(new byte[] {0, 1, (byte) 0xff});
    }

    @Test
    void cbor_whenIndefiniteLengthsHalfFloatsAndTimestampTags_readsThem() throws Exception {
        // {_ "a": [_ 1, 2], "b": (_ h'01', h'02'), "c": (_ "x", "y"), "d": 1.5 (half float), "t": 1(1700000000)}
        byte[] bytes = HexFormat.of()
                .parseHex("bf" + "6161" + "9f0102ff" + "6162" + "5f41014102ff" + "6163" + "7f61786179ff" + "6164"
                        + "f93e00" + "6174" + "c11a6553f100" + "ff");

        ObjectNode value = WireFormat.CBOR_1_1.read(bytes);

        assertThat(value.get("a")).isEqualTo(objectOf("{\"a\":[1,2]}").get("a"));
        assertThat(value.get("b").binaryValue()).isEqualTo(new byte[] {1, 2});
        assertThat(value.get("c").textValue()).isEqualTo("xy");
        assertThat(value.get("d").doubleValue()).isEqualTo(1.5);
        assertThat(value.get("t").longValue()).isEqualTo(1_700_000_000L);
    }

    @Test
    void cbor_whenNotOneItem_isRejected() {
        assertThatThrownBy(() -> WireFormat.CBOR_1_1.read(HexFormat.of().parseHex("a0a0")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WireFormat.CBOR_1_1.read(HexFormat.of().parseHex("a16161")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void of_whenContentType_picksTheFormatTheSdkSent() {
        assertThat(WireFormat.of("application/x-amz-cbor-1.1")).isEqualTo(WireFormat.CBOR_1_1);
        assertThat(WireFormat.of("application/x-amz-json-1.0")).isEqualTo(WireFormat.JSON_1_0);
        assertThat(WireFormat.of("application/x-amz-json-1.1")).isEqualTo(WireFormat.JSON_1_1);
        assertThat(WireFormat.of(null)).isEqualTo(WireFormat.JSON_1_1);
    }

    /** Equal trees, numbers compared by value (a long written small reads back as an int node). */
    private static boolean sameValues(JsonNode a, JsonNode b) {
        Comparator<JsonNode> byValue = (x, y) ->
                x.isNumber() && y.isNumber() ? x.decimalValue().compareTo(y.decimalValue()) : x.equals(y) ? 0 : 1;
        return a.equals(byValue, b);
    }

    private static ObjectNode objectOf(String json) {
        return WireFormat.JSON_1_1.read(json.getBytes(StandardCharsets.UTF_8));
    }
}
