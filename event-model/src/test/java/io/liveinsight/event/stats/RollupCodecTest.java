package io.liveinsight.event.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** The {@code ru} attribute of docs/contract/tables.md#the-ru-attribute: gzip JSON, field by field. */
class RollupCodecTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Counts COUNTS = new Counts(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);

    @Test
    void encode_writesTheDocumentedFields() throws IOException {
        Hll users = RollupTest.users("u1");
        Rollup rollup = new Rollup(
                COUNTS,
                Map.of(0, COUNTS, 59, Counts.ZERO.plus(new Counts(0, 0, 0, 1, 0, 0, 0, 0, 0, 0))),
                Map.of(Dimension.PAGE, Map.of("example.com/", 2L), Dimension.ENTRY_PAGE, Map.of("example.com/", 1L)),
                users,
                List.of(new RecentEvent(1_765_000_000_000L, "e1", "click", "s1", "u1", null, "direct")));

        JsonNode json = JSON.readTree(gunzip(RollupCodec.encode(rollup)));

        assertThat(json.get("t").toString()).isEqualTo("[1,2,3,4,5,6,7,8,9,10]");
        assertThat(json.get("m").toString())
                .isIn(
                        "{\"0\":[1,2,3,4,5,6,7,8,9,10],\"59\":[0,0,0,1,0,0,0,0,0,0]}",
                        "{\"59\":[0,0,0,1,0,0,0,0,0,0],\"0\":[1,2,3,4,5,6,7,8,9,10]}");
        assertThat(json.get("b").get("page").toString()).isEqualTo("{\"example.com/\":2}");
        assertThat(json.get("b").get("entry").toString()).isEqualTo("{\"example.com/\":1}");
        byte[] sketch = Base64.getDecoder().decode(json.get("u").asText());
        assertThat(sketch).hasSize(3); // one register set: sparse, index high, index low, value
        assertThat(RollupCodec.readRegisters(sketch)).isEqualTo(users.registers());
        assertThat(json.get("r").toString())
                .isEqualTo("[[1765000000000,\"e1\",\"click\",\"s1\",\"u1\",null,\"direct\"]]");
        assertThat(json.size()).isEqualTo(5);
    }

    @Test
    void encode_ofAnEmptyRollup_writesTheTotalsOnly() throws IOException {
        assertThat(new String(gunzip(RollupCodec.encode(Rollup.EMPTY)), StandardCharsets.UTF_8))
                .isEqualTo("{\"t\":[0,0,0,0,0,0,0,0,0,0]}");
        assertThat(RollupCodec.decode(RollupCodec.encode(Rollup.EMPTY))).isEqualTo(Rollup.EMPTY);
    }

    @Test
    void decode_readsTheDocumentedFields() {
        byte[] users = RollupTest.users("u1", "u2").registers();
        String json = "{\"t\":[1,2,3,4,5,6,7,8,9,10],\"m\":{\"7\":[1,1,0,0,0,0,0,0,0,0]},"
                + "\"b\":{\"type\":{\"page_view\":1},\"source\":{\"google\":3,\"~other\":4}},"
                + "\"u\":\"" + Base64.getEncoder().encodeToString(users) + "\","
                + "\"r\":[[5,\"e\",\"page_view\",\"s\",\"u\",\"example.com/\",\"google\"]]}";

        Rollup rollup = RollupCodec.decode(gzip(json.getBytes(StandardCharsets.UTF_8)));

        assertThat(rollup)
                .isEqualTo(new Rollup(
                        COUNTS,
                        Map.of(7, new Counts(1, 1, 0, 0, 0, 0, 0, 0, 0, 0)),
                        Map.of(
                                Dimension.EVENT_TYPE,
                                Map.of("page_view", 1L),
                                Dimension.SOURCE,
                                Map.of("google", 3L, Rollup.OTHER, 4L)),
                        Hll.of(users),
                        List.of(new RecentEvent(5, "e", "page_view", "s", "u", "example.com/", "google"))));
    }

    @Test
    void roundTrip_keepsHostileKeysAndValues() {
        List<String> hostile = List.of(
                "<script>alert(1)</script>",
                "\"quoted\" and \\back\\slashed\\",
                "~other~#|",
                "😀𝄞𠜎 astral",
                "\u0000\u0001\u001f\u007f\u2028\u2029\ufeff\uffff",
                "é\u0301 ﷽ עברית العربية",
                "k".repeat(10 * 1024),
                "😀".repeat(10 * 1024 / 4),
                "");
        Map<String, Long> keys = new LinkedHashMap<>();
        for (int i = 0; i < hostile.size(); i++) {
            keys.put(hostile.get(i), i + 1L);
        }
        Map<Dimension, Map<String, Long>> breakdowns = new HashMap<>();
        for (Dimension dimension : Dimension.values()) {
            breakdowns.put(dimension, keys);
        }
        List<RecentEvent> recent = hostile.stream()
                .map(text -> new RecentEvent(-5, text + "-id", text, text, text, text, text))
                .toList();
        Rollup rollup = new Rollup(
                COUNTS.negate(), Map.of(), breakdowns, RollupTest.users(hostile.toArray(String[]::new)), recent);

        Rollup decoded = RollupCodec.decode(RollupCodec.encode(rollup));

        assertThat(decoded).isEqualTo(rollup);
        assertThat(decoded.breakdown(Dimension.CAMPAIGN)).isEqualTo(keys);
    }

    @Test
    void roundTrip_keepsKeysLongerThanJacksonsDefaultNameLimit() {
        String key = "example.com/" + "a".repeat(60_000);
        Rollup rollup = new Rollup(COUNTS, Map.of(), Map.of(Dimension.PAGE, Map.of(key, 1L)), null, List.of());

        assertThat(RollupCodec.decode(RollupCodec.encode(rollup))).isEqualTo(rollup);
    }

    @Test
    void encode_ofAKeyWithALoneSurrogate_writesAReadableItem_withTheReplacementCharacter() {
        Rollup rollup = new Rollup(
                COUNTS,
                Map.of(),
                Map.of(Dimension.CAMPAIGN, Map.of("sale\ud83d", 2L, "sale\ude00", 3L, "sale\ud83d\ude00", 5L)),
                null,
                List.of());

        Rollup decoded = RollupCodec.decode(RollupCodec.encode(rollup));

        assertThat(decoded.breakdown(Dimension.CAMPAIGN)).isEqualTo(Map.of("sale\ufffd", 5L, "sale😀", 5L));
    }

    @Test
    void decode_skipsFieldsItDoesNotKnow() {
        Rollup rollup = RollupCodec.decode(json("{\"t\":[1,2,3,4,5,6,7,8,9,10],\"later\":{\"x\":[1]}}"));

        assertThat(rollup).isEqualTo(Rollup.of(COUNTS));
    }

    @Test
    void roundTrip_keepsAbsentFieldsOfARecentEventAbsent() {
        Rollup rollup = new Rollup(
                Counts.ZERO, Map.of(), Map.of(), null, List.of(new RecentEvent(1, "e", "click", "s", "u", null, null)));

        RecentEvent decoded =
                RollupCodec.decode(RollupCodec.encode(rollup)).recent().get(0);

        assertThat(decoded.page()).isNull();
        assertThat(decoded.source()).isNull();
    }

    @Test
    void roundTrip_keepsExtremeCounts() {
        Counts extreme = new Counts(Long.MAX_VALUE, Long.MIN_VALUE, 0, -1, 1, Long.MAX_VALUE, 0, 0, 0, 0);
        Rollup rollup = new Rollup(
                extreme,
                Map.of(0, extreme, 59, extreme),
                Map.of(Dimension.OS, Map.of("x", Long.MIN_VALUE, "y", Long.MAX_VALUE)),
                null,
                List.of());

        assertThat(RollupCodec.decode(RollupCodec.encode(rollup))).isEqualTo(rollup);
    }

    @Test
    void decode_ofGarbage_isAnIllegalArgument() {
        String registers = Base64.getEncoder().encodeToString(new byte[Hll.REGISTERS]);
        byte[] tooHigh = new byte[Hll.REGISTERS];
        tooHigh[3] = 60;
        List<byte[]> garbage = List.of(
                new byte[0],
                "{\"t\":[0,0,0,0,0,0,0,0,0,0]}".getBytes(StandardCharsets.UTF_8),
                gzip(new byte[0]),
                gzip("not json".getBytes(StandardCharsets.UTF_8)),
                json("[1,2,3]"),
                json("5"),
                json("null"),
                json("{}"),
                json("{\"t\":[1,2,3]}"),
                json("{\"t\":\"1,2,3,4,5,6,7,8,9,10\"}"),
                json("{\"t\":[1,2,3,4,5,6,7,8,9,\"10\"]}"),
                json("{\"t\":[1,2,3,4,5,6,7,8,9,1.5]}"),
                json("{\"t\":[1,2,3,4,5,6,7,8,9,99999999999999999999]}"),
                json("{\"t\":[1,2,3,4,5,6,7,8,9,10,11]}"),
                json(totals("\"m\":{\"x\":[1,2,3,4,5,6,7,8,9,10]}")),
                json(totals("\"m\":{\"60\":[1,2,3,4,5,6,7,8,9,10]}")),
                json(totals("\"m\":{\"1\":5}")),
                json(totals("\"m\":[]")),
                json(totals("\"b\":{\"nope\":{\"a\":1}}")),
                json(totals("\"b\":{\"page\":{\"a\":\"1\"}}")),
                json(totals("\"b\":{\"page\":[1]}")),
                json(totals("\"u\":\"not base64!\"")),
                json(totals("\"u\":\"AAAAAA==\"")),
                json(totals("\"u\":\"" + sparse(0x08, 0x00, 1) + "\"")),
                json(totals("\"u\":\"" + sparse(0, 5, 0) + "\"")),
                json(totals("\"u\":\"" + sparse(0, 5, 1, 0, 4, 1) + "\"")),
                json(totals("\"u\":\"" + sparse(0, 5, 1, 0, 5, 2) + "\"")),
                json(totals("\"u\":\"" + sparse(0, 5, Hll.MAX_RANK + 1) + "\"")),
                json(totals("\"u\":5")),
                json(totals("\"u\":\"" + Base64.getEncoder().encodeToString(tooHigh) + "\"")),
                json(totals("\"u\":\"" + registers + "\",\"r\":[[1]]")),
                json(totals("\"r\":[[1,\"e\",\"t\",\"s\",\"u\",\"p\"]]")),
                json(totals("\"r\":[[\"1\",\"e\",\"t\",\"s\",\"u\",\"p\",\"q\"]]")),
                json(totals("\"r\":[[1,\"e\",\"t\",\"s\",\"u\",\"p\",7]]")),
                json(totals("\"r\":[[1,null,\"t\",\"s\",\"u\",\"p\",\"q\"]]")),
                json(totals("\"r\":{\"a\":1}")));

        for (byte[] stored : garbage) {
            assertThatThrownBy(() -> RollupCodec.decode(stored))
                    .as(preview(stored))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void users_ofFewUsers_areStoredSparse_andOfManyDense_andBothReadBack() {
        for (int set : List.of(0, 1, 2, 681, 682, 683, 684, Hll.REGISTERS)) {
            byte[] registers = new byte[Hll.REGISTERS];
            for (int i = 0; i < set; i++) {
                registers[(i * 7) % Hll.REGISTERS] = (byte) (1 + i % Hll.MAX_RANK); // 7 is prime to 2048: distinct
            }

            byte[] stored = RollupCodec.storedRegisters(registers);

            boolean dense = 3 * set >= Hll.REGISTERS;
            assertThat(stored).as(set + " set").hasSize(dense ? Hll.REGISTERS : 3 * set);
            assertThat(RollupCodec.readRegisters(stored)).as(set + " set").isEqualTo(registers);
        }
    }

    @Test
    void roundTrip_ofSketchesOfAnySize_keepsTheirRegisters() {
        for (int n : List.of(1, 10, 100, 1_000, 10_000)) {
            Hll users = new Hll();
            for (int i = 0; i < n; i++) {
                users.add("user-" + i);
            }
            Rollup rollup = new Rollup(COUNTS, Map.of(), Map.of(), users, List.of());

            assertThat(RollupCodec.decode(RollupCodec.encode(rollup)).users())
                    .as(n + " users")
                    .isEqualTo(users);
        }
    }

    /**
     * The {@code ru} of a busy hour item: 60 minute slots, 9 breakdowns of 150 keys cut to 100 and {@code ~other}, a
     * sketch of 100,000 users and the latest events (docs/contract/tables.md#hour-items).
     */
    @Test
    void encode_ofABusyHour_staysAFewKilobytes() {
        Map<Dimension, Map<String, Long>> breakdowns = new HashMap<>();
        for (Dimension dimension : Dimension.values()) {
            Map<String, Long> keys = new HashMap<>();
            for (int i = 0; i < 150; i++) {
                keys.put("example.com/section-" + (i % 7) + "/page-" + i, 1_000L - i);
            }
            breakdowns.put(dimension, keys);
        }
        Hll users = new Hll();
        for (int i = 0; i < 100_000; i++) {
            users.add("user-" + i);
        }
        Map<Integer, Counts> minutes = new HashMap<>();
        for (int minute = 0; minute < 60; minute++) {
            minutes.put(
                    minute,
                    new Counts(4_000 + minute, 3_000 + minute, 300, 290, 30_000_000L + minute, 90, 6, 7, 40, 2));
        }
        List<RecentEvent> recent = new java.util.ArrayList<>();
        for (int i = 0; i < Rollup.MAX_RECENT; i++) {
            recent.add(new RecentEvent(
                    1_765_000_000_000L + i,
                    "0193a8f0-7b2c-7c1e-9d2f-" + i,
                    "page_view",
                    "session-" + i,
                    "user-" + i,
                    "example.com/section-1/page-" + i,
                    "google"));
        }
        Rollup hour = new Rollup(COUNTS, minutes, breakdowns, users, recent).cut();

        int bytes = RollupCodec.encode(hour).length;

        assertThat(bytes).isLessThan(30 * 1024);
        assertThat(RollupCodec.decode(RollupCodec.encode(hour))).isEqualTo(hour);
        System.out.println("busy hour ru (60 minute slots, 9 breakdowns x 100 keys + ~other, 100k users, "
                + Rollup.MAX_RECENT + " recent): " + bytes + " bytes gzip");
    }

    /**
     * The {@code ru} of a quiet hour item: three visitors, twelve events in five minutes. Its sketch is sparse: three
     * registers, 9 bytes, where the dense form would be 2,048 (docs/contract/tables.md#hour-items).
     */
    @Test
    void encode_ofAQuietHour_isAFewHundredBytes_withASketchOfAFewBytes() throws IOException {
        Hll users = RollupTest.users(
                "0193a8f0-0000-7000-8000-000000000001",
                "0193a8f0-0000-7000-8000-000000000002",
                "0193a8f0-0000-7000-8000-000000000003");
        Map<Dimension, Map<String, Long>> breakdowns = Map.of(
                Dimension.PAGE, Map.of("example.com/", 4L, "example.com/pricing", 3L, "example.com/docs/start", 2L),
                Dimension.EVENT_TYPE, Map.of("page_view", 9L, "click", 2L, "signup", 1L),
                Dimension.SOURCE, Map.of("google", 2L, "direct", 1L),
                Dimension.CHANNEL, Map.of("organic_search", 2L, "direct", 1L),
                Dimension.DEVICE, Map.of("desktop", 2L, "phone", 1L),
                Dimension.BROWSER, Map.of("Chrome", 2L, "Safari", 1L),
                Dimension.OS, Map.of("Windows", 2L, "iOS", 1L),
                Dimension.ENTRY_PAGE, Map.of("example.com/", 2L, "example.com/pricing", 1L));
        Map<Integer, Counts> minutes = Map.of(
                3, new Counts(3, 3, 1, 0, 0, 0, 0, 0, 0, 0),
                4, new Counts(2, 1, 0, 1, 95_000, 0, 0, 0, 0, 0),
                17, new Counts(4, 3, 1, 0, 0, 0, 1, 1, 0, 0),
                19, new Counts(2, 1, 0, 1, 140_000, 0, 0, 0, 0, 0),
                41, new Counts(1, 1, 1, 1, 0, 1, 0, 0, 0, 0));
        Counts totals = minutes.values().stream().reduce(Counts.ZERO, Counts::plus);
        List<RecentEvent> recent = new java.util.ArrayList<>();
        for (int i = 0; i < Rollup.MAX_RECENT; i++) {
            recent.add(new RecentEvent(
                    1_765_000_000_000L + 60_000L * i,
                    "0193a8f0-7b2c-7c1e-9d2f-00000000000" + i,
                    i % 3 == 0 ? "click" : "page_view",
                    "0193a8f0-1111-7000-8000-00000000000" + (i % 3),
                    "0193a8f0-0000-7000-8000-00000000000" + (1 + i % 3),
                    "example.com/pricing",
                    "google"));
        }
        Rollup hour = new Rollup(totals, minutes, breakdowns, users, recent);

        byte[] stored = RollupCodec.encode(hour);
        byte[] sketch = Base64.getDecoder()
                .decode(JSON.readTree(gunzip(stored)).get("u").asText());

        assertThat(sketch).hasSize(3 * 3);
        assertThat(stored.length).isLessThan(1024);
        assertThat(RollupCodec.decode(stored)).isEqualTo(hour);
        System.out.println("quiet hour ru (5 minute slots, 8 breakdowns of 2-3 keys, 3 users, " + Rollup.MAX_RECENT
                + " recent): " + stored.length + " bytes gzip, sketch " + sketch.length + " bytes");
    }

    /** Base64 of a sparse sketch: (index high, index low, value) triples. */
    private static String sparse(int... triples) {
        byte[] bytes = new byte[triples.length];
        for (int i = 0; i < triples.length; i++) {
            bytes[i] = (byte) triples[i];
        }
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static String totals(String more) {
        return "{\"t\":[0,0,0,0,0,0,0,0,0,0]," + more + "}";
    }

    private static byte[] json(String text) {
        return gzip(text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] gzip(byte[] raw) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
                out.write(raw);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static byte[] gunzip(byte[] stored) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(stored))) {
            return in.readAllBytes();
        }
    }

    private static String preview(byte[] stored) {
        try {
            return new String(gunzip(stored), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return stored.length + " bytes, not gzip";
        }
    }
}
