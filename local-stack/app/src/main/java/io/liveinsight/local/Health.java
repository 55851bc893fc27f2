package io.liveinsight.local;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Each dependency up or down; healthy only when all are up. */
public record Health(Map<String, Boolean> dependencies) {

    public Health {
        dependencies = new LinkedHashMap<>(dependencies);
    }

    public boolean healthy() {
        return dependencies.values().stream().allMatch(Boolean::booleanValue);
    }

    public String toJson() {
        String deps = dependencies.entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\":\"" + (e.getValue() ? "up" : "down") + "\"")
                .collect(Collectors.joining(","));
        return "{\"status\":\"" + (healthy() ? "ok" : "unavailable") + "\",\"dependencies\":{" + deps + "}}";
    }
}
