package io.liveinsight.load.cost;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Dollars per million events from per-event figures and published prices. Capacity that is billed by the hour
 * (Kinesis shards, provisioned tables) is spread over the events of an hour at {@code averageEventsPerSecond}, with
 * provisioned tables sized for {@code targetUtilization}.
 */
public final class CostModel {

    public static final double DEFAULT_EVENTS_PER_SECOND = 1_000;
    public static final double DEFAULT_TARGET_UTILIZATION = 0.7;
    static final double SHARD_RECORDS_PER_SECOND = 1_000;
    static final double SHARD_BYTES_PER_SECOND = 1_048_576;
    static final double PUT_PAYLOAD_UNIT_BYTES = 25 * 1024;

    public enum Api {
        HTTP("api_gateway_http_per_million_requests"),
        REST("api_gateway_rest_per_million_requests");

        final String price;

        Api(String price) {
            this.price = price;
        }
    }

    public enum Tables {
        ON_DEMAND,
        PROVISIONED
    }

    private final Prices prices;
    private final double averageEventsPerSecond;
    private final double targetUtilization;

    public CostModel(Prices prices, double averageEventsPerSecond, double targetUtilization) {
        if (averageEventsPerSecond <= 0 || targetUtilization <= 0 || targetUtilization > 1) {
            throw new IllegalArgumentException("a positive average rate and a utilization in (0, 1]");
        }
        this.prices = prices;
        this.averageEventsPerSecond = averageEventsPerSecond;
        this.targetUtilization = targetUtilization;
    }

    /** Line items in dollars per million events, in a stable order, ending with {@code total}. */
    public Map<String, Double> perMillionEvents(Workload w, Api api, Tables tables) {
        Map<String, Double> lines = new LinkedHashMap<>();
        double requestsPerMillion = 1e6 / w.eventsPerRequest();
        lines.put("api_gateway", requestsPerMillion / 1e6 * prices.get(api.price));
        double gbSeconds = w.lambdaMemoryMb() / 1024.0 * w.lambdaMsPerRequest() / 1000.0;
        lines.put(
                "lambda",
                requestsPerMillion / 1e6 * prices.get("lambda_per_million_requests")
                        + requestsPerMillion * gbSeconds * prices.get("lambda_per_gb_second"));
        lines.put("kinesis", kinesis(w));
        lines.put("dynamodb", tables == Tables.ON_DEMAND ? onDemand(w) : provisioned(w));
        lines.put(
                "cloudwatch",
                w.putMetricDataPerEvent() * 1e6 / 1_000 * prices.get("cloudwatch_per_thousand_put_metric_data_requests")
                        + requestsPerMillion
                                * w.logBytesPerRequest()
                                / 1e9
                                * prices.get("cloudwatch_logs_per_gb_ingested"));
        lines.put(
                "total",
                lines.values().stream().mapToDouble(Double::doubleValue).sum());
        return lines;
    }

    private double kinesis(Workload w) {
        if (w.kinesisRecordsPerEvent() == 0) {
            return 0;
        }
        double recordsPerSecond = averageEventsPerSecond * w.kinesisRecordsPerEvent();
        double shards = Math.max(
                1,
                Math.ceil(Math.max(
                        recordsPerSecond / SHARD_RECORDS_PER_SECOND,
                        recordsPerSecond * w.kinesisBytesPerRecord() / SHARD_BYTES_PER_SECOND)));
        double shardCost = shards * prices.get("kinesis_shard_hour") / eventsPerHour() * 1e6;
        double units = Math.max(1, Math.ceil(w.kinesisBytesPerRecord() / PUT_PAYLOAD_UNIT_BYTES));
        double putCost = w.kinesisRecordsPerEvent() * units * prices.get("kinesis_per_million_put_payload_units");
        return shardCost + putCost;
    }

    private double onDemand(Workload w) {
        return w.writeUnitsPerEvent() * prices.get("dynamodb_on_demand_per_million_write_request_units")
                + w.readUnitsPerEvent() * prices.get("dynamodb_on_demand_per_million_read_request_units");
    }

    private double provisioned(Workload w) {
        double wcu = w.writeUnitsPerEvent() * averageEventsPerSecond / targetUtilization;
        double rcu = w.readUnitsPerEvent() * averageEventsPerSecond / targetUtilization;
        double perHour =
                wcu * prices.get("dynamodb_provisioned_wcu_hour") + rcu * prices.get("dynamodb_provisioned_rcu_hour");
        return perHour / eventsPerHour() * 1e6;
    }

    private double eventsPerHour() {
        return averageEventsPerSecond * 3600;
    }

    public double averageEventsPerSecond() {
        return averageEventsPerSecond;
    }

    public double targetUtilization() {
        return targetUtilization;
    }

    public Prices prices() {
        return prices;
    }
}
