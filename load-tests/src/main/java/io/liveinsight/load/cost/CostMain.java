package io.liveinsight.load.cost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.liveinsight.load.cli.Args;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code cost [--results load-tests/results/latest.json] [--events-per-second 1000] [--utilization 0.7]}, or the
 * figures by hand: {@code --events-per-request 5 --wcu 3 --rcu 0.2 --records 0.2 --record-bytes 2000}.
 */
public final class CostMain {

    private CostMain() {}

    public static void main(String[] argv) throws Exception {
        Args args = Args.parse(argv);
        CostModel model = new CostModel(
                Prices.load(),
                args.doubleValue("events-per-second", CostModel.DEFAULT_EVENTS_PER_SECOND),
                args.doubleValue("utilization", CostModel.DEFAULT_TARGET_UTILIZATION));
        Workload measured;
        if (args.has("wcu")) {
            measured = new Workload(
                    "LiveInsight (given)",
                    args.doubleValue("events-per-request", 5),
                    args.doubleValue("wcu", 3),
                    args.doubleValue("rcu", 0.2),
                    args.doubleValue("records", 0.2),
                    args.doubleValue("record-bytes", 2000),
                    Workload.LIVEINSIGHT_LAMBDA_MS,
                    Workload.LAMBDA_MEMORY_MB,
                    0,
                    Workload.EMF_BYTES_PER_REQUEST);
        } else {
            Path results = Path.of(args.value("results", "load-tests/results/latest.json"));
            measured = fromResults(JsonMapper.builder().build().readTree(Files.readString(results)));
        }
        System.out.print(CostReport.markdown(model, CostReport.rows(model, measured)));
    }

    /** The measured figures of a benchmark's results JSON ({@code cost_inputs}). */
    static Workload fromResults(JsonNode root) {
        JsonNode in = root.path("cost_inputs");
        return new Workload(
                "LiveInsight (measured)",
                in.path("events_per_request").asDouble(),
                in.path("write_units_per_event").asDouble(),
                in.path("read_units_per_event").asDouble(),
                in.path("kinesis_records_per_event").asDouble(),
                in.path("kinesis_bytes_per_record").asDouble(),
                Workload.LIVEINSIGHT_LAMBDA_MS,
                Workload.LAMBDA_MEMORY_MB,
                0,
                Workload.EMF_BYTES_PER_REQUEST);
    }
}
