package io.liveinsight.local.engines.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CodecTest {

    @Test
    void json_whenWrittenAndParsed_roundTripsNestedValuesAndEscapes() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("text", "quote \" backslash \\ newline \n tab \t control \u0001 é €");
        value.put("list", List.of(1L, -2L, new BigDecimal("3.25"), true, false));
        value.put("nothing", null);
        value.put("nested", Map.of("k", List.of()));

        assertThat(Json.parse(Json.write(value))).isEqualTo(value);
        assertThat(Json.parse(" {\"a\" : [ 1 , \"\\u00e9\\/\" ] } ".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(Map.of("a", List.of(1L, "é/")));
    }

    @Test
    void json_whenMalformed_isRejected() {
        assertThatThrownBy(() -> Json.parse("{\"a\":1".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.parse("{} x".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cbor_whenWrittenAndParsed_roundTripsEveryKindTheSdkUses() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("Data", new byte[] {0, 1, (byte) 0xff});
        value.put("small", 23L);
        value.put("byte", 255L);
        value.put("short", 65_536L);
        value.put("long", Long.MAX_VALUE);
        value.put("negative", -500L);
        value.put("double", 1.5);
        value.put("flags", List.of(true, false));
        value.put("nothing", null);
        value.put("timestamp", new Cbor.Tagged(1, 1_700_000_000L));
        value.put("text", "x".repeat(300));

        Object parsed = Cbor.parse(Cbor.write(value));

        assertThat(parsed).usingRecursiveComparison().isEqualTo(value);
    }

    @Test
    void cbor_whenIndefiniteLengthsAndHalfFloats_readsThem() {
        // {_ "a": [_ 1, 2], "b": (_ h'01', h'02'), "c": (_ "x", "y"), "d": 1.5 (half float)}
        byte[] bytes = HexFormat.of()
                .parseHex("bf" + "6161" + "9f0102ff" + "6162" + "5f41014102ff" + "6163" + "7f61786179ff" + "6164"
                        + "f93e00" + "ff");

        Map<String, Object> value = Values.object(Cbor.parse(bytes));

        assertThat(value.get("a")).isEqualTo(List.of(1L, 2L));
        assertThat(value.get("b")).isEqualTo(new byte[] {1, 2});
        assertThat(value.get("c")).isEqualTo("xy");
        assertThat(value.get("d")).isEqualTo(1.5);
    }
}
