package io.liveinsight.ingest.http;

import io.liveinsight.ingest.domain.RejectReason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * From what API Gateway passed to the JSON bytes: checks the content type and encoding, undoes base64 and gzip, and
 * enforces the body limit on the decompressed size while decompressing (a gzip bomb stops at the limit + 1 byte).
 *
 * <p>The size of the body as passed is checked first, from its length alone, before anything is decoded or copied:
 * a 100 MB body costs one comparison and a 413, whatever its encoding.
 */
public final class BodyDecoder {

    /**
     * What gzip may add to a body it cannot compress: deflate's stored blocks cost 5 bytes per 64 KiB, the gzip
     * header and trailer 18; this leaves room for a file name in the header too. A compressed body longer than the
     * limit plus this slack cannot inflate to a body within the limit.
     */
    static final int GZIP_SLACK_BYTES = 64 * 1024;

    private final int maxBytes;

    public BodyDecoder(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The JSON bytes of the body, or why they cannot be read. */
    public sealed interface Decoded {
        record Body(byte[] bytes) implements Decoded {}

        record Refused(int status, RejectReason reason, String message) implements Decoded {}
    }

    public Decoded decode(IngestRequest request) {
        String typeError = contentTypeError(request.header("content-type"));
        if (typeError != null) {
            return new Decoded.Refused(415, RejectReason.UNSUPPORTED_MEDIA_TYPE, typeError);
        }
        String encoding = contentEncoding(request.header("content-encoding"));
        if (encoding == null) {
            return new Decoded.Refused(
                    415, RejectReason.UNSUPPORTED_MEDIA_TYPE, "Content-Encoding must be gzip or identity");
        }
        boolean gzip = encoding.equals("gzip");
        long wireLimit = gzip ? (long) maxBytes + GZIP_SLACK_BYTES : maxBytes;
        if (minimumBytes(request) > wireLimit) {
            return gzip ? compressedTooLarge(wireLimit) : tooLarge();
        }
        byte[] raw;
        if (request.base64Encoded()) {
            try {
                raw = Base64.getDecoder().decode(request.body());
            } catch (IllegalArgumentException e) {
                return new Decoded.Refused(400, RejectReason.MALFORMED_BODY, "body is not valid base64");
            }
        } else {
            raw = request.body().getBytes(StandardCharsets.UTF_8);
        }
        if (gzip) {
            return gunzip(raw);
        }
        return raw.length > maxBytes ? tooLarge() : new Decoded.Body(raw);
    }

    private Decoded gunzip(byte[] compressed) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed), 8192)) {
            byte[] bytes = in.readNBytes(maxBytes + 1);
            return bytes.length > maxBytes ? tooLarge() : new Decoded.Body(bytes);
        } catch (IOException e) {
            return new Decoded.Refused(
                    400,
                    RejectReason.MALFORMED_BODY,
                    "body is not valid gzip (binary bodies must reach the edge base64-encoded)");
        }
    }

    /**
     * The fewest bytes the body can decode to, from its length alone: every character of text is at least one byte
     * of UTF-8; base64 (which API Gateway never wraps in lines) carries 3 bytes per 4 characters, less 2 for padding.
     */
    static long minimumBytes(IngestRequest request) {
        long characters = request.body().length();
        return request.base64Encoded() ? Math.max(0, characters - 2) * 3 / 4 : characters;
    }

    private static Decoded compressedTooLarge(long wireLimit) {
        return new Decoded.Refused(
                413,
                RejectReason.BODY_TOO_LARGE,
                "compressed body over " + wireLimit + " bytes: it cannot inflate to a body within the limit");
    }

    private Decoded tooLarge() {
        return new Decoded.Refused(
                413, RejectReason.BODY_TOO_LARGE, "body over " + maxBytes + " bytes after decompression");
    }

    /** Null when the type is JSON or text/plain (or absent) in UTF-8; otherwise what is wrong with it. */
    static String contentTypeError(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return null;
        }
        String[] parts = contentType.split(";");
        String mediaType = parts[0].strip().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/json") && !mediaType.equals("text/plain")) {
            return "Content-Type must be application/json or text/plain";
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip().toLowerCase(Locale.ROOT);
            if (parameter.startsWith("charset=")) {
                String charset = parameter.substring("charset=".length()).replace("\"", "");
                if (!charset.equals("utf-8") && !charset.equals("utf8") && !charset.equals("us-ascii")) {
                    return "the body must be UTF-8 (charset=" + charset + " is not read)";
                }
            }
        }
        return null;
    }

    /** "gzip", "identity", or null for an encoding the edge does not undo. */
    static String contentEncoding(String header) {
        if (header == null || header.isBlank()) {
            return "identity";
        }
        String value = header.strip().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "identity" -> "identity";
            case "gzip", "x-gzip" -> "gzip";
            default -> null;
        };
    }
}
