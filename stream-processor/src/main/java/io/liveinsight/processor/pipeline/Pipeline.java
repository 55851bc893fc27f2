package io.liveinsight.processor.pipeline;

import io.liveinsight.event.EventCodec;
import io.liveinsight.event.time.Sleeper;
import io.liveinsight.processor.adapter.dynamodb.DynamoDbEventStore;
import io.liveinsight.processor.adapter.dynamodb.DynamoDbSessionStore;
import io.liveinsight.processor.adapter.dynamodb.DynamoDbStatsStore;
import io.liveinsight.processor.adapter.dynamodb.SessionTables;
import io.liveinsight.processor.adapter.dynamodb.TableGuard;
import io.liveinsight.processor.adapter.kinesis.KinesisDeadLetters;
import io.liveinsight.processor.concurrent.Parallel;
import io.liveinsight.processor.config.ProcessorConfig;
import io.liveinsight.processor.port.DeadLetters;
import io.liveinsight.processor.port.StreamMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * The consumer's core, wired once and shared by both entry points (the KCL application and the Lambda for event
 * source mappings): decode, write durably, report. One {@link TableGuard} per table.
 */
public record Pipeline(RecordDecoder decoder, BatchWriter writer, StreamMetrics metrics) {

    /** Events ledger writes in flight at once, over all shards of this process. */
    public static final int EVENT_WRITES = 32;
    /** Client sessions written at once, over all shards of this process. */
    public static final int SESSION_WRITES = 32;
    /** Rollup items written at once, over all shards of this process. */
    public static final int STATS_WRITES = 16;

    public static Pipeline create(
            ProcessorConfig config,
            DynamoDbClient dynamoDb,
            KinesisClient kinesis,
            StreamMetrics metrics,
            BooleanSupplier stopping) {
        var tables = config.tables();
        TableGuard events = TableGuard.create(tables.events(), config.resilience(), metrics);
        TableGuard sessions = TableGuard.create(tables.sessions(), config.resilience(), metrics);
        TableGuard active = TableGuard.create(tables.activeSessions(), config.resilience(), metrics);
        TableGuard stats = TableGuard.create(tables.stats(), config.resilience(), metrics);
        BatchWriter writer = new BatchWriter(
                new DynamoDbEventStore(dynamoDb, tables.events(), events, metrics, new Parallel(EVENT_WRITES)),
                new DynamoDbSessionStore(
                        new SessionTables(
                                dynamoDb, tables.sessions(), tables.activeSessions(), sessions, active, metrics),
                        Clock.systemUTC()),
                new DynamoDbStatsStore(dynamoDb, tables.stats(), stats, metrics, new Parallel(STATS_WRITES)),
                StatsSetup.rules(config),
                new KinesisDeadLetters(kinesis, config.deadLetterStream()),
                new Parallel(SESSION_WRITES),
                metrics,
                stopping,
                Sleeper.SYSTEM);
        return new Pipeline(new RecordDecoder(new EventCodec()), writer, metrics);
    }

    /**
     * Sends every record of a batch, raw and unchanged, to the dead letters with the reason: the batch failed
     * deterministically (a bug, data that can never be written), so retrying it would stop the shard for good. True
     * once durable, false if the consumer began stopping first (the batch is then left for the next owner).
     */
    public boolean deadLetterAll(List<RecordDecoder.RawRecord> records, String reason) {
        List<DeadLetters.DeadLetter> letters = records.stream()
                .map(record -> new DeadLetters.DeadLetter(
                        record.partitionKey(), record.sequenceNumber(), reason, record.data()))
                .toList();
        if (!writer.deadLetter(letters)) {
            return false;
        }
        metrics.deadLettered(records.size());
        metrics.batchDeadLettered();
        return true;
    }

    /** True once the consumer began stopping. */
    public boolean stopping() {
        return writer.stopping();
    }

    /** Decodes and stores a batch; true once all of it (dead letters included) is durable. */
    public boolean process(List<RecordDecoder.RawRecord> records) {
        long started = System.nanoTime();
        RecordDecoder.Decoded decoded = decoder.decode(records);
        boolean stored = writer.write(decoded.events(), decoded.poison());
        if (stored) {
            metrics.batchSize(records.size());
            metrics.eventsProcessed(decoded.events().size());
            metrics.poisonRecords(decoded.poison().size());
            metrics.deadLettered(decoded.poison().size());
            metrics.processingTime(Duration.ofNanos(System.nanoTime() - started));
        }
        return stored;
    }
}
