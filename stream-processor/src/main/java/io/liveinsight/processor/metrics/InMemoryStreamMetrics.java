package io.liveinsight.processor.metrics;

import io.liveinsight.event.contract.MetricNames;
import io.liveinsight.processor.port.StreamMetrics;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.function.DoubleSupplier;

/**
 * Accumulates metrics in memory, lock-free: what {@code /metrics} shows locally and what the CloudWatch publisher
 * drains and sends in batches. Sums for counters, keyed {@code Name} or {@code Name|Table}; gauges are read when
 * drained or totalled (so a value that grows while nothing reports, such as the age of a stuck batch, is current).
 * Also keeps the stores that reported themselves misconfigured, for {@code /health}.
 */
public final class InMemoryStreamMetrics implements StreamMetrics {

    private final Map<String, DoubleAdder> sums = new ConcurrentHashMap<>();
    private final Map<String, DoubleAdder> totals = new ConcurrentHashMap<>();
    private final Map<String, DoubleSupplier> gauges = new ConcurrentHashMap<>();
    private final Map<String, String> misconfigured = new ConcurrentHashMap<>();

    @Override
    public void eventsProcessed(int count) {
        add(MetricNames.EVENTS_PROCESSED, count);
    }

    @Override
    public void processingTime(Duration duration) {
        add(MetricNames.PROCESSING_TIME, duration.toNanos() / 1e6);
    }

    @Override
    public void batchSize(int records) {
        add(MetricNames.BATCH_SIZE, records);
    }

    @Override
    public void poisonRecords(int count) {
        add(MetricNames.POISON_RECORDS, count);
    }

    @Override
    public void deadLettered(int count) {
        add(MetricNames.DEAD_LETTERED, count);
    }

    @Override
    public void throttled(String table) {
        add(MetricNames.DYNAMODB_THROTTLES + "|" + table, 1);
    }

    @Override
    public void retryAttempt(String table) {
        add(MetricNames.RETRY_ATTEMPTS + "|" + table, 1);
    }

    @Override
    public void writeUnits(String table, double units) {
        add(MetricNames.WRITE_UNITS + "|" + table, units);
    }

    @Override
    public void batchDeadLettered() {
        add(MetricNames.BATCHES_DEAD_LETTERED, 1);
    }

    @Override
    public void storeMisconfigured(String table, String reason) {
        misconfigured.put(table, reason == null ? "" : reason);
    }

    @Override
    public void storeRecovered(String table) {
        misconfigured.remove(table);
    }

    /** The tables that reported themselves misconfigured and have not recovered since, with the latest reason. */
    public Map<String, String> misconfiguredStores() {
        return new TreeMap<>(misconfigured);
    }

    /** A gauge named {@code name}, read each time the metrics are drained or totalled; replaces one of that name. */
    public void gauge(String name, DoubleSupplier value) {
        gauges.put(name, value);
    }

    private void add(String key, double value) {
        sums.computeIfAbsent(key, k -> new DoubleAdder()).add(value);
        totals.computeIfAbsent(key, k -> new DoubleAdder()).add(value);
    }

    /** Sums since the last drain plus current gauges, resetting the sums (for the publisher). */
    public Map<String, Double> drain() {
        Map<String, Double> out = new TreeMap<>();
        sums.forEach((key, adder) -> {
            double value = adder.sumThenReset();
            if (value != 0) {
                out.put(key, value);
            }
        });
        readGauges(out);
        return out;
    }

    /** Totals since start plus current gauges (for {@code /metrics} and tests); does not reset anything. */
    public Map<String, Double> totals() {
        Map<String, Double> out = new TreeMap<>();
        totals.forEach((key, adder) -> out.put(key, adder.sum()));
        readGauges(out);
        return out;
    }

    private void readGauges(Map<String, Double> out) {
        gauges.forEach((key, value) -> out.put(key, value.getAsDouble()));
    }

    public double total(String key) {
        DoubleAdder adder = totals.get(key);
        return adder == null ? 0 : adder.sum();
    }
}
