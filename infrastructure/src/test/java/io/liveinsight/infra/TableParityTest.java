package io.liveinsight.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.event.TableNames;
import io.liveinsight.event.contract.Tables;
import io.liveinsight.local.engines.DynamoDbLocalEngine;
import io.liveinsight.local.engines.LiveInsightResources;
import io.liveinsight.local.engines.LocalAwsClients;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/**
 * The tables the CDK app deploys and the tables the local engines create are the same tables: names, keys, attribute
 * types, indexes with their keys and projections, and the time-to-live attribute. Both are built from
 * {@link Tables}; this test fails when either side writes something of its own.
 */
class TableParityTest {

    private static DynamoDbLocalEngine engine;
    private static DynamoDbClient dynamoDb;

    /** A table reduced to what both sides must agree on. */
    record Shape(
            String name,
            List<String> keys,
            Map<String, String> attributeTypes,
            Map<String, String> indexes,
            String timeToLive) {}

    @BeforeAll
    static void startDynamoDbLocal() {
        engine = DynamoDbLocalEngine.start(0, null);
        dynamoDb = LocalAwsClients.dynamoDb(engine.endpoint());
    }

    @AfterAll
    static void stop() {
        if (dynamoDb != null) {
            dynamoDb.close();
        }
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void localTables_whenCreatedUnderTheStagePrefix_equalTheSynthesizedTemplate() {
        Synth.Synthesized dev = Synth.dev();
        TableNames names = TableNames.withPrefix(dev.config().prefix());
        LiveInsightResources.createTables(dynamoDb, names);

        List<Shape> deployed = templateShapes(dev);
        List<Shape> local =
                Tables.all().stream().map(table -> localShape(names.of(table))).toList();

        assertThat(local).hasSize(5).containsExactlyInAnyOrderElementsOf(deployed);
    }

    private static List<Shape> templateShapes(Synth.Synthesized synthesized) {
        return synthesized.template().findResources("AWS::DynamoDB::Table").values().stream()
                .map(resource -> templateShape(properties(resource)))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(Map<String, Object> resource) {
        return (Map<String, Object>) resource.get("Properties");
    }

    @SuppressWarnings("unchecked")
    private static Shape templateShape(Map<String, Object> table) {
        Map<String, String> types = new TreeMap<>();
        for (Map<String, Object> definition : (List<Map<String, Object>>) table.get("AttributeDefinitions")) {
            types.put((String) definition.get("AttributeName"), (String) definition.get("AttributeType"));
        }
        Map<String, String> indexes = new TreeMap<>();
        for (Map<String, Object> index :
                (List<Map<String, Object>>) table.getOrDefault("GlobalSecondaryIndexes", List.of())) {
            Map<String, Object> projection = (Map<String, Object>) index.get("Projection");
            indexes.put(
                    (String) index.get("IndexName"),
                    templateKeys((List<Map<String, Object>>) index.get("KeySchema")) + " "
                            + projection.get("ProjectionType"));
        }
        Map<String, Object> ttl = (Map<String, Object>) table.get("TimeToLiveSpecification");
        return new Shape(
                (String) table.get("TableName"),
                templateKeys((List<Map<String, Object>>) table.get("KeySchema")),
                types,
                indexes,
                ttl != null && Boolean.TRUE.equals(ttl.get("Enabled")) ? (String) ttl.get("AttributeName") : null);
    }

    private static List<String> templateKeys(List<Map<String, Object>> keySchema) {
        return keySchema.stream()
                .map(key -> key.get("AttributeName") + ":" + key.get("KeyType"))
                .toList();
    }

    private static Shape localShape(String name) {
        TableDescription table =
                dynamoDb.describeTable(request -> request.tableName(name)).table();
        Map<String, String> types = new TreeMap<>();
        table.attributeDefinitions()
                .forEach(definition -> types.put(definition.attributeName(), definition.attributeTypeAsString()));
        Map<String, String> indexes = new TreeMap<>();
        for (GlobalSecondaryIndexDescription index : table.globalSecondaryIndexes()) {
            indexes.put(
                    index.indexName(),
                    localKeys(index.keySchema()) + " " + index.projection().projectionTypeAsString());
        }
        var ttl =
                dynamoDb.describeTimeToLive(request -> request.tableName(name)).timeToLiveDescription();
        return new Shape(
                table.tableName(),
                localKeys(table.keySchema()),
                types,
                indexes,
                ttl.timeToLiveStatus() == TimeToLiveStatus.ENABLED ? ttl.attributeName() : null);
    }

    private static List<String> localKeys(List<KeySchemaElement> keySchema) {
        return keySchema.stream()
                .map(key -> key.attributeName() + ":" + key.keyTypeAsString())
                .toList();
    }

    @Test
    void everyTableOfTheContract_isDeployed() {
        TreeSet<String> deployed = new TreeSet<>(
                templateShapes(Synth.dev()).stream().map(Shape::name).toList());
        TreeSet<String> contract = new TreeSet<>(Tables.all().stream()
                .map(table -> table.name(Synth.dev().config().prefix()))
                .toList());

        assertThat(deployed).isEqualTo(contract);
    }
}
