package io.liveinsight.ingest.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.liveinsight.event.contract.Defaults;
import io.liveinsight.ingest.adapter.cloudwatch.CapturingEnvironment;
import io.liveinsight.ingest.adapter.cloudwatch.EmfIngestMetrics;
import io.liveinsight.ingest.config.IngestConfig;
import io.liveinsight.ingest.handler.IngestApplication;
import io.liveinsight.ingest.handler.IngestHandler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The REST handler end to end (parse, validate, enrich, pack the Kinesis records, EMF metrics serialised, response
 * JSON) with only the network call stubbed, on one thread: events per second per core. With {@code -prof gc},
 * {@code gc.alloc.rate.norm} is bytes allocated per event (one operation = one event).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx512m", "-XX:+UseParallelGC"})
@Threads(1)
public class IngestHandlerBenchmark {

    private IngestHandler handler;
    private APIGatewayProxyRequestEvent oneEvent;
    private APIGatewayProxyRequestEvent tenEvents;
    private CapturingEnvironment metricLines;

    @Setup
    public void setUp() {
        metricLines = new CapturingEnvironment(false);
        IngestConfig config = new IngestConfig(
                "bench",
                "us-east-1",
                null,
                Duration.ofSeconds(3),
                List.of("https://shop.example.com"),
                false,
                true,
                0,
                1,
                Defaults.STAGE);
        handler = new IngestHandler(new IngestApplication(
                config, BenchmarkRequests.packingPublisher(), new EmfIngestMetrics(metricLines, config.stage())));
        oneEvent = BenchmarkRequests.beacon(1);
        tenEvents = BenchmarkRequests.beacon(10);
        check(handler.handleRequest(oneEvent, null));
        check(handler.handleRequest(tenEvents, null));
    }

    private static void check(APIGatewayProxyResponseEvent response) {
        if (response.getStatusCode() != 200 || !response.getBody().contains("\"rejected\":[]")) {
            throw new IllegalStateException("benchmark request not accepted: " + response.getBody());
        }
    }

    @Benchmark
    @OperationsPerInvocation(1)
    public APIGatewayProxyResponseEvent eventsPerSecond_1EventPerRequest() {
        return handler.handleRequest(oneEvent, null);
    }

    @Benchmark
    @OperationsPerInvocation(10)
    public APIGatewayProxyResponseEvent eventsPerSecond_10EventsPerRequest() {
        return handler.handleRequest(tenEvents, null);
    }
}
