package io.liveinsight.local.engines;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.event.TableNames;
import io.liveinsight.event.stats.Counts;
import io.liveinsight.event.stats.Dimension;
import io.liveinsight.event.stats.Resolution;
import io.liveinsight.event.stats.Rollup;
import io.liveinsight.event.stats.RollupCodec;
import io.liveinsight.event.stats.StatsKey;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

@WithLocalAws
class LocalAwsTest {

    private final LocalAws aws;

    LocalAwsTest(LocalAws aws) {
        this.aws = aws;
    }

    @Test
    void createTables_whenCalled_matchesSpecKeysIndexesAndTtl() {
        TableNames names = aws.createTables("Spec");

        TableDescription events = describe(names.events());
        assertThat(keys(events.keySchema())).containsExactly("event_id:HASH", "timestamp:RANGE");
        assertThat(indexes(events.globalSecondaryIndexes()))
                .containsExactlyInAnyOrder(
                        "UserIndex=user_id:HASH,timestamp:RANGE", "SessionIndex=session_id:HASH,timestamp:RANGE");
        assertThat(types(events)).contains("event_id:S", "timestamp:N", "user_id:S", "session_id:S");

        TableDescription sessions = describe(names.sessions());
        assertThat(keys(sessions.keySchema())).containsExactly("session_id:HASH");
        assertThat(indexes(sessions.globalSecondaryIndexes()))
                .containsExactlyInAnyOrder(
                        "UserIndex=user_id:HASH,start_time:RANGE", "ReplayIndex=replay_run:HASH,last_activity:RANGE");
        assertThat(types(sessions)).contains("start_time:N", "replay_run:S", "last_activity:N");

        TableDescription active = describe(names.activeSessions());
        assertThat(keys(active.keySchema())).containsExactly("session_id:HASH");
        var ttl = aws.dynamoDb()
                .describeTimeToLive(r -> r.tableName(names.activeSessions()))
                .timeToLiveDescription();
        assertThat(ttl.attributeName()).isEqualTo("expires_at");
        assertThat(ttl.timeToLiveStatus()).isIn(TimeToLiveStatus.ENABLED, TimeToLiveStatus.ENABLING);

        TableDescription stats = describe(names.stats());
        assertThat(keys(stats.keySchema())).containsExactly("pk:HASH", "sk:RANGE");
        assertThat(types(stats)).containsExactly("pk:S", "sk:S");
        assertThat(stats.globalSecondaryIndexes()).isEmpty();
        var statsTtl = aws.dynamoDb()
                .describeTimeToLive(r -> r.tableName(names.stats()))
                .timeToLiveDescription();
        assertThat(statsTtl.attributeName()).isEqualTo("expires_at");
        assertThat(statsTtl.timeToLiveStatus()).isIn(TimeToLiveStatus.ENABLED, TimeToLiveStatus.ENABLING);
    }

    /** docs/contract/tables.md#writers-and-readers: one item per shard under a bucket's key, one query reads them all. */
    @Test
    void statsTable_whenTwoShardsWriteOneBucket_givesBothToAQueryOfItsKey() {
        TableNames names = aws.createTables("Stats");
        StatsKey key = StatsKey.of(StatsKey.DEFAULT_SITE, Resolution.HOUR, 1_765_008_123_000L);
        Rollup first = new Rollup(
                new Counts(2, 2, 1, 1, 0, 0, 0, 0, 0, 0),
                Map.of(),
                Map.of(Dimension.PAGE, Map.of("example.com/<script>😀", 2L)),
                null,
                List.of());
        Rollup second = new Rollup(new Counts(1, 0, 0, 0, 0, 0, 0, 0, 1, 1), Map.of(), Map.of(), null, List.of());
        put(names.stats(), key, "shardId-000000000000", first);
        put(names.stats(), key, "shardId-000000000001", second);
        put(
                names.stats(),
                StatsKey.of(StatsKey.DEFAULT_SITE, Resolution.HOUR, 1_765_011_723_000L),
                "shardId-000000000000",
                second);

        List<Map<String, AttributeValue>> items = aws.dynamoDb()
                .query(q -> q.tableName(names.stats())
                        .keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(key.value()))))
                .items();

        assertThat(items)
                .extracting(item -> item.get("sk").s())
                .containsExactly("shardId-000000000000", "shardId-000000000001");
        Rollup sum = items.stream()
                .map(item -> RollupCodec.decode(item.get("ru").b().asByteArray()))
                .reduce(Rollup.EMPTY, Rollup::plus);
        assertThat(sum).isEqualTo(first.plus(second));
    }

    private void put(String table, StatsKey key, String shard, Rollup rollup) {
        aws.dynamoDb().putItem(p -> p.tableName(table)
                .item(Map.of(
                        "pk",
                        AttributeValue.fromS(key.value()),
                        "sk",
                        AttributeValue.fromS(shard),
                        "rv",
                        AttributeValue.fromN("1"),
                        "ru",
                        AttributeValue.fromB(SdkBytes.fromByteArray(RollupCodec.encode(rollup))),
                        "expires_at",
                        AttributeValue.fromN(Long.toString(key.expiresAt().orElseThrow())))));
    }

    @Test
    void createTables_whenTablesExist_leavesThemAndSucceeds() {
        TableNames names = aws.createTables("Twice");

        LiveInsightResources.createTables(aws.dynamoDb(), names);

        assertThat(aws.dynamoDb().listTables().tableNames()).contains(names.events(), names.sessions());
    }

    @Test
    void createStream_whenRecordPut_readsItBack() {
        String stream = aws.createStream("roundtrip", 1);
        var put = aws.kinesis().putRecord(r -> r.streamName(stream)
                .partitionKey("s1")
                .data(SdkBytes.fromString("hello", StandardCharsets.UTF_8)));

        String iterator = aws.kinesis()
                .getShardIterator(r ->
                        r.streamName(stream).shardId(put.shardId()).shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                .shardIterator();
        var records = aws.kinesis().getRecords(r -> r.shardIterator(iterator)).records();

        assertThat(records).hasSize(1);
        assertThat(records.get(0).data().asUtf8String()).isEqualTo("hello");
    }

    @Test
    void createLeaseTable_whenCalled_hasKclLeaseKeyAndOwnerIndex() {
        LiveInsightResources.createLeaseTable(aws.dynamoDb(), "lease-test-app");

        TableDescription lease = describe("lease-test-app");
        assertThat(keys(lease.keySchema())).containsExactly("leaseKey:HASH");
        assertThat(indexes(lease.globalSecondaryIndexes()))
                .containsExactly("LeaseOwnerToLeaseKeyIndex=leaseOwner:HASH,leaseKey:RANGE");
    }

    private TableDescription describe(String table) {
        return aws.dynamoDb().describeTable(r -> r.tableName(table)).table();
    }

    private static List<String> keys(List<KeySchemaElement> schema) {
        return schema.stream().map(k -> k.attributeName() + ":" + k.keyType()).toList();
    }

    private static List<String> indexes(List<GlobalSecondaryIndexDescription> indexes) {
        return indexes.stream()
                .map(i -> i.indexName() + "=" + String.join(",", keys(i.keySchema())))
                .toList();
    }

    private static List<String> types(TableDescription table) {
        return table.attributeDefinitions().stream()
                .map(a -> a.attributeName() + ":" + a.attributeType())
                .toList();
    }
}
