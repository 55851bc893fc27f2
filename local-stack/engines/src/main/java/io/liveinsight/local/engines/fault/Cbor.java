package io.liveinsight.local.engines.fault;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CBOR (RFC 8949) subset the SDK's {@code application/x-amz-cbor-1.1} uses, as the same plain values as
 * {@link Json} plus {@code byte[]}, {@code Double} and {@link Tagged}. Reads definite and indefinite lengths; writes
 * definite ones.
 */
final class Cbor {

    /** A tagged item, such as a timestamp (tag 1); kept so it is written back unchanged. */
    record Tagged(long tag, Object value) {}

    private static final int BREAK = 0xff;
    private static final Object BREAK_MARK = new Object();

    private final ByteBuffer in;

    private Cbor(byte[] bytes) {
        this.in = ByteBuffer.wrap(bytes);
    }

    static Object parse(byte[] bytes) {
        Cbor cbor = new Cbor(bytes);
        Object value = cbor.item();
        if (value == BREAK_MARK || cbor.in.hasRemaining()) {
            throw new IllegalArgumentException("not one CBOR item");
        }
        return value;
    }

    static byte[] write(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(value, out);
        return out.toByteArray();
    }

    private Object item() {
        int initial = Byte.toUnsignedInt(in.get());
        if (initial == BREAK) {
            return BREAK_MARK;
        }
        int major = initial >>> 5;
        int info = initial & 0x1f;
        if (major == 7) {
            return simple(info);
        }
        boolean indefinite = info == 31;
        long argument = indefinite ? -1 : argument(info);
        return switch (major) {
            case 0 -> argument >= 0 ? (Object) argument : unsigned(argument);
            case 1 ->
                argument >= 0
                        ? (Object) (-1 - argument)
                        : unsigned(argument).negate().subtract(BigInteger.ONE);
            case 2 -> indefinite ? chunks() : bytes(argument);
            case 3 -> new String(indefinite ? chunks() : bytes(argument), StandardCharsets.UTF_8);
            case 4 -> array(argument);
            case 5 -> map(argument);
            default -> new Tagged(argument, item());
        };
    }

    private long argument(int info) {
        return switch (info) {
            case 24 -> Byte.toUnsignedLong(in.get());
            case 25 -> Short.toUnsignedLong(in.getShort());
            case 26 -> Integer.toUnsignedLong(in.getInt());
            case 27 -> in.getLong();
            default -> {
                if (info > 27) {
                    throw new IllegalArgumentException("bad CBOR length " + info);
                }
                yield info;
            }
        };
    }

    private Object simple(int info) {
        return switch (info) {
            case 20 -> Boolean.FALSE;
            case 21 -> Boolean.TRUE;
            case 22, 23 -> null;
            case 25 -> (double) Float.float16ToFloat(in.getShort());
            case 26 -> (double) in.getFloat();
            case 27 -> in.getDouble();
            default -> throw new IllegalArgumentException("unsupported CBOR simple value " + info);
        };
    }

    private byte[] bytes(long length) {
        byte[] bytes = new byte[Math.toIntExact(length)];
        in.get(bytes);
        return bytes;
    }

    private byte[] chunks() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object chunk = item(); chunk != BREAK_MARK; chunk = item()) {
            out.writeBytes(chunk instanceof String text ? text.getBytes(StandardCharsets.UTF_8) : (byte[]) chunk);
        }
        return out.toByteArray();
    }

    private List<Object> array(long size) {
        List<Object> array = new ArrayList<>();
        for (long i = 0; size < 0 || i < size; i++) {
            Object element = item();
            if (element == BREAK_MARK) {
                break;
            }
            array.add(element);
        }
        return array;
    }

    private Map<String, Object> map(long size) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (long i = 0; size < 0 || i < size; i++) {
            Object key = item();
            if (key == BREAK_MARK) {
                break;
            }
            map.put(String.valueOf(key), item());
        }
        return map;
    }

    private static BigInteger unsigned(long argument) {
        return new BigInteger(Long.toUnsignedString(argument));
    }

    private static void write(Object value, ByteArrayOutputStream out) {
        switch (value) {
            case null -> out.write(0xf6);
            case Boolean bool -> out.write(bool ? 0xf5 : 0xf4);
            case Long number -> writeInteger(number, out);
            case Integer number -> writeInteger(number, out);
            case BigInteger number -> writeBigInteger(number, out);
            case BigDecimal number -> writeDecimal(number, out);
            case Number number -> writeDouble(number.doubleValue(), out);
            case byte[] bytes -> {
                head(2, bytes.length, out);
                out.writeBytes(bytes);
            }
            case String text -> {
                byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
                head(3, utf8.length, out);
                out.writeBytes(utf8);
            }
            case List<?> list -> {
                head(4, list.size(), out);
                list.forEach(element -> write(element, out));
            }
            case Map<?, ?> map -> {
                head(5, map.size(), out);
                map.forEach((key, element) -> {
                    write(String.valueOf(key), out);
                    write(element, out);
                });
            }
            case Tagged tagged -> {
                head(6, tagged.tag(), out);
                write(tagged.value(), out);
            }
            default -> throw new IllegalArgumentException("no CBOR form for " + value.getClass());
        }
    }

    private static void writeInteger(long number, ByteArrayOutputStream out) {
        if (number >= 0) {
            head(0, number, out);
        } else {
            head(1, -1 - number, out);
        }
    }

    private static void writeBigInteger(BigInteger number, ByteArrayOutputStream out) {
        boolean negative = number.signum() < 0;
        BigInteger argument = negative ? number.negate().subtract(BigInteger.ONE) : number;
        if (argument.bitLength() > 64) {
            writeDouble(number.doubleValue(), out);
        } else {
            head(negative ? 1 : 0, argument.longValue(), out);
        }
    }

    private static void writeDecimal(BigDecimal number, ByteArrayOutputStream out) {
        try {
            writeInteger(number.longValueExact(), out);
        } catch (ArithmeticException notALong) {
            writeDouble(number.doubleValue(), out);
        }
    }

    private static void writeDouble(double number, ByteArrayOutputStream out) {
        out.write(0xfb);
        out.writeBytes(ByteBuffer.allocate(8).putDouble(number).array());
    }

    /** The initial byte and argument; {@code argument} is read as unsigned. */
    private static void head(int major, long argument, ByteArrayOutputStream out) {
        int type = major << 5;
        if (argument >= 0 && argument < 24) {
            out.write(type | (int) argument);
        } else if (argument >= 0 && argument <= 0xff) {
            out.write(type | 24);
            out.write((int) argument);
        } else if (argument >= 0 && argument <= 0xffff) {
            out.write(type | 25);
            out.writeBytes(ByteBuffer.allocate(2).putShort((short) argument).array());
        } else if (argument >= 0 && argument <= 0xffffffffL) {
            out.write(type | 26);
            out.writeBytes(ByteBuffer.allocate(4).putInt((int) argument).array());
        } else {
            out.write(type | 27);
            out.writeBytes(ByteBuffer.allocate(8).putLong(argument).array());
        }
    }
}
