package io.liveinsight.local;

import com.sun.net.httpserver.HttpHandler;
import io.liveinsight.ingest.config.IngestConfig;
import io.liveinsight.ingest.handler.IngestApplication;
import io.liveinsight.ingest.handler.IngestHandler;
import io.liveinsight.ingest.port.IngestMetrics;
import io.liveinsight.local.engines.AwsEndpoints;
import io.liveinsight.local.engines.LiveInsightResources;
import io.liveinsight.local.engines.LocalAwsClients;
import io.liveinsight.local.engines.LocalCredentials;
import io.liveinsight.processor.config.ProcessorConfig;
import io.liveinsight.processor.consumer.KclConsumer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * The pipeline on one machine, against any DynamoDB and Kinesis endpoints: creates the tables and the stream,
 * starts the KCL consumer, and serves the Lambda edge over HTTP.
 */
public final class LiveInsightStack implements AutoCloseable {

    private final DynamoDbClient dynamoDb;
    private final KinesisClient kinesis;
    private final KclConsumer consumer;
    private final EdgeServer edge;
    private final LocalStackConfig config;

    private LiveInsightStack(
            LocalStackConfig config,
            DynamoDbClient dynamoDb,
            KinesisClient kinesis,
            KclConsumer consumer,
            EdgeServer edge) {
        this.config = config;
        this.dynamoDb = dynamoDb;
        this.kinesis = kinesis;
        this.consumer = consumer;
        this.edge = edge;
    }

    public static LiveInsightStack start(LocalStackConfig config, AwsEndpoints endpoints) {
        DynamoDbClient dynamoDb = LocalAwsClients.dynamoDb(endpoints.dynamoDb());
        KinesisClient kinesis = LocalAwsClients.kinesis(endpoints.kinesis());
        LiveInsightResources.createTables(dynamoDb, config.tables());
        LiveInsightResources.createLeaseTable(dynamoDb, config.applicationName());
        LiveInsightResources.createStream(kinesis, config.streamName(), config.shards());

        LiveInsightResources.createStream(kinesis, config.deadLetterStream(), 1);
        KclConsumer consumer = KclConsumer.start(ProcessorConfig.local(
                config.streamName(),
                config.applicationName(),
                config.tables(),
                endpoints.kinesis(),
                endpoints.dynamoDb(),
                config.deadLetterStream()));
        // Local development: any origin may call the edge (SPEC.md), and no EMF line per request on the console.
        IngestHandler handler = new IngestHandler(new IngestApplication(
                IngestConfig.localDevelopment(config.streamName(), LocalCredentials.REGION.id(), endpoints.kinesis()),
                null,
                IngestMetrics.NONE));
        LiveInsightStack[] self = new LiveInsightStack[1];
        Map<String, HttpHandler> routes = new LinkedHashMap<>(DashboardRoutes.create(config, dynamoDb));
        routes.putAll(TrackerRoutes.create(config));
        routes.put("/metrics", new MetricsRoute(consumer::metrics));
        try {
            EdgeServer edge =
                    EdgeServer.start(config.host(), config.edgePort(), handler, () -> self[0].health(), routes);
            self[0] = new LiveInsightStack(config, dynamoDb, kinesis, consumer, edge);
            return self[0];
        } catch (IOException e) {
            consumer.close();
            throw new UncheckedIOException("cannot serve the edge on " + config.host() + ":" + config.edgePort(), e);
        }
    }

    public URI edgeAddress() {
        return edge.address();
    }

    /** Each dependency as it answers right now. */
    public Health health() {
        Map<String, Boolean> dependencies = new LinkedHashMap<>();
        dependencies.put(
                "kinesis", answers(() -> kinesis.describeStreamSummary(r -> r.streamName(config.streamName()))));
        dependencies.put(
                "dynamodb",
                answers(() ->
                        dynamoDb.describeTable(r -> r.tableName(config.tables().events()))));
        dependencies.put("consumer", consumer.isRunning());
        return new Health(dependencies);
    }

    private static boolean answers(Runnable call) {
        try {
            call.run();
            return true;
        } catch (SdkException e) {
            return false;
        }
    }

    @Override
    public void close() {
        edge.close();
        consumer.close();
        dynamoDb.close();
        kinesis.close();
    }
}
