package io.liveinsight.ingest.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.StringJoiner;
import java.util.zip.GZIPOutputStream;

/** Request bodies for tests. */
public final class Bodies {

    private Bodies() {}

    public static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static String base64Gzip(String text) {
        return Base64.getEncoder().encodeToString(gzip(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** An array of {@code count} copies of {@code event}. */
    public static String array(String event, int count) {
        StringJoiner joiner = new StringJoiner(",", "[", "]");
        for (int i = 0; i < count; i++) {
            joiner.add(event);
        }
        return joiner.toString();
    }

    /** An event object of exactly {@code bytes} bytes of JSON (ASCII), padded through one property. */
    public static String eventOfBytes(String sessionId, int bytes) {
        String prefix = "{\"session_id\":\"" + sessionId + "\",\"properties\":{";
        String suffix = "}}";
        StringBuilder body = new StringBuilder(prefix);
        int remaining = bytes - prefix.length() - suffix.length();
        int key = 0;
        while (remaining > 0) {
            // "kNN":"vvv..." with values of at most 1024 characters
            String name = "\"k" + key++ + "\":\"";
            int overhead = name.length() + 1 + (body.length() > prefix.length() ? 1 : 0);
            int value = Math.min(1024, remaining - overhead);
            int left = remaining - overhead - value;
            if (left > 0 && left < 20) {
                value -= 20; // leave room for one more key
            }
            if (value < 0) {
                throw new IllegalArgumentException("cannot pad to exactly " + bytes);
            }
            if (body.length() > prefix.length()) {
                body.append(',');
            }
            body.append(name).append("v".repeat(value)).append('"');
            remaining -= overhead + value;
        }
        String event = body.append(suffix).toString();
        if (event.length() != bytes) {
            throw new IllegalStateException("padded to " + event.length() + " not " + bytes);
        }
        return event;
    }
}
