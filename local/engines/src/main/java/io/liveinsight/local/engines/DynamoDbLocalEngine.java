package io.liveinsight.local.engines;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/** AWS's DynamoDB Local, in this JVM, serving HTTP on a loopback port. */
public final class DynamoDbLocalEngine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbLocalEngine.class);

    private final DynamoDBProxyServer server;
    private final int port;

    private DynamoDbLocalEngine(DynamoDBProxyServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /**
     * Starts DynamoDB Local.
     *
     * @param port the port, 0 for a free one
     * @param dataDirectory where to keep the data between runs, or null to keep it in memory
     */
    public static DynamoDbLocalEngine start(int port, Path dataDirectory) {
        int chosen = Ports.resolve(port);
        // -sharedDb: one database whatever the caller's credentials, so the AWS CLI sees the same tables.
        List<String> args =
                new ArrayList<>(List.of("-disableTelemetry", "-sharedDb", "-port", Integer.toString(chosen)));
        if (dataDirectory == null) {
            args.add("-inMemory");
        } else {
            args.addAll(List.of("-dbPath", dataDirectory.toAbsolutePath().toString()));
        }
        long started = System.nanoTime();
        try {
            DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
            server.start();
            LOG.info(
                    "DynamoDB Local ready on 127.0.0.1:{} in {} ms",
                    chosen,
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
            return new DynamoDbLocalEngine(server, chosen);
        } catch (Exception e) {
            throw new EngineStartException("DynamoDB Local could not start on port " + chosen, e);
        }
    }

    public int port() {
        return port;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("DynamoDB Local did not stop cleanly: {}", e.toString());
        }
    }
}
