package io.liveinsight.load.cost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/** The published AWS prices the cost model uses, from {@code aws-prices.json} (one file, with date and sources). */
public record Prices(String region, String asOf, Map<String, Double> usd, Map<String, String> sources) {

    public static final String RESOURCE = "aws-prices.json";

    public static Prices load() {
        try (InputStream in = Prices.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            JsonNode root = JsonMapper.builder().build().readTree(in);
            Map<String, Double> usd = new TreeMap<>();
            Map<String, String> sources = new TreeMap<>();
            root.path("prices").properties().forEach(e -> {
                usd.put(e.getKey(), e.getValue().path("usd").asDouble());
                sources.put(e.getKey(), e.getValue().path("source").asText());
            });
            return new Prices(root.path("region").asText(), root.path("as_of").asText(), usd, sources);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public double get(String name) {
        Double value = usd.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no price named " + name + " in " + RESOURCE);
        }
        return value;
    }
}
