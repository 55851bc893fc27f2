package io.liveinsight.load.cost;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Our design as measured (HTTP and REST, on-demand and provisioned), issue 13's heartbeat mix as our tracker sends
 * it and the same with one heartbeat a request (HTTP), and the original, as rows and as Markdown.
 */
public final class CostReport {

    /** One priced variant. */
    public record Row(String design, CostModel.Api api, CostModel.Tables tables, Map<String, Double> usdPerMillion) {
        public double total() {
            return usdPerMillion.get("total");
        }
    }

    private CostReport() {}

    public static List<Row> rows(CostModel model, Workload measured) {
        List<Row> rows = new ArrayList<>();
        for (CostModel.Tables tables : CostModel.Tables.values()) {
            for (CostModel.Api api : CostModel.Api.values()) {
                rows.add(new Row(measured.name(), api, tables, model.perMillionEvents(measured, api, tables)));
            }
        }
        for (Workload mix : List.of(Workload.heartbeatMix(), Workload.heartbeatMixOneBeatPerRequest())) {
            for (CostModel.Tables tables : CostModel.Tables.values()) {
                rows.add(new Row(
                        mix.name(),
                        CostModel.Api.HTTP,
                        tables,
                        model.perMillionEvents(mix, CostModel.Api.HTTP, tables)));
            }
        }
        Workload original = Workload.original();
        for (CostModel.Tables tables : CostModel.Tables.values()) {
            rows.add(new Row(
                    original.name(),
                    CostModel.Api.REST,
                    tables,
                    model.perMillionEvents(original, CostModel.Api.REST, tables)));
        }
        return rows;
    }

    public static String markdown(CostModel model, List<Row> rows) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "USD per million events, %s prices of %s; hourly capacity spread at %,.0f events/s on average,"
                        + " provisioned tables at %.0f%% utilization.%n%n",
                model.prices().region(),
                model.prices().asOf(),
                model.averageEventsPerSecond(),
                model.targetUtilization() * 100));
        out.append("| design | API | tables | API Gateway | Lambda | Kinesis | DynamoDB | CloudWatch | **total** |\n");
        out.append("|---|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (Row row : rows) {
            Map<String, Double> c = row.usdPerMillion();
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %s | %.3f | %.3f | %.3f | %.3f | %.3f | **%.2f** |%n",
                    row.design(),
                    row.api(),
                    row.tables().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                    c.get("api_gateway"),
                    c.get("lambda"),
                    c.get("kinesis"),
                    c.get("dynamodb"),
                    c.get("cloudwatch"),
                    row.total()));
        }
        return out.toString();
    }

    /** Rows as plain maps, for the results JSON. */
    public static List<Map<String, Object>> json(List<Row> rows) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Row row : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("design", row.design());
            m.put("api", row.api().name());
            m.put("tables", row.tables().name());
            m.put("usd_per_million_events", row.usdPerMillion());
            out.add(m);
        }
        return out;
    }
}
