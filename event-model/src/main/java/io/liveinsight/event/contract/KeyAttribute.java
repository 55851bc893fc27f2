package io.liveinsight.event.contract;

import java.util.Objects;

/** A key attribute of a table or an index: its name and whether it holds a string or a number. */
public record KeyAttribute(String name, Type type) {

    /** The two scalar types the keys use. */
    public enum Type {
        STRING,
        NUMBER
    }

    public KeyAttribute {
        Objects.requireNonNull(name);
        Objects.requireNonNull(type);
    }

    public static KeyAttribute string(String name) {
        return new KeyAttribute(name, Type.STRING);
    }

    public static KeyAttribute number(String name) {
        return new KeyAttribute(name, Type.NUMBER);
    }
}
