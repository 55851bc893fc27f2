package io.liveinsight.load.cli;

import java.util.HashMap;
import java.util.Map;

/** {@code --name value} command-line options; a bare {@code --flag} is "true". */
public final class Args {

    private final Map<String, String> values;

    private Args(Map<String, String> values) {
        this.values = values;
    }

    public static Args parse(String[] argv) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < argv.length; i++) {
            if (!argv[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option, got " + argv[i]);
            }
            String name = argv[i].substring(2);
            boolean hasValue = i + 1 < argv.length && !argv[i + 1].startsWith("--");
            values.put(name, hasValue ? argv[++i] : "true");
        }
        return new Args(values);
    }

    public String value(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    public long longValue(String name, long fallback) {
        String value = values.get(name);
        return value == null ? fallback : Long.parseLong(value);
    }

    public int intValue(String name, int fallback) {
        return (int) longValue(name, fallback);
    }

    public double doubleValue(String name, double fallback) {
        String value = values.get(name);
        return value == null ? fallback : Double.parseDouble(value);
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** Every option given, without the leading {@code --}. */
    public java.util.Set<String> names() {
        return java.util.Set.copyOf(values.keySet());
    }
}
