package io.liveinsight.load.bench;

import static io.liveinsight.load.bench.BenchmarkReport.fmt;

import io.liveinsight.load.check.TableCheck;
import io.liveinsight.load.cost.CostModel;
import io.liveinsight.load.cost.CostReport;
import java.util.List;
import java.util.Map;

/** The results as the README shows them: figures against the targets, the emulators alone, the cost. */
final class Markdown {

    private Markdown() {}

    @SuppressWarnings("unchecked")
    static String render(Map<String, Object> root, Map<String, Object> f, List<CostReport.Row> rows, CostModel model) {
        Map<String, Object> machine = (Map<String, Object>) root.get("machine");
        Map<String, Object> throughput = (Map<String, Object>) f.get("throughput");
        Map<String, Object> latency = (Map<String, Object>) f.get("latency");
        Map<String, Object> probe = (Map<String, Object>) latency.get("put_records_to_active_sessions_ms");
        Map<String, Object> burst = (Map<String, Object>) f.get("burst");
        Map<String, Object> perEvent = (Map<String, Object>) f.get("per_event");
        Map<String, Object> bounds = (Map<String, Object>) f.get("emulator_bounds");
        EmulatorAlone.Figures alone = (EmulatorAlone.Figures) f.get("emulators_alone");
        TableCheck check = (TableCheck) f.get("verification");
        double onDemand = total(rows, CostModel.Api.HTTP, CostModel.Tables.ON_DEMAND, false);
        double provisioned = total(rows, CostModel.Api.HTTP, CostModel.Tables.PROVISIONED, false);
        Object recovered = burst.get("lag_under_5s_after_burst_end_s");
        double p99 = ((Number) probe.get("p99")).doubleValue();
        double wcu = ((Number) perEvent.get("write_units")).doubleValue();
        double perShard = ((Number) perEvent.get("events_per_s_per_shard_capacity")).doubleValue();

        StringBuilder out = new StringBuilder();
        out.append(fmt(
                "Run %s on %s, %s cores, %s; load average %s at start, %s at end.%n%n",
                root.get("run_at"),
                machine.get("cpu"),
                machine.get("cores"),
                machine.get("jdk"),
                machine.get("load_average_at_start"),
                root.get("machine_load_average_at_end")));
        out.append("| figure | measured | target | met |\n|---|---|---|---|\n");
        row(
                out,
                "sustained accepted events/s, end to end (edge to all three tables)",
                fmt(
                        "%,.0f (the edge alone took %,.0f/s)",
                        throughput.get("end_to_end_events_per_s"), throughput.get("edge_accepted_events_per_s")),
                "",
                "");
        row(
                out,
                "events/s per Kinesis shard of capacity (record packing)",
                fmt("%,.0f", perShard),
                ">= 5,000",
                yes(perShard >= BenchmarkReport.TARGET_EVENTS_PER_SHARD));
        row(
                out,
                fmt(
                        "PutRecords to ActiveSessions, p50 / p99 (%s probes at %s background events/s)",
                        latency.get("probes"), latency.get("background_events_per_s")),
                fmt("%s ms / %s ms", probe.get("p50"), probe.get("p99")),
                "p99 <= 1,500 ms",
                yes(p99 > 0 && p99 <= BenchmarkReport.TARGET_P99_MS));
        row(
                out,
                "DynamoDB write units per event (Events / Sessions / ActiveSessions)",
                fmt(
                        "%.2f (%s / %s / %s)",
                        wcu,
                        perEvent.get("write_units_LiveInsight-Events"),
                        perEvent.get("write_units_LiveInsight-Sessions"),
                        perEvent.get("write_units_LiveInsight-ActiveSessions")),
                "<= 3.5",
                yes(wcu <= BenchmarkReport.TARGET_WCU_PER_EVENT));
        row(
                out,
                "Kinesis records / bytes per event",
                fmt(
                        "%s / %s (%s events a request, %s bytes a record)",
                        perEvent.get("kinesis_records"),
                        perEvent.get("kinesis_bytes"),
                        perEvent.get("events_per_request"),
                        perEvent.get("kinesis_bytes_per_record")),
                "",
                "");
        row(
                out,
                fmt(
                        "burst %s -> %s events/s for %s s: sent / accepted / stored exactly once",
                        burst.get("base_events_per_s"),
                        burst.get("burst_events_per_s"),
                        ((List<?>) burst.get("phases_s")).get(1)),
                fmt(
                        "%,d / %,d / %s (the sender ran up to %s s behind its schedule)",
                        burst.get("events_sent"),
                        burst.get("accepted"),
                        check.passed() ? "all, once" : "NOT all: see verification",
                        burst.get("sender_max_behind_schedule_s")),
                "nothing lost",
                yes(check.passed() && burst.get("events_sent").equals(burst.get("accepted"))));
        row(
                out,
                "burst: lag back under 5 s after the burst ends (probe max lag; KCL MillisBehindLatest max)",
                recovered == null
                        ? "not within the run"
                        : fmt(
                                "%s s (%s ms; %s ms)",
                                recovered, burst.get("probe_lag_max_ms"), burst.get("millis_behind_latest_max")),
                "<= 120 s",
                yes(recovered != null && ((Number) recovered).doubleValue() <= 120));
        row(
                out,
                "every event sent in Events exactly once; every session's aggregates as recorded; ActiveSessions current",
                fmt(
                        "%,d events, %,d sessions: %d missing, %d duplicated, %d unexpected, %d sessions differ, %d active"
                                + " sessions stale",
                        check.expectedEvents(),
                        check.sessionsChecked(),
                        check.missing(),
                        check.duplicated(),
                        check.unexpected(),
                        check.sessionsMismatched(),
                        check.activeStale()),
                "all",
                yes(check.passed()));
        row(
                out,
                "USD per million events, HTTP API, on-demand tables",
                fmt("%.2f", onDemand),
                "<= 1.00",
                yes(onDemand <= BenchmarkReport.TARGET_ON_DEMAND_USD));
        row(
                out,
                "USD per million events, HTTP API, provisioned tables",
                fmt("%.2f", provisioned),
                "<= 0.50",
                yes(provisioned <= BenchmarkReport.TARGET_PROVISIONED_USD));
        row(
                out,
                "USD per million events, original design (REST, on-demand)",
                fmt("%.2f", total(rows, CostModel.Api.REST, CostModel.Tables.ON_DEMAND, true)),
                "(planned 11-19)",
                "");

        out.append("\nThe emulators alone (the stack idle; record size as measured):\n\n");
        out.append("| engine, call shape | alone | as events/s of this traffic |\n|---|---|---|\n");
        out.append(fmt(
                "| kinesis-mock, PutRecords of 1 x %d B, %d calls in flight (the edge's shape: one call a request)"
                        + " | %,.0f calls/s | %,.0f |%n",
                alone.recordBytes(),
                EmulatorAlone.EDGE_LIKE_THREADS,
                alone.kinesisSmallCallsPerSecond(),
                bounds.get("kinesis_mock_events_per_s")));
        out.append(fmt(
                "| kinesis-mock, PutRecords of 500 x %d B, 2 in flight | %,.0f records/s (%.1f MB/s) | %,.0f |%n",
                alone.recordBytes(),
                alone.kinesisRecordsPerSecond(),
                alone.kinesisMegabytesPerSecond(),
                bounds.get("kinesis_mock_batched_events_per_s")));
        out.append(fmt(
                "| DynamoDB Local, BatchWriteItem of 25 (Events-like, 2 GSIs) / PutItem, 2 in flight"
                        + " | %,.0f items/s / %,.0f puts/s | %,.0f |%n",
                alone.dynamoDbBatchItemsPerSecond(),
                alone.dynamoDbPutItemsPerSecond(),
                bounds.get("dynamodb_local_events_per_s")));
        out.append(fmt(
                "%nEnd to end reached %,.0f events/s: %.0f%% of the tightest bound (%s).%n%n",
                throughput.get("end_to_end_events_per_s"),
                ((Number) bounds.get("end_to_end_share_of_tightest_bound")).doubleValue() * 100,
                bounds.get("bottleneck")));
        out.append(CostReport.markdown(model, rows));
        return out.toString();
    }

    private static double total(
            List<CostReport.Row> rows, CostModel.Api api, CostModel.Tables tables, boolean original) {
        return rows.stream()
                .filter(r ->
                        r.api() == api && r.tables() == tables && r.design().startsWith("original") == original)
                .findFirst()
                .orElseThrow()
                .total();
    }

    private static void row(StringBuilder out, String figure, String measured, String target, String met) {
        out.append("| ")
                .append(figure)
                .append(" | ")
                .append(measured)
                .append(" | ")
                .append(target)
                .append(" | ")
                .append(met)
                .append(" |\n");
    }

    private static String yes(boolean met) {
        return met ? "yes" : "**no**";
    }
}
