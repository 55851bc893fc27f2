package io.liveinsight.local.engines;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.event.TableNames;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
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
                .containsExactly("UserIndex=user_id:HASH,start_time:RANGE");
        assertThat(types(sessions)).contains("start_time:N");

        TableDescription active = describe(names.activeSessions());
        assertThat(keys(active.keySchema())).containsExactly("session_id:HASH");
        var ttl = aws.dynamoDb()
                .describeTimeToLive(r -> r.tableName(names.activeSessions()))
                .timeToLiveDescription();
        assertThat(ttl.attributeName()).isEqualTo("expires_at");
        assertThat(ttl.timeToLiveStatus()).isIn(TimeToLiveStatus.ENABLED, TimeToLiveStatus.ENABLING);
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
