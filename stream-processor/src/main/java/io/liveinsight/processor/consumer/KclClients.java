package io.liveinsight.processor.consumer;

import io.liveinsight.processor.config.ProcessorConfig;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.Http2Configuration;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClientBuilder;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClientBuilder;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClientBuilder;

/**
 * The async clients one KCL application needs, each pointed at its endpoint override when one is set, sharing one
 * Netty event loop group, which {@link #close} stops without Netty's seconds-long quiet period.
 */
record KclClients(
        SdkEventLoopGroup eventLoops,
        KinesisAsyncClient kinesisAsync,
        DynamoDbAsyncClient dynamoDbAsync,
        CloudWatchAsyncClient cloudWatchAsync)
        implements AutoCloseable {

    static KclClients create(ProcessorConfig config) {
        Region region = Region.of(config.region());
        SdkEventLoopGroup eventLoops = SdkEventLoopGroup.builder().build();
        // As KCL's own KinesisClientUtil does: no concurrency cap; HTTP/2 where enhanced fan-out needs it. Polling
        // uses HTTP/1.1, which every Kinesis endpoint and proxy speaks (HTTP/2 without TLS is h2c, which few do).
        KinesisAsyncClientBuilder kinesis = KinesisAsyncClient.builder()
                .region(region)
                .httpClientBuilder(NettyNioAsyncHttpClient.builder()
                        .eventLoopGroup(eventLoops)
                        .maxConcurrency(Integer.MAX_VALUE)
                        .protocol(config.fanOut() ? Protocol.HTTP2 : Protocol.HTTP1_1)
                        .http2Configuration(Http2Configuration.builder()
                                .initialWindowSize(512 * 1024)
                                .healthCheckPingPeriod(Duration.ofSeconds(10))
                                .build()));
        config.kinesisEndpointOverride().ifPresent(kinesis::endpointOverride);
        DynamoDbAsyncClientBuilder dynamoDbAsync = DynamoDbAsyncClient.builder()
                .region(region)
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().eventLoopGroup(eventLoops));
        config.dynamoDbEndpointOverride().ifPresent(dynamoDbAsync::endpointOverride);
        CloudWatchAsyncClientBuilder cloudWatch = CloudWatchAsyncClient.builder()
                .region(region)
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().eventLoopGroup(eventLoops));
        config.cloudWatchEndpointOverride().ifPresent(cloudWatch::endpointOverride);
        return new KclClients(eventLoops, kinesis.build(), dynamoDbAsync.build(), cloudWatch.build());
    }

    @Override
    public void close() {
        kinesisAsync.close();
        dynamoDbAsync.close();
        cloudWatchAsync.close();
        eventLoops.eventLoopGroup().shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
}
