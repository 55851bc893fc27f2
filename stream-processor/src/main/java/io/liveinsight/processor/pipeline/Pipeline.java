package io.liveinsight.processor.pipeline;

import io.liveinsight.event.EventCodec;
import io.liveinsight.event.site.SiteId;
import io.liveinsight.event.time.Sleeper;
import io.liveinsight.processor.adapter.dynamodb.DynamoDbDayStore;
import io.liveinsight.processor.adapter.dynamodb.DynamoDbEventStore;
import io.liveinsight.processor.adapter.dynamodb.DynamoDbSessionStore;
import io.liveinsight.processor.adapter.dynamodb.DynamoDbStatsStore;
import io.liveinsight.processor.adapter.dynamodb.SessionTables;
import io.liveinsight.processor.adapter.dynamodb.TableGuard;
import io.liveinsight.processor.adapter.kinesis.KinesisDeadLetters;
import io.liveinsight.processor.adapter.useragent.YauaaUserAgentParser;
import io.liveinsight.processor.concurrent.Parallel;
import io.liveinsight.processor.config.ProcessorConfig;
import io.liveinsight.processor.domain.stats.StatsRules;
import io.liveinsight.processor.port.DeadLetters;
import io.liveinsight.processor.port.StatsStore;
import io.liveinsight.processor.port.StreamMetrics;
import io.liveinsight.processor.port.UserAgentParser;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * The consumer's core, wired once and shared by both entry points (the KCL application and the Lambda for event
 * source mappings): decode, enrich, write durably, report; and the day items' finalizer, which the doors tell when
 * they take a shard and call between batches. One {@link TableGuard} per table, one user-agent parser per process
 * ({@link YauaaUserAgentParser#shared}: its rules load once, in seconds, when the first pipeline is built at start-up,
 * not on the first event).
 */
public record Pipeline(RecordDecoder decoder, BatchWriter writer, StreamMetrics metrics, DayFinalizer days) {

    /** A pipeline that writes no day items (its writer's rollups, if any, are hour items only). */
    public Pipeline(RecordDecoder decoder, BatchWriter writer, StreamMetrics metrics) {
        this(decoder, writer, metrics, DayFinalizer.none(StatsStore.NONE));
    }

    /** Events ledger writes in flight at once, over all shards of this process. */
    public static final int EVENT_WRITES = 32;
    /** Client sessions written at once, over all shards of this process. */
    public static final int SESSION_WRITES = 32;
    /** Rollup items written at once, over all shards of this process. */
    public static final int STATS_WRITES = 16;
    /** Hour items read at once to finish day items, over all shards of this process: a day's 24. */
    public static final int DAY_READS = 24;

    public static Pipeline create(
            ProcessorConfig config,
            DynamoDbClient dynamoDb,
            KinesisClient kinesis,
            StreamMetrics metrics,
            BooleanSupplier stopping) {
        return create(config, dynamoDb, kinesis, metrics, stopping, YauaaUserAgentParser.shared(), Clock.systemUTC());
    }

    /** @param clock the time the session store and the day finalizer go by */
    public static Pipeline create(
            ProcessorConfig config,
            DynamoDbClient dynamoDb,
            KinesisClient kinesis,
            StreamMetrics metrics,
            BooleanSupplier stopping,
            Clock clock) {
        return create(config, dynamoDb, kinesis, metrics, stopping, YauaaUserAgentParser.shared(), clock);
    }

    /**
     * @param parser the process's one parser, shared by the Events and Sessions writes and the rollups
     * @param clock the time the session store and the day finalizer go by
     */
    public static Pipeline create(
            ProcessorConfig config,
            DynamoDbClient dynamoDb,
            KinesisClient kinesis,
            StreamMetrics metrics,
            BooleanSupplier stopping,
            UserAgentParser parser,
            Clock clock) {
        var tables = config.tables();
        TableGuard events = TableGuard.create(tables.events(), config.resilience(), metrics);
        TableGuard sessions = TableGuard.create(tables.sessions(), config.resilience(), metrics);
        TableGuard active = TableGuard.create(tables.activeSessions(), config.resilience(), metrics);
        TableGuard stats = TableGuard.create(tables.stats(), config.resilience(), metrics);
        StatsRules rules = StatsSetup.rules(config, parser);
        DayFinalizer days = new DayFinalizer(
                new DynamoDbStatsStore(dynamoDb, tables.stats(), stats, metrics, new Parallel(STATS_WRITES)),
                new DynamoDbDayStore(dynamoDb, tables.stats(), stats, metrics, new Parallel(DAY_READS)),
                SiteId.DEFAULT,
                clock);
        BatchWriter writer = new BatchWriter(
                new DynamoDbEventStore(dynamoDb, tables.events(), events, metrics, new Parallel(EVENT_WRITES), parser),
                new DynamoDbSessionStore(
                        new SessionTables(
                                dynamoDb,
                                tables.sessions(),
                                tables.activeSessions(),
                                sessions,
                                active,
                                metrics,
                                parser),
                        clock),
                days,
                rules,
                new KinesisDeadLetters(kinesis, config.deadLetterStream()),
                new Parallel(SESSION_WRITES),
                metrics,
                stopping,
                Sleeper.SYSTEM);
        return new Pipeline(new RecordDecoder(new EventCodec()), writer, metrics, days);
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
