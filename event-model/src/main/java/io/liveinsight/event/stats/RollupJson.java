package io.liveinsight.event.stats;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the JSON of a stored rollup strictly (docs/contract/tables.md#the-ru-attribute): every field of the shape
 * {@link RollupCodec} writes, counts as 64-bit integers, minutes 0-59, known dimensions, a sketch of the right size;
 * anything else is an {@link IllegalArgumentException} naming where. Fields it does not know are skipped, so a writer
 * may add one before its readers know it.
 */
final class RollupJson {

    private static final int COUNTS = 10;
    private static final int RECENT_FIELDS = 7;

    private RollupJson() {}

    static Rollup rollup(JsonNode root) {
        check(root != null && root.isObject(), "a stored rollup is a JSON object");
        Counts totals = counts(root.get("t"), "t");
        Map<Integer, Counts> minutes = new HashMap<>();
        object(root, "m").properties().forEach(e -> {
            check(e.getKey().matches("[0-9]{1,2}"), "m: minute " + e.getKey());
            minutes.put(Integer.parseInt(e.getKey()), counts(e.getValue(), "m." + e.getKey()));
        });
        Map<Dimension, Map<String, Long>> breakdowns = new EnumMap<>(Dimension.class);
        object(root, "b").properties().forEach(e -> {
            Map<String, Long> keys = new HashMap<>();
            check(e.getValue().isObject(), "b." + e.getKey() + " is an object");
            e.getValue().properties().forEach(k -> keys.put(k.getKey(), integer(k.getValue(), "b." + e.getKey())));
            breakdowns.put(Dimension.ofCode(e.getKey()), keys);
        });
        Hll users = null;
        if (root.has("u")) {
            check(root.get("u").isTextual(), "u is base64 text");
            users = Hll.of(RollupCodec.readRegisters(
                    Base64.getDecoder().decode(root.get("u").textValue())));
        }
        List<RecentEvent> recent = new ArrayList<>();
        if (root.has("r")) {
            check(root.get("r").isArray(), "r is an array");
            root.get("r").forEach(event -> recent.add(recentEvent(event)));
        }
        return new Rollup(totals, minutes, breakdowns, users, recent);
    }

    private static RecentEvent recentEvent(JsonNode event) {
        check(event.isArray() && event.size() == RECENT_FIELDS, "r: an event is " + RECENT_FIELDS + " fields");
        return new RecentEvent(
                integer(event.get(0), "r: time"),
                text(event.get(1), false),
                text(event.get(2), false),
                text(event.get(3), false),
                text(event.get(4), false),
                text(event.get(5), true),
                text(event.get(6), true));
    }

    private static JsonNode object(JsonNode root, String field) {
        JsonNode node = root.path(field);
        check(node.isMissingNode() || node.isObject(), field + " is an object");
        return node;
    }

    private static Counts counts(JsonNode a, String where) {
        check(a != null && a.isArray() && a.size() == COUNTS, where + " is " + COUNTS + " counts");
        long[] f = new long[COUNTS];
        for (int i = 0; i < COUNTS; i++) {
            f[i] = integer(a.get(i), where);
        }
        return new Counts(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9]);
    }

    private static long integer(JsonNode node, String where) {
        check(node.isIntegralNumber() && node.canConvertToLong(), where + ": " + node + " is not a 64-bit integer");
        return node.longValue();
    }

    private static String text(JsonNode node, boolean nullable) {
        check(node.isTextual() || (nullable && node.isNull()), "r: " + node + " is not text");
        return node.textValue();
    }

    private static void check(boolean holds, String what) {
        if (!holds) {
            throw new IllegalArgumentException("not a stored rollup: " + what);
        }
    }
}
