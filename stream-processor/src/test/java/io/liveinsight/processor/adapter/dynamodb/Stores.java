package io.liveinsight.processor.adapter.dynamodb;

import io.liveinsight.event.TableNames;
import io.liveinsight.local.engines.LocalAws;
import io.liveinsight.processor.config.ResilienceSettings;
import io.liveinsight.processor.port.StreamMetrics;

/** Stores on the local engines with default resilience, for adapter tests. */
final class Stores {

    private Stores() {}

    static DynamoDbSessionStore sessionStore(LocalAws aws, TableNames tables) {
        return new DynamoDbSessionStore(
                aws.dynamoDb(),
                tables.sessions(),
                tables.activeSessions(),
                TableGuard.create(tables.sessions(), ResilienceSettings.DEFAULTS, StreamMetrics.NONE),
                TableGuard.create(tables.activeSessions(), ResilienceSettings.DEFAULTS, StreamMetrics.NONE),
                StreamMetrics.NONE);
    }

    static DynamoDbEventStore eventStore(LocalAws aws, TableNames tables) {
        return new DynamoDbEventStore(
                aws.dynamoDb(),
                tables.events(),
                TableGuard.create(tables.events(), ResilienceSettings.DEFAULTS, StreamMetrics.NONE),
                StreamMetrics.NONE);
    }
}
