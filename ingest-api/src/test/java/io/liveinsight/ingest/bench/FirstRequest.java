package io.liveinsight.ingest.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.liveinsight.ingest.config.IngestConfig;
import io.liveinsight.ingest.handler.IngestApplication;
import io.liveinsight.ingest.handler.IngestHandler;

/**
 * One cold container: builds the handler from the environment as the Lambda runtime would, handles one 10-event
 * beacon against the configured Kinesis endpoint, prints {@code FIRST <status> <init ms> <first request ms>}, then the
 * time of a second, warm-connection request ({@code SECOND <ms>}) for comparison.
 * With argument {@code primed}, runs the SnapStart priming between the two (what a restored snapshot has done).
 */
public final class FirstRequest {

    private FirstRequest() {}

    public static void main(String[] args) {
        boolean primed = args.length > 0 && args[0].equals("primed");
        long started = System.nanoTime();
        IngestApplication application = new IngestApplication(IngestConfig.fromEnvironment(System.getenv()));
        IngestHandler handler = new IngestHandler(application);
        if (primed) {
            application.prime();
        }
        long initialised = System.nanoTime();
        APIGatewayProxyResponseEvent response = handler.handleRequest(BenchmarkRequests.beacon(10), null);
        long handled = System.nanoTime();
        System.out.printf(
                "FIRST %d %.1f %.1f%n",
                response.getStatusCode(), (initialised - started) / 1e6, (handled - initialised) / 1e6);
        System.out.flush();
        long secondStarted = System.nanoTime();
        handler.handleRequest(BenchmarkRequests.beacon(10), null);
        System.out.printf("SECOND %.1f%n", (System.nanoTime() - secondStarted) / 1e6);
        System.out.flush();
        System.exit(response.getStatusCode() == 200 ? 0 : 1);
    }
}
