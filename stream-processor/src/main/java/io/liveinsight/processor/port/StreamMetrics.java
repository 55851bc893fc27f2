package io.liveinsight.processor.port;

import java.time.Duration;

/** What the consumer reports (CloudWatch namespace {@code LiveInsight}); recording never fails or blocks. */
public interface StreamMetrics {

    void eventsProcessed(int count);

    void processingTime(Duration duration);

    void batchSize(int records);

    void poisonRecords(int count);

    void deadLettered(int count);

    void throttled(String table);

    void retryAttempt(String table);

    void writeUnits(String table, double units);

    /** A whole batch went to the dead letters after a deterministic failure (its records: {@link #deadLettered}). */
    void batchDeadLettered();

    /**
     * A store refused a write for a reason that retrying alone cannot fix (AccessDenied, ResourceNotFound, bad
     * credentials): the consumer holds the checkpoint and says so in {@code /health} until {@link #storeRecovered}.
     * The latest reason per table is kept.
     */
    void storeMisconfigured(String table, String reason);

    /** A write to the table succeeded again: any misconfiguration reported for it is over. */
    void storeRecovered(String table);

    StreamMetrics NONE = new StreamMetrics() {
        @Override
        public void eventsProcessed(int count) {}

        @Override
        public void processingTime(Duration duration) {}

        @Override
        public void batchSize(int records) {}

        @Override
        public void poisonRecords(int count) {}

        @Override
        public void deadLettered(int count) {}

        @Override
        public void throttled(String table) {}

        @Override
        public void retryAttempt(String table) {}

        @Override
        public void writeUnits(String table, double units) {}

        @Override
        public void batchDeadLettered() {}

        @Override
        public void storeMisconfigured(String table, String reason) {}

        @Override
        public void storeRecovered(String table) {}
    };
}
