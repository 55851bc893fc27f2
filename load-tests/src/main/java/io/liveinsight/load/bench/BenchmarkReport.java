package io.liveinsight.load.bench;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.liveinsight.event.TableNames;
import io.liveinsight.load.check.ActiveSessionProbe;
import io.liveinsight.load.check.TableCheck;
import io.liveinsight.load.cost.CostModel;
import io.liveinsight.load.cost.CostReport;
import io.liveinsight.load.cost.Prices;
import io.liveinsight.load.cost.Workload;
import io.liveinsight.load.replay.Latencies;
import io.liveinsight.load.replay.ReplaySummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Collects the run's figures, derives the per-event ones, judges them against the targets, writes them. */
final class BenchmarkReport {

    static final double TARGET_EVENTS_PER_SHARD = 5_000;
    static final double TARGET_P99_MS = 1_500;
    static final double TARGET_WCU_PER_EVENT = 3.5;
    static final double TARGET_ON_DEMAND_USD = 1.00;
    static final double TARGET_PROVISIONED_USD = 0.50;
    static final double SHARD_RECORDS_PER_SECOND = 1_000;
    static final double SHARD_BYTES_PER_SECOND = 1_048_576;
    /** Session writes per record the consumer handles: root read, conditional root put, ActiveSessions put. */
    static final double SESSION_OPERATIONS_PER_RECORD = 3;

    private final BenchmarkSettings settings;
    private final Map<String, Object> root = new LinkedHashMap<>();
    private final Map<String, Object> figures = new LinkedHashMap<>();
    private String markdown = "";

    BenchmarkReport(BenchmarkSettings settings) {
        this.settings = settings;
        root.put("run_at", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        root.put(
                "command", "./mvnw -B -q -pl load-tests -am -Pbenchmark verify -DskipTests -Dspotless.check.skip=true");
        root.put("settings", settings);
        root.put("figures", figures);
    }

    void machine(Map<String, Object> machine) {
        root.put("machine", machine);
    }

    void put(String key, Object value) {
        figures.put(key, value);
    }

    void throughput(ReplaySummary summary, double endToEndPerSecond) {
        put(
                "throughput",
                Map.of(
                        "events_sent", summary.eventsSent(),
                        "requests", summary.requests(),
                        "accepted", summary.accepted(),
                        "retried", summary.retried(),
                        "failed", summary.failed(),
                        "edge_accepted_events_per_s", round(summary.acceptedPerSecond()),
                        "end_to_end_events_per_s", round(endToEndPerSecond),
                        "request_latency_ms", percentiles(summary.latency())));
    }

    void latency(ReplaySummary background, List<ActiveSessionProbe.Sample> samples) {
        Latencies latencies = new Latencies();
        long lost = 0;
        for (ActiveSessionProbe.Sample sample : samples) {
            if (sample.latencyMs() < 0) {
                lost++;
            } else {
                latencies.add((long) (sample.latencyMs() * 1e6));
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("background_events_per_s", round(background.acceptedPerSecond()));
        out.put("probes", samples.size());
        out.put("probes_not_seen", lost);
        out.put("put_records_to_active_sessions_ms", percentiles(latencies));
        put("latency", out);
    }

    void burst(
            BenchmarkSettings s,
            ReplaySummary summary,
            List<ActiveSessionProbe.Sample> probes,
            List<double[]> behind,
            long burstEndNanos,
            long drainedAfterLastSendNanos) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("base_events_per_s", s.baseRate());
        out.put("burst_events_per_s", s.baseRate() * s.burstFactor());
        out.put("phases_s", List.of(s.beforeSeconds(), s.burstSeconds(), s.afterSeconds()));
        out.put("events_sent", summary.eventsSent());
        out.put("accepted", summary.accepted());
        out.put("rejected", summary.rejected());
        out.put("retried", summary.retried());
        out.put("failed", summary.failed());
        out.put("request_latency_ms", percentiles(summary.latency()));
        out.put("planned_s", s.beforeSeconds() + s.burstSeconds() + s.afterSeconds());
        out.put("sending_took_s", round(summary.elapsedNanos() / 1e9));
        out.put("sender_max_behind_schedule_s", round(summary.maxBehindScheduleMs() / 1000.0));
        double worst = 0;
        double lastBad = Double.NEGATIVE_INFINITY;
        for (ActiveSessionProbe.Sample probe : probes) {
            double at = (probe.ackedAtNanos() - burstEndNanos) / 1e9;
            double latency = probe.latencyMs() < 0 ? Double.POSITIVE_INFINITY : probe.latencyMs();
            worst = Math.max(worst, latency);
            if (latency >= BenchmarkMain.LAG_TARGET_MS) {
                lastBad = Math.max(lastBad, at);
            }
        }
        boolean endsBad = !probes.isEmpty()
                && (probes.get(probes.size() - 1).latencyMs() < 0
                        || probes.get(probes.size() - 1).latencyMs() >= BenchmarkMain.LAG_TARGET_MS);
        out.put("probe_lag_max_ms", Double.isInfinite(worst) ? "not seen within 150 s" : round(worst));
        out.put("lag_under_5s_after_burst_end_s", endsBad ? null : round(Math.max(0, lastBad)));
        double maxBehind = behind.stream().mapToDouble(b -> b[1]).max().orElse(-1);
        out.put("millis_behind_latest_max", maxBehind);
        out.put("all_processed_after_last_answer_s", round(drainedAfterLastSendNanos / 1e9));
        put("burst", out);
    }

    void writeUnits(Map<String, Double> metrics) {
        Map<String, Double> units = new LinkedHashMap<>();
        metrics.forEach((key, value) -> {
            if (key.startsWith(StackMetrics.WRITE_UNITS)) {
                units.put(key.substring(StackMetrics.WRITE_UNITS.length()), value);
            }
        });
        put("write_units_total", units);
        put("events_processed_metric", metrics.getOrDefault(StackMetrics.EVENTS_PROCESSED, 0.0));
    }

    void stream(StreamStats stream) {
        put(
                "stream",
                Map.of(
                        "records", stream.records(),
                        "bytes", stream.bytes(),
                        "events", stream.events(),
                        "undecodable", stream.undecodable()));
    }

    void emulators(EmulatorAlone.Figures alone) {
        put("emulators_alone", alone);
    }

    void check(TableCheck check) {
        put("verification", check);
    }

    @SuppressWarnings("unchecked")
    void finish() {
        root.put("machine_load_average_at_end", Machine.loadAverage());
        TableCheck check = (TableCheck) figures.get("verification");
        Map<String, Object> stream = (Map<String, Object>) figures.get("stream");
        Map<String, Double> units = (Map<String, Double>) figures.get("write_units_total");
        Map<String, Object> throughput = (Map<String, Object>) figures.get("throughput");
        double events = check.storedEvents();
        double records = ((Number) stream.get("records")).doubleValue();
        double bytes = ((Number) stream.get("bytes")).doubleValue();
        double streamEvents = ((Number) stream.get("events")).doubleValue();
        TableNames tables = TableNames.defaults();
        Map<String, Object> perEvent = new LinkedHashMap<>();
        double wcu = units.values().stream().mapToDouble(Double::doubleValue).sum() / events;
        perEvent.put("write_units", round3(wcu));
        for (String table : List.of(tables.events(), tables.sessions(), tables.activeSessions())) {
            perEvent.put("write_units_" + table, round3(units.getOrDefault(table, 0.0) / events));
        }
        double recordsPerEvent = records / streamEvents;
        double bytesPerEvent = bytes / streamEvents;
        perEvent.put("kinesis_records", round3(recordsPerEvent));
        perEvent.put("kinesis_bytes", round(bytesPerEvent));
        perEvent.put("kinesis_bytes_per_record", round(bytes / records));
        double eventsPerRequest = ((Number) throughput.get("events_sent")).doubleValue()
                / Math.max(1, ((Number) throughput.get("requests")).doubleValue());
        perEvent.put("events_per_request", round3(eventsPerRequest));
        double shardCapacity =
                Math.min(SHARD_RECORDS_PER_SECOND / recordsPerEvent, SHARD_BYTES_PER_SECOND / bytesPerEvent);
        perEvent.put("events_per_s_per_shard_capacity", round(shardCapacity));
        figures.put("per_event", perEvent);

        EmulatorAlone.Figures alone = (EmulatorAlone.Figures) figures.get("emulators_alone");
        Map<String, Object> bounds = new LinkedHashMap<>();
        // The edge makes one PutRecords call per request: that call rate, not record capacity, bounds this traffic.
        double kinesisBound = alone.kinesisSmallCallsPerSecond() * eventsPerRequest;
        bounds.put("kinesis_mock_batched_events_per_s", round(alone.kinesisRecordsPerSecond() / recordsPerEvent));
        double eventsTableBound = alone.dynamoDbBatchItemsPerSecond();
        double sessionBound = alone.dynamoDbPutItemsPerSecond() / (SESSION_OPERATIONS_PER_RECORD * recordsPerEvent);
        double dynamoBound = 1 / (1 / eventsTableBound + 1 / sessionBound);
        double measured = ((Number) throughput.get("end_to_end_events_per_s")).doubleValue();
        bounds.put("kinesis_mock_events_per_s", round(kinesisBound));
        bounds.put("dynamodb_local_events_per_s", round(dynamoBound));
        bounds.put("end_to_end_share_of_tightest_bound", round3(measured / Math.min(kinesisBound, dynamoBound)));
        bounds.put("bottleneck", kinesisBound < dynamoBound ? "kinesis-mock" : "DynamoDB Local");
        figures.put("emulator_bounds", bounds);

        Workload workload = new Workload(
                "LiveInsight (measured)",
                eventsPerRequest,
                wcu,
                recordsPerEvent, // one strongly consistent read of the session root (< 4 KB) per session batch
                recordsPerEvent,
                bytes / records,
                Workload.LIVEINSIGHT_LAMBDA_MS,
                Workload.LAMBDA_MEMORY_MB,
                0,
                Workload.EMF_BYTES_PER_REQUEST);
        Map<String, Object> costInputs = new LinkedHashMap<>();
        costInputs.put("events_per_request", eventsPerRequest);
        costInputs.put("write_units_per_event", wcu);
        costInputs.put("read_units_per_event", recordsPerEvent);
        costInputs.put("kinesis_records_per_event", recordsPerEvent);
        costInputs.put("kinesis_bytes_per_record", bytes / records);
        root.put("cost_inputs", costInputs);
        CostModel model =
                new CostModel(Prices.load(), settings.averageEventsPerSecond(), CostModel.DEFAULT_TARGET_UTILIZATION);
        List<CostReport.Row> rows = CostReport.rows(model, workload);
        root.put("cost", CostReport.json(rows));
        markdown = Markdown.render(root, figures, rows, model);
    }

    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        String json = JsonMapper.builder()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .build()
                .writeValueAsString(root);
        Files.writeString(dir.resolve("latest.json"), json + "\n");
        Files.writeString(dir.resolve("latest.md"), markdown);
        String stamp = root.get("run_at").toString().replace(":", "");
        Path history = dir.resolve("history");
        Files.createDirectories(history);
        Files.writeString(history.resolve("benchmark-" + stamp + ".json"), json + "\n");
    }

    String markdown() {
        return markdown;
    }

    static Map<String, Object> percentiles(Latencies latencies) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("count", latencies.count());
        out.put("p50", round(latencies.percentileMs(50)));
        out.put("p90", round(latencies.percentileMs(90)));
        out.put("p99", round(latencies.percentileMs(99)));
        out.put("max", round(latencies.percentileMs(100)));
        return out;
    }

    static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    static double round3(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
