package io.liveinsight.processor.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.liveinsight.event.contract.MetricNames;
import io.liveinsight.event.time.Sleeper;
import io.liveinsight.processor.config.ProcessorConfig;
import io.liveinsight.processor.metrics.InMemoryStreamMetrics;
import io.liveinsight.processor.pipeline.BatchRetry;
import io.liveinsight.processor.pipeline.DayFinalizer;
import io.liveinsight.processor.pipeline.Pipeline;
import io.liveinsight.processor.pipeline.RecordDecoder.RawRecord;
import io.liveinsight.processor.pipeline.SdkClients;
import io.liveinsight.processor.port.StreamMetrics;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * The serverless entry point: a Lambda behind a Kinesis event source mapping (with {@code ReportBatchItemFailures}
 * and bisect-on-error), on the same {@link Pipeline} and the same {@link BatchRetry} rules as the KCL application. A
 * batch that fails deterministically is sent whole to the dead letters after {@value BatchRetry#DETERMINISTIC_ATTEMPTS}
 * attempts and reported stored: an exception (or failed items) would make the mapping retry it for as long as the
 * records live, stopping the shard. If the batch is not settled before the invocation's time runs low (a store that
 * stays unavailable), every record is reported failed, so Lambda retries the batch (harmlessly: writes are
 * exactly-once) instead of moving past it.
 */
public final class KinesisEventHandler implements RequestHandler<KinesisEvent, StreamsEventResponse> {

    /**
     * Time kept in hand to answer before Lambda's own timeout: more than the writer's longest backoff (5 s), which
     * may have begun just before the deadline, plus one call.
     */
    static final Duration SAFETY_MARGIN = Duration.ofSeconds(8);

    /** Time that must be left after a batch for the day finalizer's work (checks and sweeps) to begin. */
    public static final Duration DAYS_BUDGET = Duration.ofSeconds(30);

    private final BatchRetry retry;
    private final DayFinalizer days;
    private final InMemoryStreamMetrics metrics;
    private final String stage;
    private final Consumer<String> metricLines;
    private final Clock clock;
    private final AtomicLong deadlineMillis = new AtomicLong(Long.MAX_VALUE);

    public KinesisEventHandler() {
        this(ProcessorConfig.fromEnvironment(System.getenv()));
    }

    public KinesisEventHandler(ProcessorConfig config) {
        this(config, System.out::println);
    }

    /** @param metricLines where the Embedded Metric Format lines go: standard output in Lambda */
    KinesisEventHandler(ProcessorConfig config, Consumer<String> metricLines) {
        this(
                config.stage(),
                metricLines,
                (metrics, stopping) -> Pipeline.create(
                        config,
                        SdkClients.tables(config, UrlConnectionHttpClient.builder()),
                        SdkClients.deadLetters(config, UrlConnectionHttpClient.builder()),
                        metrics,
                        stopping),
                Sleeper.SYSTEM,
                Clock.systemUTC());
    }

    /**
     * @param pipeline builds the pipeline on the handler's metrics and its deadline (true once the invocation's time
     *     runs low)
     */
    KinesisEventHandler(
            String stage,
            Consumer<String> metricLines,
            BiFunction<StreamMetrics, BooleanSupplier, Pipeline> pipeline,
            Sleeper sleeper,
            Clock clock) {
        this.metrics = new InMemoryStreamMetrics();
        this.stage = stage;
        this.metricLines = metricLines;
        this.clock = clock;
        Pipeline built = pipeline.apply(metrics, () -> clock.millis() > deadlineMillis.get());
        this.retry = new BatchRetry(built, sleeper);
        this.days = built.days();
    }

    @Override
    public StreamsEventResponse handleRequest(KinesisEvent event, Context context) {
        long remaining = context == null ? Duration.ofMinutes(5).toMillis() : context.getRemainingTimeInMillis();
        deadlineMillis.set(clock.millis() + remaining - SAFETY_MARGIN.toMillis());
        List<RawRecord> records = event.getRecords().stream()
                .map(record -> new RawRecord(
                        shardOf(record.getEventID()),
                        record.getKinesis().getPartitionKey(),
                        record.getKinesis().getSequenceNumber(),
                        bytes(record.getKinesis().getData())))
                .toList();
        BatchRetry.Outcome outcome = retry.settle(records, source(event));
        if (outcome != BatchRetry.Outcome.STOPPED && clock.millis() + DAYS_BUDGET.toMillis() <= deadlineMillis.get()) {
            // No idle calls here: each invocation does what is due (a shard's first check, a sweep every 15 min).
            records.stream().map(RawRecord::shardId).distinct().forEach(days::started);
            days.tick();
        }
        Map<String, Double> values = metrics.drain();
        values.put(
                MetricNames.OLDEST_UNSTORED_BATCH_AGE,
                outcome == BatchRetry.Outcome.STOPPED ? (double) oldestRecordAge(event) : 0.0);
        metricLines.accept(EmbeddedMetricLine.of(values, stage, clock.millis()));
        if (outcome != BatchRetry.Outcome.STOPPED) {
            return StreamsEventResponse.builder()
                    .withBatchItemFailures(List.of())
                    .build();
        }
        return StreamsEventResponse.builder()
                .withBatchItemFailures(records.stream()
                        .map(record -> StreamsEventResponse.BatchItemFailure.builder()
                                .withItemIdentifier(record.sequenceNumber())
                                .build())
                        .toList())
                .build();
    }

    /**
     * For a batch left unstored: how long its oldest record has been on the stream (the mapping retries the same
     * batch, so across invocations this grows like the KCL application's {@code OldestUnstoredBatchAge}); 0 if the
     * arrival times are missing.
     */
    private long oldestRecordAge(KinesisEvent event) {
        OptionalLong oldest = event.getRecords().stream()
                .map(record -> record.getKinesis().getApproximateArrivalTimestamp())
                .filter(Objects::nonNull)
                .mapToLong(Date::getTime)
                .min();
        return oldest.isPresent() ? Math.max(0, clock.millis() - oldest.getAsLong()) : 0;
    }

    /** {@code Lambda batch of shardId-000000000001}, for the logs. */
    private static String source(KinesisEvent event) {
        return "Lambda batch of "
                + (event.getRecords().isEmpty()
                        ? "no records"
                        : shardOf(event.getRecords().get(0).getEventID()));
    }

    private static byte[] bytes(ByteBuffer data) {
        ByteBuffer copy = data.asReadOnlyBuffer();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }

    /** The shard of a record: Lambda names a record {@code <shard id>:<sequence number>}. */
    static String shardOf(String eventId) {
        int colon = eventId == null ? -1 : eventId.indexOf(':');
        return colon < 0 ? "unknown-shard" : eventId.substring(0, colon);
    }
}
