package io.liveinsight.event.stats;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A rollup as stored in its item's {@code ru} attribute: gzip-compressed JSON (docs/contract/tables.md#the-ru-attribute),
 * so an item of a busy hour with its breakdowns and user sketch stays a few write units. Shared by the processor
 * (writes) and the dashboard (reads). Counts are arrays in {@link Counts}' component order:
 * {@code {"t":[..],"m":{"<minute>":[..]},"b":{"<dimension>":{"<key>":n}},"u":"<base64 registers>",
 * "r":[[time,id,type,session,user,page,source]]}}.
 *
 * <p>Whatever {@link #encode} writes, {@link #decode} reads back equal: keys of any length, any code points. A key
 * holding an unpaired surrogate (which the event contract refuses, but a cut string could make) is written with
 * U+FFFD in its place, added to any key it then equals, since a JSON reader refuses such a name and one unreadable
 * item would stop its shard's writer. {@link #decode} refuses anything else with an {@link IllegalArgumentException}
 * ({@link RollupJson}).
 */
public final class RollupCodec {

    /** Names (breakdown keys) as long as any string: Jackson's default cap, 50,000, would refuse what we wrote. */
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNameLength(StreamReadConstraints.DEFAULT_MAX_STRING_LEN)
                    .build())
            .build());

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
                counts.forEach((key, count) -> {
                    String name = wellFormed(key);
                    keys.put(name, keys.path(name).asLong(0) + count);
                });
            });
        }
        Hll users = rollup.users();
        if (users != null) {
            root.put("u", Base64.getEncoder().encodeToString(storedRegisters(users.registers())));
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

    /** The rollup an item stores; {@link IllegalArgumentException} for bytes {@link #encode} did not write. */
    public static Rollup decode(byte[] stored) {
        JsonNode root;
        try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(stored))) {
            root = JSON.readTree(gzip);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a stored rollup: " + e.getMessage(), e);
        }
        return RollupJson.rollup(root);
    }

    /**
     * The registers as stored: all {@value Hll#REGISTERS} when most are set; else only the set ones, three bytes each
     * (index high, index low, value), in index order, so a quiet hour's sketch costs bytes, not 2 KB. The lengths
     * never meet ({@value Hll#REGISTERS} is not a multiple of three); a sparse form out of order, repeating a register
     * or holding a zero is not one {@link #storedRegisters} wrote, and is refused.
     */
    static byte[] storedRegisters(byte[] registers) {
        int set = 0;
        for (byte register : registers) {
            set += register != 0 ? 1 : 0;
        }
        if (3 * set >= Hll.REGISTERS) {
            return registers;
        }
        byte[] sparse = new byte[3 * set];
        for (int i = 0, j = 0; i < registers.length; i++) {
            if (registers[i] != 0) {
                sparse[j++] = (byte) (i >>> 8);
                sparse[j++] = (byte) i;
                sparse[j++] = registers[i];
            }
        }
        return sparse;
    }

    static byte[] readRegisters(byte[] stored) {
        if (stored.length == Hll.REGISTERS) {
            return stored;
        }
        if (stored.length % 3 != 0) {
            throw new IllegalArgumentException("not a stored sketch: " + stored.length + " bytes");
        }
        byte[] registers = new byte[Hll.REGISTERS];
        int previous = -1;
        for (int j = 0; j < stored.length; j += 3) {
            int index = ((stored[j] & 0xff) << 8) | (stored[j + 1] & 0xff);
            if (index >= Hll.REGISTERS || index <= previous || stored[j + 2] == 0) {
                throw new IllegalArgumentException(
                        "not a stored sketch: register " + index + " = " + stored[j + 2] + " after " + previous);
            }
            registers[index] = stored[j + 2];
            previous = index;
        }
        return registers;
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

    /** The text with each unpaired surrogate replaced by U+FFFD. */
    static String wellFormed(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (paired) {
                if (out != null) {
                    out.append(c).append(text.charAt(i + 1));
                }
                i++;
            } else if (Character.isSurrogate(c)) {
                if (out == null) {
                    out = new StringBuilder(text.length()).append(text, 0, i);
                }
                out.append('\uFFFD');
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }
}
