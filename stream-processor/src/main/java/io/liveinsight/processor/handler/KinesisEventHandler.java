package io.liveinsight.processor.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.liveinsight.processor.config.ProcessorConfig;
import io.liveinsight.processor.consumer.Pipeline;
import io.liveinsight.processor.consumer.RecordDecoder.RawRecord;
import io.liveinsight.processor.metrics.InMemoryStreamMetrics;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.KinesisClientBuilder;

/**
 * The serverless entry point: a Lambda behind a Kinesis event source mapping (with {@code ReportBatchItemFailures}
 * and bisect-on-error), on the same {@link Pipeline} as the KCL application. If the batch is not stored before the
 * invocation's time runs low, every record is reported failed, so Lambda retries the batch (harmlessly: writes are
 * exactly-once) instead of moving past it.
 */
public final class KinesisEventHandler implements RequestHandler<KinesisEvent, StreamsEventResponse> {

    /**
     * Time kept in hand to answer before Lambda's own timeout: more than the writer's longest backoff (5 s), which
     * may have begun just before the deadline, plus one call.
     */
    static final Duration SAFETY_MARGIN = Duration.ofSeconds(8);

    private final Pipeline pipeline;
    private final InMemoryStreamMetrics metrics;
    private final String stage;
    private final Consumer<String> metricLines;
    private final AtomicLong deadlineMillis = new AtomicLong(Long.MAX_VALUE);

    public KinesisEventHandler() {
        this(ProcessorConfig.fromEnvironment(System.getenv()));
    }

    public KinesisEventHandler(ProcessorConfig config) {
        this(config, System.out::println);
    }

    /** @param metricLines where the Embedded Metric Format lines go: standard output in Lambda */
    KinesisEventHandler(ProcessorConfig config, Consumer<String> metricLines) {
        this.metrics = new InMemoryStreamMetrics();
        this.stage = config.stage();
        this.metricLines = metricLines;
        this.pipeline = Pipeline.create(
                config,
                dynamoDb(config),
                kinesis(config),
                metrics,
                () -> System.currentTimeMillis() > deadlineMillis.get());
    }

    @Override
    public StreamsEventResponse handleRequest(KinesisEvent event, Context context) {
        long remaining = context == null ? Duration.ofMinutes(5).toMillis() : context.getRemainingTimeInMillis();
        deadlineMillis.set(System.currentTimeMillis() + remaining - SAFETY_MARGIN.toMillis());
        List<RawRecord> records = event.getRecords().stream()
                .map(record -> new RawRecord(
                        record.getKinesis().getPartitionKey(),
                        record.getKinesis().getSequenceNumber(),
                        bytes(record.getKinesis().getData())))
                .toList();
        boolean stored = pipeline.process(records);
        metricLines.accept(EmbeddedMetricLine.of(metrics.drain(), stage, System.currentTimeMillis()));
        if (stored) {
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

    private static byte[] bytes(ByteBuffer data) {
        ByteBuffer copy = data.asReadOnlyBuffer();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }

    private static DynamoDbClient dynamoDb(ProcessorConfig config) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .region(Region.of(config.region()))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)));
        config.dynamoDbEndpointOverride().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private static KinesisClient kinesis(ProcessorConfig config) {
        KinesisClientBuilder builder = KinesisClient.builder()
                .region(Region.of(config.region()))
                .httpClientBuilder(UrlConnectionHttpClient.builder());
        config.kinesisEndpointOverride().ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
