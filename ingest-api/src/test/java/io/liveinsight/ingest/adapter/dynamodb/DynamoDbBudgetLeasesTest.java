package io.liveinsight.ingest.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.event.TableNames;
import io.liveinsight.event.contract.ItemAttributes;
import io.liveinsight.ingest.port.BudgetLeases.Lease;
import io.liveinsight.local.engines.LocalAws;
import io.liveinsight.local.engines.WithLocalAws;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * docs/contract/sites.md#shared-budgets on DynamoDB Local: concurrent takers never get more than a window's budget
 * between them, the last events of a window go to whoever asks, the item expires a minute after its window, and a
 * store that does not answer is a value, not an exception.
 */
@WithLocalAws
class DynamoDbBudgetLeasesTest {

    /** A scope as hostile as the contract allows in a key: a site id is plain, but the adapter must not care. */
    private static final String SCOPE = "site~shop-1";

    /**
     * A window a few minutes ahead: DynamoDB Local really deletes items past their {@code expires_at} within seconds,
     * and a window's item expires a minute after it, so a fixed window in the past would vanish under the test.
     */
    private static final long WINDOW = System.currentTimeMillis() / 1000 + 600;

    private final LocalAws aws;

    DynamoDbBudgetLeasesTest(LocalAws aws) {
        this.aws = aws;
    }

    @Test
    void take_byEightConcurrentTakers_neverHandsOutMoreThanTheBudget_andHandsItAllOut() throws Exception {
        TableNames tables = aws.createTables("Leases");
        DynamoDbBudgetLeases leases = new DynamoDbBudgetLeases(aws.dynamoDb(), tables.sites());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Integer>> takers = new ArrayList<>();
        try {
            for (int t = 0; t < 8; t++) {
                Callable<Integer> taker = () -> {
                    int granted = 0;
                    for (int i = 0; i < 40; i++) {
                        granted += leases.take(SCOPE, WINDOW, 500, 7).granted();
                    }
                    return granted;
                };
                takers.add(pool.submit(taker));
            }
            int total = 0;
            for (Future<Integer> taker : takers) {
                total += taker.get();
            }

            assertThat(total).isEqualTo(500); // 8 x 40 x 7 = 2,240 asked for
            Map<String, AttributeValue> item = item(tables, DynamoDbBudgetLeases.key(SCOPE, WINDOW));
            assertThat(item.get(ItemAttributes.TAKEN).n()).isEqualTo("500");
            assertThat(item.get(ItemAttributes.EXPIRES_AT).n()).isEqualTo(Long.toString(WINDOW + 60));
            assertThat(Long.parseLong(item.get(DynamoDbBudgetLeases.TAKES).n())).isBetween(72L, 80L);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void take_whenLessIsLeftThanWanted_grantsWhatIsLeft_thenNothing_andWindowsAndScopesAreApart() {
        TableNames tables = aws.createTables("LeaseRest");
        DynamoDbBudgetLeases leases = new DynamoDbBudgetLeases(aws.dynamoDb(), tables.sites());

        assertThat(leases.take(SCOPE, WINDOW, 10, 7)).isEqualTo(Lease.granted(7, 7, 1));
        assertThat(leases.take(SCOPE, WINDOW, 10, 7)).isEqualTo(Lease.granted(3, 10, 2));
        assertThat(leases.take(SCOPE, WINDOW, 10, 7)).isEqualTo(Lease.granted(0, 10, 2));
        assertThat(leases.take(SCOPE, WINDOW + 1, 10, 7).granted()).isEqualTo(7);
        assertThat(leases.take("deployment", WINDOW, 10, 70).granted()).isEqualTo(10);
        assertThat(leases.take(SCOPE, WINDOW + 2, 10, 0).granted()).isZero();
    }

    @Test
    void take_whenTheTableIsMissing_isUnavailable_notAnException() {
        DynamoDbBudgetLeases leases = new DynamoDbBudgetLeases(aws.dynamoDb(), "NoSuchTable-Sites");

        assertThat(leases.take(SCOPE, WINDOW, 10, 1)).isEqualTo(Lease.UNAVAILABLE);
    }

    private Map<String, AttributeValue> item(TableNames tables, String key) {
        return aws.dynamoDb()
                .getItem(r -> r.tableName(tables.sites())
                        .consistentRead(true)
                        .key(Map.of(ItemAttributes.SITES_KEY, AttributeValue.fromS(key))))
                .item();
    }
}
