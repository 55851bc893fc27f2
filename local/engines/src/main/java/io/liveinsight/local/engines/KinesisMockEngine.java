package io.liveinsight.local.engines;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * kinesis-mock (the Kinesis engine inside LocalStack) as a Node child process on a loopback port.
 *
 * <p>Its script ships inside this jar (the build installs it with {@code npm ci} from the committed lockfile),
 * so only {@code node} is needed at run time. A small launcher exits Node when our stdin closes: if this JVM
 * dies without running its shutdown hooks, the emulator still goes with it.
 */
public final class KinesisMockEngine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KinesisMockEngine.class);
    private static final String RESOURCES = "/io/liveinsight/local/engines/kinesis-mock/";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final String LAUNCHER = """
            'use strict';
            // Exit with the parent: our stdin is a pipe from the JVM and ends when the JVM does (or when it
            // closes the pipe to stop us). kinesis-mock's runtime ignores process.exit() while a client keeps a
            // connection open, and it holds nothing on disk, so it is killed outright.
            const stop = () => process.kill(process.pid, 'SIGKILL');
            process.stdin.on('end', stop);
            process.stdin.on('error', stop);
            process.stdin.resume();
            require('./main.js');
            """;

    private final Process process;
    private final Path workDirectory;
    private final int port;
    private final Thread shutdownHook;

    private KinesisMockEngine(Process process, Path workDirectory, int port) {
        this.process = process;
        this.workDirectory = workDirectory;
        this.port = port;
        this.shutdownHook = new Thread(this::stopProcess, "kinesis-mock-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts kinesis-mock on the given plain-HTTP port (0 for a free one) and waits until it answers. */
    public static KinesisMockEngine start(int port) {
        int plainPort = Ports.resolve(port);
        int tlsPort = Ports.resolve(0);
        Path dir = unpack();
        ProcessBuilder builder = new ProcessBuilder(
                        nodeExecutable(), dir.resolve("launcher.js").toString())
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("kinesis-mock.log").toFile());
        builder.environment()
                .putAll(Map.of(
                        "KINESIS_MOCK_PLAIN_PORT", Integer.toString(plainPort),
                        "KINESIS_MOCK_TLS_PORT", Integer.toString(tlsPort),
                        "KINESIS_MOCK_CERT_PATH", dir.resolve("server.json").toString(),
                        "AWS_ACCOUNT_ID", LocalCredentials.ACCESS_KEY_ID,
                        "AWS_REGION", LocalCredentials.REGION.id(),
                        "LOG_LEVEL", "WARN",
                        "SHOULD_PERSIST_DATA", "false"));
        for (String operation : List.of(
                "CREATE_STREAM",
                "DELETE_STREAM",
                "UPDATE_SHARD_COUNT",
                "REGISTER_STREAM_CONSUMER",
                "START_STREAM_ENCRYPTION",
                "STOP_STREAM_ENCRYPTION",
                "MERGE_SHARDS",
                "SPLIT_SHARD")) {
            builder.environment().put(operation + "_DURATION", "0ms");
        }
        long started = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new EngineStartException("cannot run node (Node 18+ must be on PATH, or set NODE to its path)", e);
        }
        KinesisMockEngine engine = new KinesisMockEngine(process, dir, plainPort);
        try {
            engine.awaitHealthy(started);
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
        return engine;
    }

    public int port() {
        return port;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    private void awaitHealthy(long startedNanos) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest health = HttpRequest.newBuilder(endpoint().resolve("/healthcheck"))
                .timeout(Duration.ofSeconds(2))
                .build();
        long deadline = startedNanos + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new EngineStartException("kinesis-mock exited with " + process.exitValue() + ": " + logTail());
            }
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    LOG.info(
                            "kinesis-mock ready on 127.0.0.1:{} in {} ms",
                            port,
                            Duration.ofNanos(System.nanoTime() - startedNanos).toMillis());
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EngineStartException("interrupted while waiting for kinesis-mock");
            }
            sleep(Duration.ofMillis(100));
        }
        throw new EngineStartException("kinesis-mock not healthy after " + START_TIMEOUT + ": " + logTail());
    }

    private String logTail() {
        try {
            String log = Files.readString(workDirectory.resolve("kinesis-mock.log"), StandardCharsets.UTF_8);
            return log.length() > 2000 ? log.substring(log.length() - 2000) : log;
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Override
    public void close() {
        long started = System.nanoTime();
        stopProcess();
        LOG.info(
                "kinesis-mock on port {} stopped in {} ms",
                port,
                Duration.ofNanos(System.nanoTime() - started).toMillis());
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook is running or has run
        }
        deleteQuietly(workDirectory);
    }

    private void stopProcess() {
        if (!process.isAlive()) {
            return;
        }
        try {
            process.getOutputStream().close(); // the launcher exits on stdin end
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(3, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static String nodeExecutable() {
        String node = System.getenv("NODE");
        return node == null || node.isBlank() ? "node" : node;
    }

    private static Path unpack() {
        try {
            Path dir = Files.createTempDirectory("liveinsight-kinesis-mock-");
            for (String name : List.of("main.js", "server.json")) {
                try (InputStream in = KinesisMockEngine.class.getResourceAsStream(RESOURCES + name)) {
                    if (in == null) {
                        throw new EngineStartException("kinesis-mock " + name + " is not on the classpath: build the "
                                + "local-engines module with Maven (it runs npm ci)");
                    }
                    Files.copy(in, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.writeString(dir.resolve("launcher.js"), LAUNCHER, StandardCharsets.UTF_8);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack kinesis-mock", e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            LOG.debug("could not delete {}: {}", dir, e.toString());
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineStartException("interrupted while waiting for kinesis-mock");
        }
    }
}
