package io.liveinsight.ingest.adapter.kinesis;

import io.liveinsight.ingest.config.IngestConfig;
import java.time.Duration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.KinesisClientBuilder;

/**
 * The edge's Kinesis client, built once per container: the JDK's HTTP client (no Netty, no Apache), and no SDK
 * retries: the publisher retries refused entries itself within its time budget, so the two do not multiply.
 */
public final class KinesisClientFactory {

    private KinesisClientFactory() {}

    public static KinesisClient create(IngestConfig config) {
        KinesisClientBuilder builder = KinesisClient.builder()
                .region(Region.of(config.region()))
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(1))
                        .socketTimeout(Duration.ofSeconds(2)))
                .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1))
                        .apiCallTimeout(config.publishBudget())
                        .addExecutionInterceptor(new PrimingInterceptor()));
        config.kinesisEndpointOverride().ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
