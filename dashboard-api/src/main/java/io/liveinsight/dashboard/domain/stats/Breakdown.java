package io.liveinsight.dashboard.domain.stats;

import io.liveinsight.event.stats.Dimension;
import io.liveinsight.event.stats.Rollup;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The largest keys of one breakdown over a range, count first then key, and the rest: the keys beyond the limit plus
 * what the items had already summed under {@link Rollup#OTHER} (each item keeps its 100 largest keys). A key is data,
 * returned as JSON text and never interpreted.
 *
 * @param total every count of the breakdown in the range, the rest included
 */
public record Breakdown(StatsRange range, Dimension dimension, long total, List<Item> items, long other) {

    public static final int DEFAULT_LIMIT = 10;
    public static final int MAX_LIMIT = Rollup.MAX_KEYS;

    public record Item(String key, long count) {}

    private static final Comparator<Item> LARGEST_FIRST =
            Comparator.comparingLong(Item::count).reversed().thenComparing(Item::key);

    public Breakdown {
        items = List.copyOf(items);
    }

    public static Breakdown of(StatsRange range, Dimension dimension, int limit, Collection<Rollup> rollups) {
        Map<String, Long> counts = new RollupSum().addAll(rollups).toRollup().breakdown(dimension);
        long other = Math.max(0, counts.getOrDefault(Rollup.OTHER, 0L));
        List<Item> sorted = counts.entrySet().stream()
                .filter(e -> !e.getKey().equals(Rollup.OTHER) && e.getValue() > 0)
                .map(e -> new Item(e.getKey(), e.getValue()))
                .sorted(LARGEST_FIRST)
                .toList();
        long total = other;
        for (int i = 0; i < sorted.size(); i++) {
            total += sorted.get(i).count();
            if (i >= limit) {
                other += sorted.get(i).count();
            }
        }
        return new Breakdown(range, dimension, total, sorted.subList(0, Math.min(limit, sorted.size())), other);
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("range", range.toJson());
        json.put("dimension", dimension.code());
        json.put("total", total);
        json.put(
                "items",
                items.stream()
                        .map(item -> {
                            Map<String, Object> row = new LinkedHashMap<>();
                            row.put("key", item.key());
                            row.put("count", item.count());
                            return row;
                        })
                        .toList());
        json.put("other", other);
        return json;
    }
}
