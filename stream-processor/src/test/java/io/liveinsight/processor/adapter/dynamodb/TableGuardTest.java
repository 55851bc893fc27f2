package io.liveinsight.processor.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.liveinsight.event.TableNames;
import io.liveinsight.event.contract.MetricNames;
import io.liveinsight.local.engines.LocalAws;
import io.liveinsight.local.engines.LocalCredentials;
import io.liveinsight.local.engines.WithLocalAws;
import io.liveinsight.local.engines.fault.FaultProxy;
import io.liveinsight.local.engines.fault.Outage;
import io.liveinsight.local.engines.fault.Share;
import io.liveinsight.processor.config.ResilienceSettings;
import io.liveinsight.processor.metrics.InMemoryStreamMetrics;
import io.liveinsight.processor.port.StoreUnavailableException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The per-table Resilience4j guard against DynamoDB Local behind a fault-injecting proxy, with the SDK's own
 * retries off (as in production): throttling is retried and counted, a table that is down opens the breaker, a
 * failed condition is neither retried nor held against the table. Backoffs are 1-2 ms so nothing really waits.
 */
@WithLocalAws
class TableGuardTest {

    private static final ResilienceSettings FAST =
            new ResilienceSettings(4, Duration.ofMillis(1), Duration.ofMillis(2), 0, 50f, 10, Duration.ofMinutes(1));

    private final LocalAws aws;
    private final InMemoryStreamMetrics metrics = new InMemoryStreamMetrics();
    private FaultProxy proxy;
    private DynamoDbClient dynamoDb;
    private String table;

    TableGuardTest(LocalAws aws) {
        this.aws = aws;
    }

    @BeforeEach
    void proxyDynamoDb() {
        TableNames tables = aws.createTables("Guard");
        table = tables.activeSessions();
        proxy = FaultProxy.start(aws.endpoints().dynamoDb());
        dynamoDb = DynamoDbClient.builder()
                .endpointOverride(proxy.endpoint())
                .region(LocalCredentials.REGION)
                .credentialsProvider(LocalCredentials.provider())
                .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)))
                .build();
    }

    @AfterEach
    void close() {
        dynamoDb.close();
        proxy.close();
    }

    private Object put(String id) {
        return dynamoDb.putItem(r -> r.tableName(table).item(Map.of("session_id", AttributeValue.fromS(id))));
    }

    @Test
    void write_whenEveryOtherCallThrottled_retriesAndCountsThrottles() {
        TableGuard guard = TableGuard.create(table, FAST, metrics);
        proxy.throttle(Share.everyNth(2), "DynamoDB_20120810.PutItem");

        for (int i = 0; i < 6; i++) {
            int n = i;
            guard.write("PutItem", 1, () -> put("s" + n));
        }

        assertThat(aws.dynamoDb().scan(r -> r.tableName(table)).count()).isEqualTo(6);
        assertThat(proxy.stats().throttled()).isGreaterThanOrEqualTo(3);
        assertThat(metrics.total(MetricNames.DYNAMODB_THROTTLES + "|" + table))
                .isEqualTo((double) proxy.stats().throttled());
        assertThat(metrics.total(MetricNames.RETRY_ATTEMPTS + "|" + table))
                .isEqualTo((double) proxy.stats().throttled());
    }

    @Test
    void write_whenEveryCallThrottled_retriesButNeverOpensTheBreaker() {
        TableGuard guard = TableGuard.create(table, FAST, metrics);
        proxy.throttle(Share.all());

        for (int call = 0; call < 5; call++) {
            assertThatThrownBy(() -> guard.write("PutItem", 1, () -> put("x")))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("ProvisionedThroughputExceededException");
        }

        assertThat(guard.breakerState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(proxy.stats().throttled()).isEqualTo(5L * FAST.retryAttempts());
    }

    @Test
    void write_whenTableDown_givesUpAfterRetriesThenOpensTheBreakerAndStopsCalling() {
        TableGuard guard = TableGuard.create(table, FAST, metrics);
        proxy.down(Outage.SERVICE_UNAVAILABLE);

        for (int call = 0; call < 3; call++) {
            assertThatThrownBy(() -> guard.write("PutItem", 1, () -> put("x")))
                    .isInstanceOf(StoreUnavailableException.class);
        }
        long reachedTable = proxy.stats().requests();

        assertThat(reachedTable).isGreaterThanOrEqualTo(FAST.breakerWindow()); // the breaker's minimum of calls
        assertThat(guard.breakerState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThatThrownBy(() -> guard.write("PutItem", 1, () -> put("x")))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("circuit open");
        assertThat(proxy.stats().requests()).isEqualTo(reachedTable);
    }

    @Test
    void write_whenConditionFails_passesItThroughWithoutRetryOrBreakerHarm() {
        TableGuard guard = TableGuard.create(table, FAST, metrics);
        put("s1");

        for (int i = 0; i < 12; i++) {
            assertThatThrownBy(() -> guard.write(
                            "PutItem",
                            1,
                            () -> dynamoDb.putItem(r -> r.tableName(table)
                                    .item(Map.of("session_id", AttributeValue.fromS("s1")))
                                    .conditionExpression("attribute_not_exists(session_id)"))))
                    .isInstanceOf(ConditionalCheckFailedException.class);
        }

        assertThat(guard.breakerState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(metrics.total(MetricNames.RETRY_ATTEMPTS + "|" + table)).isZero();
    }

    @Test
    void write_whenWriteUnitsCapped_takesOnePermitPerUnitAndNeverMoreThanTheCap() {
        ResilienceSettings capped = new ResilienceSettings(
                4, Duration.ofMillis(1), Duration.ofMillis(2), 100, 50f, 10, Duration.ofMinutes(1));
        TableGuard guard = TableGuard.create(table, capped, metrics);

        guard.write("PutItem", 30, () -> put("a"));
        assertThat(guard.availableWriteUnits()).isEqualTo(70);

        guard.write("PutItem", 500, () -> put("b")); // more than a second's worth: waits for one full second only

        assertThat(aws.dynamoDb().scan(r -> r.tableName(table)).count()).isEqualTo(2);
    }
}
