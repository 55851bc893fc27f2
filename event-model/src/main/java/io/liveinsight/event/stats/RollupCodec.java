package io.liveinsight.event.stats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A rollup as stored in its item's {@code ru} attribute: gzip-compressed JSON (docs/contract/tables.md#stats), so an
 * item of a busy hour with its breakdowns and user sketch stays a few write units. Shared by the processor (writes)
 * and the dashboard (reads). Counts are arrays in {@link Counts}' component order:
 * {@code {"t":[..],"m":{"<minute>":[..]},"b":{"<dimension>":{"<key>":n}},"u":"<base64 registers>",
 * "r":[[time,id,type,session,user,page,source]]}}.
 */
public final class RollupCodec {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RollupCodec() {}

    public static byte[] encode(Rollup rollup) {
        ObjectNode root = JSON.createObjectNode();
        root.set("t", counts(rollup.totals()));
        if (!rollup.minutes().isEmpty()) {
            ObjectNode minutes = root.putObject("m");
            rollup.minutes().forEach((minute, counts) -> minutes.set(Integer.toString(minute), counts(counts)));
        }
        if (!rollup.breakdowns().isEmpty()) {
            ObjectNode breakdowns = root.putObject("b");
            rollup.breakdowns().forEach((dimension, counts) -> {
                ObjectNode keys = breakdowns.putObject(dimension.code());
                counts.forEach(keys::put);
            });
        }
        if (rollup.users() != null) {
            root.put("u", Base64.getEncoder().encodeToString(rollup.users().registers()));
        }
        if (!rollup.recent().isEmpty()) {
            ArrayNode recent = root.putArray("r");
            for (RecentEvent event : rollup.recent()) {
                recent.addArray()
                        .add(event.timestamp())
                        .add(event.eventId())
                        .add(event.eventType())
                        .add(event.sessionId())
                        .add(event.userId())
                        .add(event.page())
                        .add(event.source());
            }
        }
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
                JSON.writeValue(gzip, root);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Rollup decode(byte[] stored) {
        JsonNode root;
        try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(stored))) {
            root = JSON.readTree(gzip);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a stored rollup: " + e.getMessage(), e);
        }
        Map<Integer, Counts> minutes = new HashMap<>();
        root.path("m").properties().forEach(e -> minutes.put(Integer.parseInt(e.getKey()), counts(e.getValue())));
        Map<Dimension, Map<String, Long>> breakdowns = new EnumMap<>(Dimension.class);
        root.path("b").properties().forEach(e -> {
            Map<String, Long> keys = new HashMap<>();
            e.getValue()
                    .properties()
                    .forEach(k -> keys.put(k.getKey(), k.getValue().asLong()));
            breakdowns.put(Dimension.ofCode(e.getKey()), keys);
        });
        Hll users = root.hasNonNull("u")
                ? Hll.of(Base64.getDecoder().decode(root.get("u").asText()))
                : null;
        List<RecentEvent> recent = new ArrayList<>();
        for (JsonNode event : root.path("r")) {
            recent.add(new RecentEvent(
                    event.get(0).asLong(),
                    text(event.get(1)),
                    text(event.get(2)),
                    text(event.get(3)),
                    text(event.get(4)),
                    text(event.get(5)),
                    text(event.get(6))));
        }
        return new Rollup(counts(root.path("t")), minutes, breakdowns, users, recent);
    }

    /** A string as written: an event without a page URL has no page (JSON null), not the page "null". */
    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    private static ArrayNode counts(Counts c) {
        return JSON.createArrayNode()
                .add(c.events())
                .add(c.pageViews())
                .add(c.sessions())
                .add(c.lastActive())
                .add(c.durationMs())
                .add(c.bounces())
                .add(c.converted())
                .add(c.conversions())
                .add(c.botEvents())
                .add(c.botSessions());
    }

    private static Counts counts(JsonNode a) {
        if (a.isMissingNode()) {
            return Counts.ZERO;
        }
        return new Counts(
                a.path(0).asLong(),
                a.path(1).asLong(),
                a.path(2).asLong(),
                a.path(3).asLong(),
                a.path(4).asLong(),
                a.path(5).asLong(),
                a.path(6).asLong(),
                a.path(7).asLong(),
                a.path(8).asLong(),
                a.path(9).asLong());
    }
}
