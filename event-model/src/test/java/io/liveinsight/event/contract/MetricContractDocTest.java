package io.liveinsight.event.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.event.docs.MarkdownTables;
import io.liveinsight.event.docs.RepositoryFiles;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Cites docs/contract/metrics.md#metrics: the page lists exactly the metrics of {@link MetricNames}, with their units. */
class MetricContractDocTest {

    private static final String PAGE = RepositoryFiles.read("docs/contract/metrics.md");
    private static final List<Map<String, String>> ROWS = MarkdownTables.under(PAGE, "Metrics");

    @Test
    void metricsTable_namesEveryMetricOfTheContractOnce() {
        List<String> documented =
                ROWS.stream().map(row -> MarkdownTables.plain(row.get("name"))).toList();

        assertThat(documented).doesNotHaveDuplicates();
        assertThat(new TreeSet<>(documented)).isEqualTo(metricNames());
    }

    @Test
    void units_areMillisecondsExactlyWhereTheContractSaysSo() {
        for (Map<String, String> row : ROWS) {
            String name = MarkdownTables.plain(row.get("name"));
            assertThat(row.get("unit")).as(name).isEqualTo(MetricNames.isMilliseconds(name) ? "Milliseconds" : "Count");
        }
    }

    @Test
    void dimensions_areTheContractsDimensions_andEveryMetricHasTheStage() {
        Set<String> known = Set.of(
                MetricNames.STAGE_DIMENSION,
                MetricNames.SERVICE_DIMENSION,
                MetricNames.REASON_DIMENSION,
                MetricNames.TABLE_DIMENSION);
        for (Map<String, String> row : ROWS) {
            List<String> dimensions = new ArrayList<>();
            for (String dimension : row.get("dimensions").split(",")) {
                dimensions.add(MarkdownTables.plain(dimension));
            }
            assertThat(known).as(row.get("name")).containsAll(dimensions);
            assertThat(dimensions).as(row.get("name")).contains(MetricNames.STAGE_DIMENSION);
        }
        assertThat(PAGE)
                .contains("namespace `" + MetricNames.NAMESPACE + "`")
                .contains("`Service` is `" + MetricNames.INGEST_SERVICE + "`");
    }

    /** The values of MetricNames' constants that name metrics (not the namespace, dimensions or their values). */
    private static Set<String> metricNames() {
        Set<String> names = new TreeSet<>();
        for (Field field : MetricNames.class.getFields()) {
            boolean constant = Modifier.isStatic(field.getModifiers()) && field.getType() == String.class;
            boolean metric = !field.getName().equals("NAMESPACE")
                    && !field.getName().endsWith("_DIMENSION")
                    && !field.getName().equals("INGEST_SERVICE");
            if (constant && metric) {
                try {
                    names.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return names;
    }
}
