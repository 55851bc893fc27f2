package io.liveinsight.load.bench;

import io.liveinsight.local.engines.Ports;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The local stack as {@code bin/run-local} runs it ({@code liveinsight-local.jar}), in a child JVM on free loopback
 * ports, so a benchmark never collides with a running stack. Killed with this JVM (shutdown hook); kinesis-mock follows
 * its parent by itself.
 */
final class LocalStackProcess implements AutoCloseable {

    private final Process process;
    private final URI edge;
    private final URI dynamoDb;
    private final URI kinesis;
    private final Thread hook;

    private LocalStackProcess(Process process, int edgePort, int dynamoDbPort, int kinesisPort) {
        this.process = process;
        this.edge = URI.create("http://127.0.0.1:" + edgePort);
        this.dynamoDb = URI.create("http://127.0.0.1:" + dynamoDbPort);
        this.kinesis = URI.create("http://127.0.0.1:" + kinesisPort);
        this.hook = new Thread(process::destroyForcibly, "stop-local-stack");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    static LocalStackProcess start(Path jar, Path log, Duration timeout) throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it with ./mvnw -pl load-tests -am package");
        }
        int edgePort = freePort();
        int dynamoDbPort = freePort();
        int kinesisPort = freePort();
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(
                java, "--enable-native-access=ALL-UNNAMED", "-XX:+UseParallelGC", "-Xmx1g", "-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Files.createDirectories(log.toAbsolutePath().getParent());
        builder.redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("AWS_ENDPOINT_URL"));
        env.put("LIVEINSIGHT_HOST", "127.0.0.1");
        env.put("LIVEINSIGHT_PORT", Integer.toString(edgePort));
        env.put("DYNAMODB_PORT", Integer.toString(dynamoDbPort));
        env.put("KINESIS_PORT", Integer.toString(kinesisPort));
        env.put("DDB_LOCAL_TELEMETRY", "0");
        env.put("AWS_EMF_ENVIRONMENT", "Local");
        LocalStackProcess stack = new LocalStackProcess(builder.start(), edgePort, dynamoDbPort, kinesisPort);
        stack.awaitHealthy(timeout, log);
        return stack;
    }

    private void awaitHealthy(Duration timeout, Path log) throws InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the local stack exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<Void> response = client.send(
                        HttpRequest.newBuilder(edge.resolve("/health"))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        close();
        throw new IllegalStateException("the local stack was not healthy within " + timeout + "; see " + log);
    }

    private static int freePort() {
        return Ports.resolve(0);
    }

    URI edge() {
        return edge;
    }

    URI dynamoDb() {
        return dynamoDb;
    }

    URI kinesis() {
        return kinesis;
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down
        }
    }
}
