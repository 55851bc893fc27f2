package io.liveinsight.local.engines.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.liveinsight.local.engines.LocalAws;
import io.liveinsight.local.engines.WithLocalAws;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

@WithLocalAws
class FaultProxyDynamoDbTest {

    private static final AtomicInteger TABLES = new AtomicInteger();
    private static final String PUT_ITEM = "DynamoDB_20120810.PutItem";
    private static final String GET_ITEM = "DynamoDB_20120810.GetItem";
    private static final String BATCH_WRITE_ITEM = "DynamoDB_20120810.BatchWriteItem";

    private final LocalAws aws;
    private FaultProxy proxy;
    private DynamoDbClient dynamoDb;
    private String table;

    FaultProxyDynamoDbTest(LocalAws aws) {
        this.aws = aws;
    }

    @BeforeEach
    void start() {
        proxy = FaultProxy.start(aws.endpoints().dynamoDb());
        dynamoDb = ProxyClients.dynamoDb(proxy.endpoint());
        table = createTable();
    }

    @AfterEach
    void stop() {
        dynamoDb.close();
        proxy.close();
    }

    @Test
    void passThrough_whenSdkCallsThroughProxy_writesReadsAndPassesErrorsUnchanged() {
        put("a");

        assertThat(directIds()).containsExactly("a");
        assertThat(dynamoDb.getItem(r -> r.tableName(table).key(key("a"))).item())
                .containsKey("id");
        assertThatThrownBy(() -> dynamoDb.putItem(
                        r -> r.tableName(table).item(key("a")).conditionExpression("attribute_not_exists(id)")))
                .isInstanceOf(ConditionalCheckFailedException.class);
        FaultProxyStats stats = proxy.stats();
        assertThat(stats.operation(PUT_ITEM)).isEqualTo(new OperationStats(2, 2, 0, 0, 0));
        assertThat(stats.operation(GET_ITEM)).isEqualTo(new OperationStats(1, 1, 0, 0, 0));
    }

    @Test
    void throttle_whenEveryThirdPutItem_sdkThrowsTypedExceptionAndItemIsNotWritten() {
        proxy.throttle(Share.everyNth(3), PUT_ITEM);

        List<Integer> throttled = new ArrayList<>();
        for (int i = 1; i <= 9; i++) {
            try {
                put("item-" + i);
            } catch (ProvisionedThroughputExceededException e) {
                assertThat(e.statusCode()).isEqualTo(400);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ProvisionedThroughputExceededException");
                assertThat(e.awsErrorDetails().errorMessage()).contains("provisioned throughput");
                throttled.add(i);
            }
        }

        assertThat(throttled).containsExactly(3, 6, 9);
        assertThat(directIds()).containsExactlyInAnyOrder("item-1", "item-2", "item-4", "item-5", "item-7", "item-8");
        assertThat(proxy.stats().operation(PUT_ITEM)).isEqualTo(new OperationStats(9, 6, 3, 0, 0));
    }

    @Test
    void throttle_whenOperationGiven_leavesOtherOperationsAlone() {
        proxy.throttle(Share.all(), BATCH_WRITE_ITEM);

        put("single");
        assertThatThrownBy(() -> dynamoDb.batchWriteItem(r -> r.requestItems(Map.of(table, writes("b", 2)))))
                .isInstanceOf(ProvisionedThroughputExceededException.class);

        assertThat(directIds()).containsExactly("single");
        assertThat(proxy.stats().throttled()).isEqualTo(1);
        assertThat(proxy.stats().operation(PUT_ITEM).forwarded()).isEqualTo(1);
    }

    @Test
    void throttle_whenSeeded_followsTheSeededSequenceAndRestartsItWhenSwitchedAgain() {
        proxy.throttle(Share.of(0.4, 42L));
        List<Boolean> first = getItemOutcomes(20);
        proxy.throttle(Share.of(0.4, 42L));
        List<Boolean> second = getItemOutcomes(20);

        Random expected = new Random(42L);
        List<Boolean> sequence = IntStream.range(0, 20)
                .mapToObj(i -> expected.nextDouble() < 0.4)
                .toList();
        assertThat(first).isEqualTo(sequence).contains(true, false);
        assertThat(second).isEqualTo(sequence);
        assertThat(proxy.stats().operation(GET_ITEM).throttled())
                .isEqualTo(2 * sequence.stream().filter(b -> b).count());
    }

    @Test
    void partialBatchWrites_whenEverySecondItemHeldBack_sdkSeesThemUnprocessedAndOnlyOthersLanded() {
        String other = createTable();
        proxy.partialBatchWrites(Share.everyNth(2));

        BatchWriteItemResponse response =
                dynamoDb.batchWriteItem(r -> r.requestItems(Map.of(table, writes("a", 5), other, writes("b", 4))));

        // Items are counted in request order; Map.of's order is unknown, so count per table position.
        int held = response.unprocessedItems().values().stream()
                .mapToInt(List::size)
                .sum();
        assertThat(held).isEqualTo(4);
        List<String> unprocessed = response.unprocessedItems().values().stream()
                .flatMap(List::stream)
                .map(w -> w.putRequest().item().get("id").s())
                .toList();
        List<String> landed = new ArrayList<>(directIds());
        landed.addAll(directIds(other));
        assertThat(landed).hasSize(5).doesNotContainAnyElementsOf(unprocessed);
        assertThat(unprocessed).allSatisfy(id -> assertThat(id).matches("[ab]-\\d"));
        assertThat(landed.size() + unprocessed.size()).isEqualTo(9);
        assertThat(proxy.stats().operation(BATCH_WRITE_ITEM)).isEqualTo(new OperationStats(1, 1, 0, 4, 0));

        proxy.passThrough();
        BatchWriteItemResponse retry = dynamoDb.batchWriteItem(r -> r.requestItems(response.unprocessedItems()));
        assertThat(retry.unprocessedItems()).isEmpty();
        assertThat(directIds().size() + directIds(other).size()).isEqualTo(9);
    }

    @Test
    void partialBatchWrites_whenOneTable_holdsBackExactlyTheChosenPositions() {
        proxy.partialBatchWrites(Share.everyNth(3));

        BatchWriteItemResponse response = dynamoDb.batchWriteItem(r -> r.requestItems(Map.of(table, writes("x", 7))));

        assertThat(response.unprocessedItems().get(table))
                .extracting(w -> w.putRequest().item().get("id").s())
                .containsExactly("x-3", "x-6");
        assertThat(directIds()).containsExactlyInAnyOrder("x-1", "x-2", "x-4", "x-5", "x-7");
    }

    @Test
    void partialBatchWrites_whenEveryItemHeldBack_throttlesTheWholeCallAsDynamoDbDoes() {
        proxy.partialBatchWrites(Share.all());

        assertThatThrownBy(() -> dynamoDb.batchWriteItem(r -> r.requestItems(Map.of(table, writes("z", 3)))))
                .isInstanceOf(ProvisionedThroughputExceededException.class);

        assertThat(directIds()).isEmpty();
        assertThat(proxy.stats().operation(BATCH_WRITE_ITEM)).isEqualTo(new OperationStats(1, 0, 1, 0, 0));
    }

    @Test
    void down_whenRefusingConnections_sdkCannotConnectUntilUpOnTheSamePort() {
        put("before");
        proxy.down();

        SdkClientException refused = catchThrowableOfType(SdkClientException.class, () -> put("during"));
        assertThat(refused).isNotInstanceOf(SdkServiceException.class);
        assertThat(proxy.isDown()).isTrue();

        proxy.up();
        put("after");
        assertThat(directIds()).containsExactlyInAnyOrder("before", "after");
        assertThat(proxy.stats().operation(PUT_ITEM).requests()).isEqualTo(2);
    }

    @Test
    void down_whenServiceUnavailable_sdkSees503AndNothingIsForwarded() {
        proxy.down(Outage.SERVICE_UNAVAILABLE);

        DynamoDbException error = catchThrowableOfType(DynamoDbException.class, () -> put("during"));

        assertThat(error.statusCode()).isEqualTo(503);
        assertThat(error.awsErrorDetails().errorCode()).isEqualTo("ServiceUnavailable");
        assertThat(proxy.stats().operation(PUT_ITEM)).isEqualTo(new OperationStats(1, 0, 0, 0, 1));
        proxy.up();
        put("after");
        assertThat(directIds()).containsExactly("after");
    }

    @Test
    void downFor_whenDurationPasses_comesBackUpByItself() throws InterruptedException {
        Duration outage = Duration.ofMillis(300);
        long start = System.nanoTime();
        proxy.downFor(outage);

        assertThatThrownBy(() -> put("during")).isInstanceOf(SdkClientException.class);
        while (proxy.isDown()
                && System.nanoTime() - start < Duration.ofSeconds(5).toNanos()) {
            Thread.sleep(10);
        }

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(outage);
        put("after");
        assertThat(directIds()).containsExactly("after");
    }

    private List<Boolean> getItemOutcomes(int calls) {
        List<Boolean> throttled = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            try {
                dynamoDb.getItem(r -> r.tableName(table).key(key("none")));
                throttled.add(false);
            } catch (ProvisionedThroughputExceededException e) {
                throttled.add(true);
            }
        }
        return throttled;
    }

    private void put(String id) {
        dynamoDb.putItem(r -> r.tableName(table).item(key(id)));
    }

    private List<String> directIds() {
        return directIds(table);
    }

    private List<String> directIds(String tableName) {
        return aws.dynamoDb().scan(r -> r.tableName(tableName)).items().stream()
                .map(item -> item.get("id").s())
                .toList();
    }

    private static Map<String, AttributeValue> key(String id) {
        return Map.of("id", AttributeValue.fromS(id));
    }

    private static List<WriteRequest> writes(String prefix, int count) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(i -> WriteRequest.builder()
                        .putRequest(
                                PutRequest.builder().item(key(prefix + "-" + i)).build())
                        .build())
                .toList();
    }

    private String createTable() {
        String name = "FaultProxy-" + TABLES.incrementAndGet();
        aws.dynamoDb().createTable(r -> r.tableName(name)
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                .billingMode("PAY_PER_REQUEST"));
        return name;
    }
}
