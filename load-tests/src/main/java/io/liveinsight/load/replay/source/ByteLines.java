package io.liveinsight.load.replay.source;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Lines of a stream, each decoded as strict UTF-8 on its own: a line with bytes that are not UTF-8 is reported as such
 * and the next line is read as usual (a reader that replaced them would send something that was never recorded). Lines
 * end with {@code \n} (a {@code \r} before it is dropped); a line over {@link #MAX_LINE_BYTES} is skipped whole.
 */
final class ByteLines {

    /** Longer than any stream record (1 MiB) or request body (1 MiB) by far. */
    static final int MAX_LINE_BYTES = 8 << 20;

    /** One line: its text, or why it has none. */
    record Line(long number, String text, String problem) {}

    private final InputStream in;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(4096);
    private long number;
    private boolean ended;

    ByteLines(InputStream in) {
        this.in = in;
    }

    /** The next line, or null at the end. Throws what the stream throws (a truncated gzip: EOFException). */
    Line next() throws IOException {
        if (ended) {
            return null;
        }
        buffer.reset();
        boolean tooLong = false;
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (buffer.size() < MAX_LINE_BYTES) {
                buffer.write(b);
            } else {
                tooLong = true;
            }
        }
        if (b == -1) {
            ended = true;
            if (buffer.size() == 0 && !tooLong) {
                return null;
            }
        }
        number++;
        if (tooLong) {
            return new Line(number, null, "line over " + MAX_LINE_BYTES + " bytes");
        }
        byte[] bytes = buffer.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        try {
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, length))
                    .toString();
            return new Line(number, text, null);
        } catch (CharacterCodingException e) {
            return new Line(number, null, "not UTF-8 text");
        }
    }
}
