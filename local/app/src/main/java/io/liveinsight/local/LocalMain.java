package io.liveinsight.local;

import io.liveinsight.local.engines.AwsEndpoints;
import io.liveinsight.local.engines.LocalAws;
import io.liveinsight.local.engines.LocalCredentials;
import io.liveinsight.local.engines.Ports;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * {@code java -jar liveinsight-local.jar}: DynamoDB Local on 8000, kinesis-mock on 4568, the consumer (unless
 * {@code LIVEINSIGHT_CONSUMER=off}), the archiver (with {@code LIVEINSIGHT_ARCHIVE_DIR}), and the edge on
 * 127.0.0.1:8080. The edge serves at once; with external endpoints
 * that do not answer yet, {@code GET /health} says so until they do. Ctrl-C stops everything.
 */
public final class LocalMain {

    private LocalMain() {}

    public static void main(String[] args) throws InterruptedException {
        long started = System.nanoTime();
        PrintStream out = System.out;
        LocalConfig config;
        try {
            config = LocalConfig.fromEnvironment(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("liveinsight: " + e.getMessage());
            System.exit(2);
            return;
        }
        useLocalCredentials();
        String busy = busyPorts(config);
        if (!busy.isEmpty()) {
            System.err.println("liveinsight: " + busy + " already in use (is another LiveInsight running?). "
                    + "Stop it, or choose other ports with LIVEINSIGHT_PORT, DYNAMODB_PORT, KINESIS_PORT.");
            System.exit(2);
            return;
        }
        out.println("LiveInsight local stack starting...");

        LocalAws engines = null;
        AwsEndpoints endpoints;
        if (config.dynamoDbEndpoint() != null && config.kinesisEndpoint() != null) {
            endpoints = new AwsEndpoints(config.dynamoDbEndpoint(), config.kinesisEndpoint());
            out.println("  using external AWS endpoints (DynamoDB " + endpoints.dynamoDb() + ", Kinesis "
                    + endpoints.kinesis() + ")");
        } else {
            engines = LocalAws.start(config.dynamoDbPort(), config.kinesisPort(), config.dataDirectory());
            endpoints = engines.endpoints();
        }
        LocalPipeline pipeline;
        try {
            pipeline = LocalPipeline.launch(config, endpoints);
        } catch (IllegalArgumentException e) {
            System.err.println("liveinsight: " + e.getMessage());
            if (engines != null) {
                engines.close();
            }
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        LocalAws enginesToStop = engines;
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            out.println("\nLiveInsight stopping...");
                            pipeline.close();
                            if (enginesToStop != null) {
                                enginesToStop.close();
                            }
                            out.println("LiveInsight stopped.");
                            stopped.countDown();
                        },
                        "liveinsight-stop"));

        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        out.println(banner(config, endpoints, pipeline.edgeAddress(), millis));
        Thread readiness = new Thread(
                () -> {
                    while (!pipeline.awaitReady(Duration.ofSeconds(30))) {
                        out.println("  still waiting for DynamoDB and Kinesis to answer (GET /health says which)");
                    }
                    out.println("  tables and stream ready ("
                            + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms)"
                            + (config.consumer() ? "; KCL consumer starting" : "")
                            + (config.archive().isPresent() ? "; archiver starting" : ""));
                },
                "liveinsight-readiness");
        readiness.setDaemon(true);
        readiness.start();
        stopped.await();
    }

    static String banner(LocalConfig config, AwsEndpoints endpoints, URI edgeAddress, long millis) {
        String edge = edgeAddress.toString();
        return """

                LiveInsight is running (edge up in %d ms)
                  dashboard   %s/          live sessions, refreshes itself
                  demo shop   %s/demo      a shop page with the tracker: click around, then watch the dashboard
                  edge        %s   POST /events, GET /health, %sGET /tracker.js, GET /api/...
                  DynamoDB    %s   tables %s, %s, %s, %s, %s
                  Kinesis     %s   stream %s
                  consumer    %s
                  archive     %s
                  health      GET /health answers 503 naming what is down until every dependency answers
                  %s
                  %s

                  try: curl -XPOST %s/events -H 'Content-Type: application/json' \\
                         -d '{"user_id":"u1","session_id":"s1","event_type":"page_view","page_url":"https://example.com/"}'
                       aws dynamodb get-item --endpoint-url %s --table-name %s --key '{"session_id":{"S":"s1"}}'

                Press Ctrl-C to stop.
                """.formatted(
                        millis,
                        edge,
                        edge,
                        edge,
                        config.consumer() || config.archive().isPresent() ? "GET /metrics, " : "",
                        endpoints.dynamoDb(),
                        config.tables().events(),
                        config.tables().sessions(),
                        config.tables().activeSessions(),
                        config.tables().stats(),
                        config.tables().sites(),
                        endpoints.kinesis(),
                        config.streamName(),
                        consumerLine(config),
                        archiveLine(config),
                        replayLine(config),
                        defaultSiteLine(config),
                        edge,
                        endpoints.dynamoDb(),
                        config.tables().sessions());
    }

    /** The replay lane's key, printed: the local stack's is no secret (docs/contract/local.md#replay-key). */
    static String replayLine(LocalConfig config) {
        if (config.replayKey() == null) {
            return "replay key: off (LIVEINSIGHT_REPLAY_KEY=off): replays are refused with 403";
        }
        return "replay key: " + config.replayKey() + " (local only)   send it as X-LiveInsight-Replay-Key with "
                + "X-LiveInsight-Replay-Run";
    }

    /** Loud on purpose (docs/contract/sites.md#the-default-site): with it on, a request needs no key at all. */
    static String defaultSiteLine(LocalConfig config) {
        if (config.defaultSite()) {
            return "WARNING default site on: requests without a site key are accepted as site \"default\""
                    + " (LIVEINSIGHT_DEFAULT_SITE=off refuses them with 401)";
        }
        return "default site off (LIVEINSIGHT_DEFAULT_SITE=off): every request needs a site key (bin/site add)";
    }

    static String consumerLine(LocalConfig config) {
        if (config.consumer()) {
            return "KCL application " + config.applicationName() + " (first records flow ~10-35 s after start)";
        }
        return "off (LIVEINSIGHT_CONSUMER=off): run consumers as processes of their own, e.g.\n"
                + "              java -cp liveinsight-local.jar io.liveinsight.processor.Main"
                + " (KCL application " + config.applicationName() + ", HEALTH_PORT for its /health)";
    }

    /** Where the archive goes, or how to turn it on. */
    static String archiveLine(LocalConfig config) {
        return config.archive()
                .map(archive -> archive.directory() + " (flushed every "
                        + archive.policy().maxAge().toSeconds() + " s)")
                .orElse("off (LIVEINSIGHT_ARCHIVE_DIR=<folder> archives every stream record there)");
    }

    /** The ports this run would bind that something else holds, e.g. "port 8000 (DynamoDB Local)". */
    static String busyPorts(LocalConfig config) {
        Map<Integer, String> wanted = new LinkedHashMap<>();
        wanted.put(config.edgePort(), "edge");
        if (config.dynamoDbEndpoint() == null || config.kinesisEndpoint() == null) {
            wanted.put(config.dynamoDbPort(), "DynamoDB Local");
            wanted.put(config.kinesisPort(), "kinesis-mock");
        }
        return wanted.entrySet().stream()
                .filter(port -> port.getKey() != 0 && !Ports.isFree(port.getKey()))
                .map(port -> "port " + port.getKey() + " (" + port.getValue() + ")")
                .collect(Collectors.joining(", "));
    }

    /** The SDK's default chain reads these; the local engines accept only the one dummy pair. */
    private static void useLocalCredentials() {
        System.setProperty("aws.accessKeyId", System.getProperty("aws.accessKeyId", LocalCredentials.ACCESS_KEY_ID));
        System.setProperty(
                "aws.secretAccessKey", System.getProperty("aws.secretAccessKey", LocalCredentials.SECRET_ACCESS_KEY));
        System.setProperty("aws.region", System.getProperty("aws.region", LocalCredentials.REGION.id()));
    }
}
