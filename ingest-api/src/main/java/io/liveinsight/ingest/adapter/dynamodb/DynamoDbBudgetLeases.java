package io.liveinsight.ingest.adapter.dynamodb;

import io.liveinsight.event.contract.ItemAttributes;
import io.liveinsight.ingest.port.BudgetLeases;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Shared budgets on the Sites table (docs/contract/sites.md#shared-budgets): one item per scope and 1-second window,
 * {@code pk = lease#<scope>#<window start, epoch s>}, whose {@code taken} grows by one conditional {@code UpdateItem}
 * ({@code ADD taken :n} only if {@code taken + n} stays within the window's budget), and which expires a minute after
 * its window ({@code expires_at}); {@code takes} counts the takes that got events, so instances can tell how many
 * share the window. When the condition fails, the item's {@code taken} comes back with the refusal
 * ({@code ReturnValuesOnConditionCheckFailure}), and what is left of the window, if anything, is taken instead: so a
 * window is handed out to the last event, and never beyond it, whatever the number of takers.
 *
 * <p>Errors: a refused condition is an answer; any other SDK failure (throttling, timeouts, a missing table) is
 * {@link Lease#UNAVAILABLE} and the caller decides (it admits from a local share). The client's own retries stay on:
 * one short, idempotent-enough call (a retried ADD that had landed only takes a slice twice: wasted, never exceeded).
 */
public final class DynamoDbBudgetLeases implements BudgetLeases {

    /** How long a window's item outlives the window. */
    public static final long EXPIRES_AFTER_SECONDS = 60;

    /** The takes that got events from the window (how many instances share it). */
    public static final String TAKES = "takes";

    private static final String PREFIX = "lease#";
    private static final int MAX_ATTEMPTS = 3;

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final LongAdder requests = new LongAdder();

    public DynamoDbBudgetLeases(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    /** The lease item's key for a scope and window. */
    public static String key(String scope, long window) {
        return PREFIX + scope + "#" + window;
    }

    @Override
    public Lease take(String scope, long window, int budget, int wanted) {
        int asking = Math.min(wanted, budget);
        for (int attempt = 0; attempt < MAX_ATTEMPTS && asking > 0; attempt++) {
            requests.increment();
            try {
                Map<String, AttributeValue> after = dynamoDb.updateItem(request(scope, window, budget, asking))
                        .attributes();
                return Lease.granted(asking, number(after, ItemAttributes.TAKEN), number(after, TAKES));
            } catch (ConditionalCheckFailedException full) {
                long taken = number(full.item(), ItemAttributes.TAKEN);
                asking = (int) Math.min(wanted, budget - taken); // what is left, raced for again
                if (asking <= 0) {
                    return Lease.granted(0, taken, number(full.item(), TAKES));
                }
            } catch (SdkException e) {
                return Lease.UNAVAILABLE;
            }
        }
        return Lease.granted(
                0, budget, 0); // lost the race for the last events three times: the window is as good as full
    }

    /** UpdateItem calls made so far, refused ones included (what the shared budgets cost: README#limits). */
    public long requests() {
        return requests.sum();
    }

    private UpdateItemRequest request(String scope, long window, int budget, int asking) {
        return UpdateItemRequest.builder()
                .tableName(table)
                .key(Map.of(ItemAttributes.SITES_KEY, s(key(scope, window))))
                .updateExpression("ADD #taken :n, #takes :one SET #expires = if_not_exists(#expires, :expires)")
                .conditionExpression("attribute_not_exists(#taken) OR #taken <= :most")
                .expressionAttributeNames(
                        Map.of("#taken", ItemAttributes.TAKEN, "#takes", TAKES, "#expires", ItemAttributes.EXPIRES_AT))
                .expressionAttributeValues(Map.of(
                        ":n", n(asking),
                        ":one", n(1),
                        ":most", n(budget - asking),
                        ":expires", n(window + EXPIRES_AFTER_SECONDS)))
                .returnValues(ReturnValue.UPDATED_NEW)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build();
    }

    private static long number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item == null ? null : item.get(name);
        return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
    }

    private static AttributeValue s(String value) {
        return AttributeValue.builder().s(value).build();
    }

    private static AttributeValue n(long value) {
        return AttributeValue.builder().n(Long.toString(value)).build();
    }
}
