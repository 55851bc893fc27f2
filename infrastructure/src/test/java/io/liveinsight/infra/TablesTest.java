package io.liveinsight.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The tables of docs/contract/tables.md#keys-and-indexes: keys, indexes, TTL, billing, backups, protection. */
class TablesTest {

    private final Template dev = Synth.dev().template();
    private final TemplateView devView = new TemplateView(dev);

    @Test
    void events_isKeyedByEventIdAndTimestamp_withUserAndSessionIndexes() {
        dev.hasResourceProperties(
                "AWS::DynamoDB::Table",
                Map.of(
                        "TableName", "dev-LiveInsight-Events",
                        "KeySchema", List.of(hash("event_id"), range("timestamp")),
                        "AttributeDefinitions",
                                Match.arrayEquals(List.of(
                                        attribute("event_id", "S"),
                                        attribute("timestamp", "N"),
                                        attribute("user_id", "S"),
                                        attribute("session_id", "S"))),
                        "GlobalSecondaryIndexes",
                                List.of(
                                        index("UserIndex", "user_id", "timestamp", "ALL"),
                                        index("SessionIndex", "session_id", "timestamp", "ALL"))));
    }

    @Test
    void sessions_isKeyedBySessionId_withAUserIndexOnStartTimeAndAReplayIndex() {
        dev.hasResourceProperties(
                "AWS::DynamoDB::Table",
                Map.of(
                        "TableName", "dev-LiveInsight-Sessions",
                        "KeySchema", List.of(hash("session_id")),
                        "AttributeDefinitions",
                                List.of(
                                        attribute("session_id", "S"),
                                        attribute("user_id", "S"),
                                        attribute("start_time", "N"),
                                        attribute("replay_run", "S"),
                                        attribute("last_activity", "N")),
                        "GlobalSecondaryIndexes",
                                List.of(
                                        index("UserIndex", "user_id", "start_time", "KEYS_ONLY"),
                                        index("ReplayIndex", "replay_run", "last_activity", "KEYS_ONLY"))));
    }

    @Test
    void activeSessions_isKeyedBySessionId_expiresByTtlOnExpiresAt_andHasTheSiteIndex() {
        String id = devView.id("AWS::DynamoDB::Table", "TableName", "dev-LiveInsight-ActiveSessions");
        assertThat(devView.properties(id))
                .containsEntry("KeySchema", List.of(hash("session_id")))
                .containsEntry(
                        "AttributeDefinitions",
                        List.of(attribute("session_id", "S"), attribute("site", "S"), attribute("start_time", "N")))
                .containsEntry("TimeToLiveSpecification", Map.of("AttributeName", "expires_at", "Enabled", true))
                .containsEntry(
                        "GlobalSecondaryIndexes", List.of(index("SiteIndex", "site", "start_time", "KEYS_ONLY")));
    }

    @Test
    void sites_isKeyedByPkAlone_expiresLeasesByTtl_andIsBackedUp() {
        String id = devView.id("AWS::DynamoDB::Table", "TableName", "dev-LiveInsight-Sites");
        assertThat(devView.properties(id))
                .containsEntry("KeySchema", List.of(hash("pk")))
                .containsEntry("AttributeDefinitions", List.of(attribute("pk", "S")))
                .containsEntry("TimeToLiveSpecification", Map.of("AttributeName", "expires_at", "Enabled", true))
                .containsEntry("PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true))
                .containsEntry("SSESpecification", Map.of("SSEEnabled", true))
                .doesNotContainKey("GlobalSecondaryIndexes");
    }

    @Test
    void stats_isKeyedByBucketAndShard_andExpiresByTtlOnExpiresAt() {
        String id = devView.id("AWS::DynamoDB::Table", "TableName", "dev-LiveInsight-Stats");
        assertThat(devView.properties(id))
                .containsEntry("KeySchema", List.of(hash("pk"), range("sk")))
                .containsEntry("AttributeDefinitions", List.of(attribute("pk", "S"), attribute("sk", "S")))
                .containsEntry("TimeToLiveSpecification", Map.of("AttributeName", "expires_at", "Enabled", true))
                .containsEntry("PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true))
                .containsEntry("BillingMode", "PAY_PER_REQUEST")
                .doesNotContainKey("GlobalSecondaryIndexes");
    }

    @Test
    void onDemandByDefault() {
        for (String table : devView.ids("AWS::DynamoDB::Table")) {
            assertThat(devView.properties(table))
                    .containsEntry("BillingMode", "PAY_PER_REQUEST")
                    .doesNotContainKey("ProvisionedThroughput");
        }
        dev.resourceCountIs("AWS::ApplicationAutoScaling::ScalableTarget", 1); // the processor service's only
    }

    @Test
    void provisioned_setsCapacityOnTablesAndIndexes_andAutoscalesEveryOne() {
        Template variant = Synth.variant().template();
        TemplateView view = new TemplateView(variant);
        Map<String, Object> capacity = Map.of("ReadCapacityUnits", 10, "WriteCapacityUnits", 10);
        for (String table : view.ids("AWS::DynamoDB::Table")) {
            assertThat(view.properties(table)).containsEntry("ProvisionedThroughput", capacity);
            assertThat(view.properties(table).get("BillingMode")).isIn(null, "PROVISIONED");
        }
        variant.hasResourceProperties(
                "AWS::DynamoDB::Table",
                Map.of(
                        "TableName",
                        "dev-LiveInsight-Events",
                        "GlobalSecondaryIndexes",
                        Match.arrayWith(List.of(Match.objectLike(Map.of("ProvisionedThroughput", capacity))))));
        // Read and write of 5 tables and 5 indexes (Events 2, Sessions 2, ActiveSessions 1).
        Map<String, Map<String, Object>> targets = variant.findResources(
                "AWS::ApplicationAutoScaling::ScalableTarget",
                Map.of("Properties", Map.of("ServiceNamespace", "dynamodb", "MinCapacity", 10, "MaxCapacity", 200)));
        assertThat(targets).hasSize(20);
        assertThat(variant.findResources(
                        "AWS::ApplicationAutoScaling::ScalingPolicy",
                        Map.of(
                                "Properties",
                                Map.of(
                                        "PolicyType",
                                        "TargetTrackingScaling",
                                        "TargetTrackingScalingPolicyConfiguration",
                                        Match.objectLike(Map.of("TargetValue", 70))))))
                .hasSize(20);
    }

    @Test
    void pointInTimeRecovery_onEventsSessionsStatsAndSites_notOnTheActiveProjection() {
        for (String name : List.of("Events", "Sessions", "Stats", "Sites")) {
            dev.hasResourceProperties(
                    "AWS::DynamoDB::Table",
                    Map.of(
                            "TableName",
                            "dev-LiveInsight-" + name,
                            "PointInTimeRecoverySpecification",
                            Map.of("PointInTimeRecoveryEnabled", true)));
        }
        dev.hasResourceProperties(
                "AWS::DynamoDB::Table",
                Map.of(
                        "TableName",
                        "dev-LiveInsight-ActiveSessions",
                        "PointInTimeRecoverySpecification",
                        Map.of("PointInTimeRecoveryEnabled", false)));
    }

    @Test
    void deletionProtectionAndRetention_inProdOnly() {
        TemplateView prod = new TemplateView(Synth.prod().template());
        for (String table : prod.ids("AWS::DynamoDB::Table")) {
            assertThat(prod.properties(table)).containsEntry("DeletionProtectionEnabled", true);
            assertThat(prod.resources().get(table)).containsEntry("DeletionPolicy", "Retain");
            assertThat((String) prod.properties(table).get("TableName")).startsWith("prod-LiveInsight-");
        }
        for (String table : devView.ids("AWS::DynamoDB::Table")) {
            assertThat(devView.properties(table)).containsEntry("DeletionProtectionEnabled", false);
            assertThat(devView.resources().get(table)).containsEntry("DeletionPolicy", "Delete");
        }
    }

    @Test
    void encryptedAtRest() {
        for (String table : devView.ids("AWS::DynamoDB::Table")) {
            assertThat(devView.properties(table)).containsEntry("SSESpecification", Map.of("SSEEnabled", true));
        }
    }

    private static Map<String, Object> hash(String name) {
        return Map.of("AttributeName", name, "KeyType", "HASH");
    }

    private static Map<String, Object> range(String name) {
        return Map.of("AttributeName", name, "KeyType", "RANGE");
    }

    private static Map<String, Object> attribute(String name, String type) {
        return Map.of("AttributeName", name, "AttributeType", type);
    }

    private static Map<String, Object> index(String name, String partition, String sort, String projection) {
        return Map.of(
                "IndexName", name,
                "KeySchema", List.of(hash(partition), range(sort)),
                "Projection", Map.of("ProjectionType", projection));
    }
}
