package io.liveinsight.processor.handler;

import static io.liveinsight.processor.Events.pageView;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import io.liveinsight.event.Event;
import io.liveinsight.event.EventCodec;
import io.liveinsight.event.TableNames;
import io.liveinsight.event.contract.ItemAttributes;
import io.liveinsight.event.stats.Resolution;
import io.liveinsight.event.stats.StatsKey;
import io.liveinsight.local.engines.LocalAws;
import io.liveinsight.local.engines.WithLocalAws;
import io.liveinsight.processor.ManualClock;
import io.liveinsight.processor.config.ProcessorConfig;
import io.liveinsight.processor.domain.stats.DayRules;
import io.liveinsight.processor.pipeline.Pipeline;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Day items through the Lambda door (docs/contract/tables.md#day-items): no idle calls there, so each invocation
 * tells the day finalizer its shard and lets it do what is due, when time is left for it. A {@link ManualClock}
 * moves the days.
 */
@WithLocalAws
class KinesisEventHandlerDaysTest {

    private static final Instant DAY = Instant.parse("2026-11-20T00:00:00Z");
    private static final StatsKey D = StatsKey.of(StatsKey.DEFAULT_SITE, Resolution.DAY, DAY.toEpochMilli());
    private static final Instant D_FINAL = DAY.plus(Duration.ofDays(1)).plus(DayRules.FINAL_AFTER);
    private static final String SHARD = "shardId-000000000009";
    /** Enough for the batch's 8 s safety margin and the finalizer's 30 s. */
    private static final int ENOUGH = 38_000;

    private final LocalAws aws;
    private final ManualClock clock = new ManualClock(DAY.plus(Duration.ofHours(10)));
    private TableNames tables;
    private long sequence = 1;

    KinesisEventHandlerDaysTest(LocalAws aws) {
        this.aws = aws;
    }

    @Test
    void handleRequest_inANewContainer_finishesItsShardsLastDays() {
        tables = aws.createTables("DaysLambda");
        handler()
                .handleRequest(
                        batch(pageView("e1", "s1", DAY.plus(Duration.ofHours(9)).toEpochMilli(), "/a")), null);
        Map<String, AttributeValue> open = day();

        clock.advance(Duration.between(clock.instant(), D_FINAL));
        handler().handleRequest(batch(today("e2")), new KinesisEventHandlerTestContext(ENOUGH));

        assertThat(open).doesNotContainKey(ItemAttributes.FINAL);
        assertThat(day().get(ItemAttributes.FINAL).bool()).isTrue();
    }

    @Test
    void handleRequest_withLittleTimeLeft_leavesTheDaysToALaterInvocation() {
        tables = aws.createTables("DaysLambdaShort");
        handler()
                .handleRequest(
                        batch(pageView("e1", "s1", DAY.plus(Duration.ofHours(9)).toEpochMilli(), "/a")), null);
        clock.advance(Duration.between(clock.instant(), D_FINAL));
        KinesisEventHandler handler = handler();

        handler.handleRequest(batch(today("e2")), new KinesisEventHandlerTestContext(ENOUGH - 1));
        Map<String, AttributeValue> left = day();
        handler.handleRequest(batch(today("e3")), new KinesisEventHandlerTestContext(ENOUGH));

        assertThat(left).doesNotContainKey(ItemAttributes.FINAL);
        assertThat(day().get(ItemAttributes.FINAL).bool()).isTrue();
    }

    /** A handler in a new container: its own pipeline and day finalizer, on the test's clock. */
    private KinesisEventHandler handler() {
        ProcessorConfig config = ProcessorConfig.local(
                "unused",
                "unused",
                tables,
                aws.endpoints().kinesis(),
                aws.endpoints().dynamoDb(),
                "unused");
        return new KinesisEventHandler(
                "qa",
                line -> {},
                (metrics, stopping) -> Pipeline.create(config, aws.dynamoDb(), aws.kinesis(), metrics, stopping, clock),
                wait -> {},
                clock);
    }

    private Event today(String id) {
        return pageView(id, "s-" + id, clock.millis() - 60_000, "/now");
    }

    private KinesisEvent batch(Event event) {
        KinesisEvent.Record kinesis = new KinesisEvent.Record();
        kinesis.setPartitionKey(event.sessionId());
        String number = Long.toString(sequence++);
        kinesis.setSequenceNumber(number);
        kinesis.setData(ByteBuffer.wrap(new EventCodec().encode(List.of(event))));
        KinesisEvent.KinesisEventRecord record = new KinesisEvent.KinesisEventRecord();
        record.setKinesis(kinesis);
        record.setEventSource("aws:kinesis");
        record.setEventID(SHARD + ":" + number);
        KinesisEvent batch = new KinesisEvent();
        batch.setRecords(List.of(record));
        return batch;
    }

    private Map<String, AttributeValue> day() {
        return aws.dynamoDb()
                .getItem(r -> r.tableName(tables.stats())
                        .consistentRead(true)
                        .key(Map.of(
                                ItemAttributes.STATS_KEY,
                                AttributeValue.fromS(D.value()),
                                ItemAttributes.STATS_SHARD,
                                AttributeValue.fromS(SHARD))))
                .item();
    }
}
