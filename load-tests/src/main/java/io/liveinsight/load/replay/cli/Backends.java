package io.liveinsight.load.replay.cli;

import io.liveinsight.event.TableNames;
import io.liveinsight.load.check.DynamoDbStoredItems;
import io.liveinsight.load.check.StoredItems;
import io.liveinsight.load.replay.compare.DashboardStats;
import io.liveinsight.load.replay.compare.HttpDashboardStats;
import io.liveinsight.load.replay.send.ReplayHttpSender;
import io.liveinsight.load.replay.source.ArchiveSource;
import io.liveinsight.load.replay.source.FolderArchiveStore;
import io.liveinsight.load.replay.source.GeneratorSource;
import io.liveinsight.load.replay.source.HarSource;
import io.liveinsight.load.replay.source.NdjsonSource;
import io.liveinsight.load.replay.source.ReplaySource;
import io.liveinsight.load.replay.source.S3ArchiveStore;
import io.liveinsight.local.engines.LocalAwsClients;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** The adapters one replay uses, built from its options, closed together. */
final class Backends implements AutoCloseable {

    private final List<AutoCloseable> open = new ArrayList<>();
    final HttpClient http = ReplayHttpSender.client();
    final ReplaySource source;
    final StoredItems tables;
    final DashboardStats dashboard;

    Backends(ReplayOptions options) {
        source = source(options);
        tables = options.dynamoDb() == null
                ? null
                : new DynamoDbStoredItems(dynamoDb(options), TableNames.withPrefix(options.tablePrefix()));
        dashboard = options.dashboard() == null
                ? null
                : new HttpDashboardStats(http, options.dashboard(), options.dashboardToken());
    }

    private ReplaySource source(ReplayOptions options) {
        return switch (options.sourceKind()) {
            case ARCHIVE -> new ArchiveSource(new FolderArchiveStore(Path.of(options.sourceValue())), options.range());
            case S3 -> {
                String[] bucketAndPrefix = S3ArchiveStore.parse(options.sourceValue());
                yield new ArchiveSource(
                        new S3ArchiveStore(s3(options), bucketAndPrefix[0], bucketAndPrefix[1]), options.range());
            }
            case NDJSON -> new NdjsonSource(Path.of(options.sourceValue()), options.range());
            case HAR -> new HarSource(Path.of(options.sourceValue()), options.range());
            case GENERATE -> new GeneratorSource(options.generator());
        };
    }

    private S3Client s3(ReplayOptions options) {
        S3ClientBuilder builder = S3Client.builder().httpClientBuilder(ApacheHttpClient.builder());
        if (options.region() != null) {
            builder.region(Region.of(options.region()));
        }
        if (options.s3Endpoint() != null) {
            builder.endpointOverride(options.s3Endpoint()).forcePathStyle(true);
            if (options.region() == null) {
                builder.region(Region.US_EAST_1);
            }
        }
        return keep(builder.build());
    }

    private DynamoDbClient dynamoDb(ReplayOptions options) {
        if (!options.dynamoDb().equals("aws")) {
            return keep(LocalAwsClients.dynamoDb(URI.create(options.dynamoDb())));
        }
        DynamoDbClientBuilder builder = DynamoDbClient.builder().httpClientBuilder(ApacheHttpClient.builder());
        if (options.region() != null) {
            builder.region(Region.of(options.region()));
        }
        return keep(builder.build());
    }

    private <T extends AutoCloseable> T keep(T client) {
        open.add(client);
        return client;
    }

    @Override
    public void close() {
        for (AutoCloseable client : open) {
            try {
                client.close();
            } catch (Exception e) {
                // closing at the end: nothing left to do about it
            }
        }
        http.close();
    }
}
