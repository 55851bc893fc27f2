package io.liveinsight.infra;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.lambda.EventSourceMappingOptions;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.StartingPosition;
import software.constructs.Construct;

/**
 * The serverless alternative to {@link ProcessorService}: {@code KinesisEventHandler} behind an event source mapping
 * that reports batch item failures and bisects a failing batch, so one bad record never holds up a shard.
 */
public final class ProcessorFunction extends Construct {

    public static final String HANDLER = "io.liveinsight.processor.handler.KinesisEventHandler::handleRequest";
    static final int MEMORY_MB = 1024;
    static final Duration TIMEOUT = Duration.minutes(2);
    static final int BATCH_SIZE = 500;
    static final Duration BATCHING_WINDOW = Duration.seconds(1);
    /**
     * Practically unbounded (CloudFormation's ceiling): the pipeline sends poison records, and a batch that fails
     * deterministically three times, to the dead-letter stream itself and reports it stored, so a failing batch means
     * a table is unavailable or misconfigured; it waits on the shard (the lag and stuck-shard alarms fire) rather than
     * being skipped, as the KCL application does.
     */
    static final int RETRY_ATTEMPTS = 10_000;

    private final JavaFunction parts;

    public ProcessorFunction(
            Construct scope, String id, InfraConfig config, StreamConstruct streams, TablesConstruct tables) {
        super(scope, id);
        this.parts = new JavaFunction(
                this,
                "Lambda",
                config,
                new JavaFunction.Spec(
                        config.name("StreamProcessor"),
                        HANDLER,
                        config.asset(ProcessorService.ASSET),
                        MEMORY_MB,
                        TIMEOUT,
                        false,
                        Processor.environment(config, streams)));
        ProcessorPermissions.grantPipeline(parts.role(), tables, streams.deadLetters());
        // The mapping is declared directly (not through KinesisEventSource, whose grant adds ListStreams and the
        // enhanced fan-out reads): the role reads the stream with exactly the polling calls.
        ProcessorPermissions.grantStreamRead(parts.role(), streams.events());
        parts.function()
                .addEventSourceMapping(
                        "Stream",
                        EventSourceMappingOptions.builder()
                                .eventSourceArn(streams.events().getStreamArn())
                                .startingPosition(StartingPosition.TRIM_HORIZON)
                                .batchSize(BATCH_SIZE)
                                .maxBatchingWindow(BATCHING_WINDOW)
                                .bisectBatchOnError(true)
                                .reportBatchItemFailures(true)
                                .retryAttempts(RETRY_ATTEMPTS)
                                .build());
    }

    public Function function() {
        return parts.function();
    }

    public JavaFunction parts() {
        return parts;
    }
}
