package io.liveinsight.load.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The machine a run measured: CPU, cores, memory, JDK, and the load average others put on it. */
public final class Machine {

    private Machine() {}

    public static Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("cpu", firstLine("/proc/cpuinfo", "model name"));
        out.put("cores", Runtime.getRuntime().availableProcessors());
        out.put("memory", firstLine("/proc/meminfo", "MemTotal"));
        out.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        out.put("jdk", System.getProperty("java.vendor") + " " + System.getProperty("java.version"));
        out.put("load_average_at_start", loadAverage());
        return out;
    }

    public static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String firstLine(String file, String key) {
        try {
            return Files.readAllLines(Path.of(file)).stream()
                    .filter(l -> l.startsWith(key))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .findFirst()
                    .orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
