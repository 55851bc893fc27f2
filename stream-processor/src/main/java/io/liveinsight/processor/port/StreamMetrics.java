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

    void millisBehindLatest(long millis);

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
        public void millisBehindLatest(long millis) {}
    };
}
