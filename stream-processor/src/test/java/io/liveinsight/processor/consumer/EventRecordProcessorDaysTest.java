package io.liveinsight.processor.consumer;

import static io.liveinsight.processor.Events.pageView;
import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.event.Event;
import io.liveinsight.event.EventCodec;
import io.liveinsight.event.TableNames;
import io.liveinsight.event.contract.ItemAttributes;
import io.liveinsight.event.stats.Counts;
import io.liveinsight.event.stats.Resolution;
import io.liveinsight.event.stats.Rollup;
import io.liveinsight.event.stats.RollupCodec;
import io.liveinsight.event.stats.StatsKey;
import io.liveinsight.local.engines.LocalAws;
import io.liveinsight.local.engines.WithLocalAws;
import io.liveinsight.processor.ManualClock;
import io.liveinsight.processor.config.ProcessorConfig;
import io.liveinsight.processor.domain.stats.DayRules;
import io.liveinsight.processor.metrics.InMemoryStreamMetrics;
import io.liveinsight.processor.pipeline.DayFinalizer;
import io.liveinsight.processor.pipeline.Pipeline;
import io.liveinsight.processor.progress.ShardProgress;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.kinesis.lifecycle.events.InitializationInput;
import software.amazon.kinesis.lifecycle.events.ProcessRecordsInput;
import software.amazon.kinesis.processor.RecordProcessorCheckpointer;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/**
 * Day items through the KCL door (docs/contract/tables.md#day-items): the real {@link Pipeline} on DynamoDB Local, a
 * {@link ManualClock} for the days to pass (no test sleeps), and KCL's empty calls between batches, which checkpoint
 * nothing.
 */
@WithLocalAws
class EventRecordProcessorDaysTest {

    private static final Instant DAY = Instant.parse("2026-11-20T00:00:00Z");
    private static final StatsKey D = StatsKey.of(StatsKey.DEFAULT_SITE, Resolution.DAY, DAY.toEpochMilli());
    private static final Instant D_FINAL = DAY.plus(Duration.ofDays(1)).plus(DayRules.FINAL_AFTER);
    private static final String SHARD = "shardId-000000000004";

    private final LocalAws aws;
    private final ManualClock clock = new ManualClock(DAY.plus(Duration.ofHours(10)));
    private final AtomicInteger checkpoints = new AtomicInteger();
    private final InMemoryStreamMetrics metrics = new InMemoryStreamMetrics();
    private final ShardProgress progress = new ShardProgress(clock, Duration.ofMinutes(1));
    private TableNames tables;

    EventRecordProcessorDaysTest(LocalAws aws) {
        this.aws = aws;
    }

    @Test
    void aDay_isOpenWhileItCanChange_finalAndTheSumOfItsHours26HoursAfter_andWrittenAgainAfterALateEvent() {
        tables = aws.createTables("DaysDoor");
        EventRecordProcessor processor = processor();

        processor.processRecords(batch(
                1,
                pageView("e1", "s1", at(9, 10), "https://example.com/a"),
                pageView("e2", "s1", at(9, 12), "https://example.com/b")));
        processor.processRecords(empty(0));
        Map<String, AttributeValue> open = day();
        clock.advance(Duration.between(clock.instant(), D_FINAL.minusSeconds(1)));
        processor.processRecords(empty(0));
        Map<String, AttributeValue> stillOpen = day();
        clock.advance(DayFinalizer.SWEEP_EVERY.plusSeconds(1));
        processor.processRecords(empty(1_500));
        Map<String, AttributeValue> done = day();

        assertThat(open).doesNotContainKey(ItemAttributes.FINAL).containsKey(ItemAttributes.REVISION);
        assertThat(stillOpen).doesNotContainKey(ItemAttributes.FINAL);
        assertThat(done.get(ItemAttributes.FINAL).bool()).isTrue();
        assertThat(rollup(done)).isEqualTo(DayRules.sum(hours()));
        assertThat(rollup(done).totals()).isEqualTo(new Counts(2, 2, 1, 1, 120_000, 0, 0, 0, 0, 0));
        assertThat(checkpoints).as("empty calls checkpoint nothing").hasValue(1);
        assertThat(progress.snapshot().maxMillisBehindLatest()).isEqualTo(1_500);

        processor.processRecords(batch(2, pageView("e3", "s2", at(23, 30), "https://example.com/late")));
        Map<String, AttributeValue> rewritten = day();
        processor.processRecords(batch(2, pageView("e3", "s2", at(23, 30), "https://example.com/late")));
        Map<String, AttributeValue> replayed = day();

        assertThat(rewritten.get(ItemAttributes.FINAL).bool()).isTrue();
        assertThat(rollup(rewritten)).isEqualTo(DayRules.sum(hours()));
        assertThat(rollup(rewritten).totals()).isEqualTo(new Counts(3, 3, 2, 2, 120_000, 1, 0, 0, 0, 0));
        assertThat(Long.parseLong(rewritten.get(ItemAttributes.REVISION).n()))
                .as("reopened, then final again")
                .isEqualTo(Long.parseLong(done.get(ItemAttributes.REVISION).n()) + 2);
        assertThat(rollup(replayed)).as("a replay counts nothing twice").isEqualTo(rollup(rewritten));
        assertThat(checkpoints).hasValue(3);
    }

    @Test
    void aShardStarting_writesTheDayItemsMissingFromItsLastDays_andLeavesTheOthers() {
        tables = aws.createTables("DaysStart");
        processor().processRecords(batch(1, pageView("e1", "s1", at(9, 10), "https://example.com/a")));
        clock.advance(Duration.between(clock.instant(), D_FINAL));
        processor().processRecords(empty(0)); // a new process: its start-up check finishes the day
        Map<String, AttributeValue> done = day();

        processor().processRecords(empty(0));
        Map<String, AttributeValue> unchanged = day();
        aws.dynamoDb().deleteItem(r -> r.tableName(tables.stats()).key(key(D)));
        processor().processRecords(empty(0));
        Map<String, AttributeValue> restored = day();

        assertThat(done.get(ItemAttributes.FINAL).bool()).isTrue();
        assertThat(unchanged).isEqualTo(done);
        assertThat(restored.get(ItemAttributes.FINAL).bool()).isTrue();
        assertThat(restored.get(ItemAttributes.REVISION).n()).isEqualTo("1");
        assertThat(rollup(restored)).isEqualTo(rollup(done));
        assertThat(checkpoints).hasValue(1);
    }

    /** A processor of a new process (its own pipeline and day finalizer), initialized on {@link #SHARD}. */
    private EventRecordProcessor processor() {
        Pipeline pipeline = Pipeline.create(
                ProcessorConfig.local(
                        "unused",
                        "unused",
                        tables,
                        aws.endpoints().kinesis(),
                        aws.endpoints().dynamoDb(),
                        "unused"),
                aws.dynamoDb(),
                aws.kinesis(),
                metrics,
                () -> false,
                clock);
        EventRecordProcessor processor = new EventRecordProcessor(pipeline, progress, wait -> {});
        processor.initialize(InitializationInput.builder().shardId(SHARD).build());
        return processor;
    }

    private static long at(int hour, int minute) {
        return DAY.plus(Duration.ofHours(hour).plusMinutes(minute)).toEpochMilli();
    }

    private ProcessRecordsInput batch(long sequence, Event... events) {
        KinesisClientRecord record = KinesisClientRecord.builder()
                .partitionKey(events[0].sessionId())
                .sequenceNumber(Long.toString(sequence))
                .approximateArrivalTimestamp(clock.instant())
                .data(ByteBuffer.wrap(new EventCodec().encode(List.of(events))))
                .build();
        return ProcessRecordsInput.builder()
                .records(List.of(record))
                .checkpointer(checkpointer())
                .millisBehindLatest(0L)
                .build();
    }

    private ProcessRecordsInput empty(long millisBehindLatest) {
        return ProcessRecordsInput.builder()
                .records(List.of())
                .checkpointer(checkpointer())
                .millisBehindLatest(millisBehindLatest)
                .build();
    }

    private RecordProcessorCheckpointer checkpointer() {
        return (RecordProcessorCheckpointer) Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {RecordProcessorCheckpointer.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("checkpoint")) {
                        checkpoints.incrementAndGet();
                    }
                    return null;
                });
    }

    private Map<String, AttributeValue> day() {
        return item(D);
    }

    /** The shard's hour items of the day, as stored. */
    private List<Rollup> hours() {
        List<Rollup> hours = new ArrayList<>();
        for (StatsKey hour : DayRules.hoursOf(D)) {
            Map<String, AttributeValue> item = item(hour);
            if (item != null) {
                hours.add(rollup(item));
            }
        }
        return hours;
    }

    private Map<String, AttributeValue> item(StatsKey key) {
        Map<String, AttributeValue> item = aws.dynamoDb()
                .getItem(r -> r.tableName(tables.stats()).consistentRead(true).key(key(key)))
                .item();
        return item == null || item.isEmpty() ? null : item;
    }

    private static Map<String, AttributeValue> key(StatsKey key) {
        return Map.of(
                ItemAttributes.STATS_KEY,
                AttributeValue.fromS(key.value()),
                ItemAttributes.STATS_SHARD,
                AttributeValue.fromS(SHARD));
    }

    private static Rollup rollup(Map<String, AttributeValue> item) {
        return RollupCodec.decode(item.get(ItemAttributes.ROLLUP).b().asByteArray());
    }
}
