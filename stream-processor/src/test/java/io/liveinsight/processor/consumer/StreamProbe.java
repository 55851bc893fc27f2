package io.liveinsight.processor.consumer;

import io.liveinsight.event.Event;
import io.liveinsight.event.EventCodec;
import io.liveinsight.event.TableNames;
import io.liveinsight.event.contract.ItemAttributes;
import io.liveinsight.local.engines.LocalAws;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** What the KCL tests do to the local engines: put one page view of a session, see it stored, wait for something. */
final class StreamProbe {

    private static final EventCodec CODEC = new EventCodec();

    private StreamProbe() {}

    /** One page view of {@code session} (event id {@code <session>-e1}) on the stream, as the edge writes it. */
    static void putPageView(LocalAws aws, String stream, String session) {
        long now = System.currentTimeMillis();
        Event event = new Event(
                session + "-e1",
                "u1",
                session,
                "page_view",
                now,
                "https://shop.example/",
                null,
                "Mozilla/5.0",
                Map.of(),
                null,
                null,
                null,
                null,
                now,
                "198.51.100.0",
                false,
                false);
        aws.kinesis().putRecord(r -> r.streamName(stream)
                .partitionKey(session)
                .data(SdkBytes.fromByteArray(CODEC.encode(List.of(event)))));
    }

    /** Whether the session's Sessions item exists (false while its table is away). */
    static boolean stored(LocalAws aws, TableNames tables, String session) {
        try {
            Map<String, AttributeValue> item = aws.dynamoDb()
                    .getItem(r -> r.tableName(tables.sessions())
                            .key(Map.of(ItemAttributes.SESSION_ID, AttributeValue.fromS(session)))
                            .consistentRead(true))
                    .item();
            return item != null && !item.isEmpty();
        } catch (RuntimeException e) {
            return false; // the table is being created again, or DynamoDB is down
        }
    }

    /** Polls every 100 ms; fails naming {@code what}, the timeout and what {@code context} says then. */
    static void await(String what, Duration timeout, BooleanSupplier condition, Supplier<String> context) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + timeout + context.get());
            }
            sleep(Duration.ofMillis(100));
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
