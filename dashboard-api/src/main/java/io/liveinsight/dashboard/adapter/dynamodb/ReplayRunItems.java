package io.liveinsight.dashboard.adapter.dynamodb;

import static io.liveinsight.event.contract.ItemAttributes.EXPIRES_AT;
import static io.liveinsight.event.contract.ItemAttributes.STATS_KEY;
import static io.liveinsight.event.contract.ItemAttributes.STATS_SHARD;

import io.liveinsight.dashboard.domain.ReplayRun;
import io.liveinsight.dashboard.port.ReadMetrics;
import io.liveinsight.event.replay.ReplayLane;
import io.liveinsight.event.site.SiteId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * The replay runs the processor lists in the Stats table (docs/contract/replay.md#where-a-run-shows): one item per run
 * under {@code pk = <site>#runs}, {@code sk = <run>}, with {@code first_at} and {@code last_at} (epoch ms). One Query
 * of that partition, every page (a run item is a few dozen bytes: a page of 1 MB holds thousands), leaving out items
 * past their {@code expires_at} that TTL has not deleted yet. An item that is not a run as written (an invalid run
 * id, a missing time) is left out and counted in the log, never shown.
 */
final class ReplayRunItems {

    /** The partition of a site's run items. */
    static final String SUFFIX = "#runs";

    static final String FIRST_AT = "first_at";
    static final String LAST_AT = "last_at";

    private static final Logger LOG = LoggerFactory.getLogger(ReplayRunItems.class);

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final ReadMetrics metrics;

    ReplayRunItems(DynamoDbClient dynamoDb, String table, ReadMetrics metrics) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.metrics = metrics;
    }

    static String partition(String site) {
        return site + SUFFIX;
    }

    List<ReplayRun> read(String site, long nowMillis) {
        String partition = partition(SiteId.require(site));
        Map<String, AttributeValue> values = Map.of(
                ":k", AttributeValue.fromS(partition),
                ":now", AttributeValue.fromN(Long.toString(Math.floorDiv(nowMillis, 1000L))));
        Map<String, String> names =
                Map.of("#k", STATS_KEY, "#s", STATS_SHARD, "#f", FIRST_AT, "#l", LAST_AT, "#x", EXPIRES_AT);
        List<ReplayRun> runs = new ArrayList<>();
        int malformed = 0;
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> exclusiveStart = start;
            QueryResponse response;
            try {
                response = dynamoDb.query(r -> r.tableName(table)
                        .keyConditionExpression("#k = :k")
                        .filterExpression("attribute_not_exists(#x) OR #x > :now")
                        .projectionExpression("#s, #f, #l")
                        .expressionAttributeNames(names)
                        .expressionAttributeValues(values)
                        .exclusiveStartKey(exclusiveStart)
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
            } catch (SdkException e) {
                throw DynamoDbErrors.unavailable("query " + table + " " + partition, e);
            }
            ReadUnits.report(metrics, response.consumedCapacity());
            for (Map<String, AttributeValue> item : response.items()) {
                ReplayRun run = run(item);
                if (run == null) {
                    malformed++;
                } else {
                    runs.add(run);
                }
            }
            start = response.hasLastEvaluatedKey()
                            && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey()
                    : null;
        } while (start != null);
        if (malformed > 0) {
            LOG.warn(
                    "{} item(s) of {} {} are not replay runs as written and were left out",
                    malformed,
                    table,
                    partition);
        }
        return runs;
    }

    /** The run an item holds, or null when it is not one as the processor writes it. */
    static ReplayRun run(Map<String, AttributeValue> item) {
        String run = Attributes.string(item, STATS_SHARD);
        AttributeValue first = item.get(FIRST_AT);
        AttributeValue last = item.get(LAST_AT);
        if (run == null || ReplayLane.runError(run) != null || first == null || last == null) {
            return null;
        }
        try {
            return new ReplayRun(run, Long.parseLong(first.n()), Long.parseLong(last.n()));
        } catch (NumberFormatException | NullPointerException e) {
            return null;
        }
    }
}
