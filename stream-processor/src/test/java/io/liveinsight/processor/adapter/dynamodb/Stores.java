package io.liveinsight.processor.adapter.dynamodb;

import io.liveinsight.event.Event;
import io.liveinsight.event.TableNames;
import io.liveinsight.local.engines.LocalAws;
import io.liveinsight.processor.adapter.useragent.YauaaUserAgentParser;
import io.liveinsight.processor.concurrent.Parallel;
import io.liveinsight.processor.config.ResilienceSettings;
import io.liveinsight.processor.domain.PositionedEvent;
import io.liveinsight.processor.domain.RecordPosition;
import io.liveinsight.processor.port.StreamMetrics;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** Stores on the local engines with default resilience and the process's user-agent parser, for adapter tests. */
final class Stores {

    /** Tests use event times near the epoch; the store leaves out projections of sessions expired by its clock. */
    static final Clock EPOCH = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);

    private Stores() {}

    static DynamoDbSessionStore sessionStore(LocalAws aws, TableNames tables) {
        return sessionStore(aws, tables, StreamMetrics.NONE);
    }

    static DynamoDbSessionStore sessionStore(LocalAws aws, TableNames tables, StreamMetrics metrics) {
        return sessionStore(aws, tables, metrics, EPOCH);
    }

    static DynamoDbSessionStore sessionStore(LocalAws aws, TableNames tables, StreamMetrics metrics, Clock clock) {
        return new DynamoDbSessionStore(
                new SessionTables(
                        aws.dynamoDb(),
                        tables.sessions(),
                        tables.activeSessions(),
                        TableGuard.create(tables.sessions(), ResilienceSettings.DEFAULTS, metrics),
                        TableGuard.create(tables.activeSessions(), ResilienceSettings.DEFAULTS, metrics),
                        metrics,
                        YauaaUserAgentParser.shared()),
                clock);
    }

    static DynamoDbStatsStore statsStore(LocalAws aws, TableNames tables, StreamMetrics metrics) {
        return new DynamoDbStatsStore(
                aws.dynamoDb(),
                tables.stats(),
                TableGuard.create(tables.stats(), ResilienceSettings.DEFAULTS, metrics),
                metrics,
                new Parallel(8));
    }

    static DynamoDbEventStore eventStore(LocalAws aws, TableNames tables) {
        return new DynamoDbEventStore(
                aws.dynamoDb(),
                tables.events(),
                TableGuard.create(tables.events(), ResilienceSettings.DEFAULTS, StreamMetrics.NONE),
                StreamMetrics.NONE,
                new Parallel(8),
                YauaaUserAgentParser.shared());
    }

    /** The events as carried by record {@code sequence} of shard 0, first stored by it. */
    static List<PositionedEvent> at(long sequence, List<Event> events) {
        RecordPosition position = RecordPosition.of("shardId-000000000000", Long.toString(sequence));
        return events.stream().map(e -> new PositionedEvent(e, position, false)).toList();
    }
}
