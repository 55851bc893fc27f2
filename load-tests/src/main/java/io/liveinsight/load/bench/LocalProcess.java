package io.liveinsight.load.bench;

import io.liveinsight.load.process.JavaChild;
import io.liveinsight.local.engines.Ports;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The local stack as {@code bin/run-local} runs it ({@code liveinsight-local.jar}), in a child JVM on free loopback
 * ports, so a benchmark never collides with a running stack. Killed with this JVM; kinesis-mock follows its parent by
 * itself.
 */
public final class LocalProcess implements AutoCloseable {

    private final JavaChild child;
    private final URI edge;
    private final URI dynamoDb;
    private final URI kinesis;

    private LocalProcess(JavaChild child, int edgePort, int dynamoDbPort, int kinesisPort) {
        this.child = child;
        this.edge = URI.create("http://127.0.0.1:" + edgePort);
        this.dynamoDb = URI.create("http://127.0.0.1:" + dynamoDbPort);
        this.kinesis = URI.create("http://127.0.0.1:" + kinesisPort);
    }

    public static LocalProcess start(Path jar, Path log, Duration timeout) throws IOException {
        return start(jar, log, timeout, Map.of());
    }

    /** Like {@link #start(Path, Path, Duration)}, with more environment for the stack (e.g. its settings). */
    public static LocalProcess start(Path jar, Path log, Duration timeout, Map<String, String> settings)
            throws IOException {
        int edgePort = Ports.resolve(0);
        int dynamoDbPort = Ports.resolve(0);
        int kinesisPort = Ports.resolve(0);
        Files.deleteIfExists(log); // one benchmark, one log
        Map<String, String> env = new HashMap<>(settings);
        env.putAll(Map.of(
                "LIVEINSIGHT_HOST",
                "127.0.0.1",
                "LIVEINSIGHT_PORT",
                Integer.toString(edgePort),
                "DYNAMODB_PORT",
                Integer.toString(dynamoDbPort),
                "KINESIS_PORT",
                Integer.toString(kinesisPort),
                "DDB_LOCAL_TELEMETRY",
                "0",
                "AWS_EMF_ENVIRONMENT",
                "Local"));
        JavaChild child = JavaChild.start(
                "the local stack",
                jar,
                "io.liveinsight.local.LocalMain",
                List.of("-XX:+UseParallelGC", "-Xmx1g"),
                env,
                log);
        LocalProcess stack = new LocalProcess(child, edgePort, dynamoDbPort, kinesisPort);
        child.awaitHealthy(stack.edge.resolve("/health"), timeout);
        return stack;
    }

    public URI edge() {
        return edge;
    }

    public URI dynamoDb() {
        return dynamoDb;
    }

    public URI kinesis() {
        return kinesis;
    }

    @Override
    public void close() {
        child.close();
    }
}
