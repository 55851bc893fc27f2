package io.liveinsight.load.process;

import java.io.IOException;
import java.io.UncheckedIOException;
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
 * A JVM of the local stack's jar in a child process, output to a log file: the whole local stack (the benchmark), the
 * edge, or one consumer (the chaos run). It can be
 * stopped gently (SIGTERM: shutdown hooks run, leases are handed over) or killed hard (SIGKILL: no hook, nothing
 * flushed, as when a container is lost). Killed with this JVM too.
 */
public final class JavaChild implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;
    private final Thread hook;

    private JavaChild(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.hook = new Thread(process::destroyForcibly, "kill-" + name);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** JVM options for a small child: the chaos run starts three at once on two cores. */
    public static final List<String> SMALL = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx384m");

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * Starts {@code java <jvmOptions> -cp jar mainClass} with the given environment added to this one's (endpoint
     * variables removed), output appended to {@code log}.
     */
    public static JavaChild start(
            String name, Path jar, String mainClass, List<String> jvmOptions, Map<String, String> env, Path log) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it with ./mvnw -pl load-tests -am package");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", jar.toString(), mainClass));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().keySet().removeIf(k -> k.startsWith("AWS_ENDPOINT_URL"));
            builder.environment().putAll(env);
            return new JavaChild(name, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    public String name() {
        return name;
    }

    public Path log() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: the process ends at once, in the middle of whatever it was doing. */
    public void killHard() {
        process.destroyForcibly();
        await(Duration.ofSeconds(10));
    }

    /** SIGTERM, then SIGKILL if it has not ended within {@code grace}; returns how long it took to end. */
    public Duration stop(Duration grace) {
        long start = System.nanoTime();
        process.destroy();
        if (!await(grace)) {
            process.destroyForcibly();
            await(Duration.ofSeconds(10));
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Waits for 200 from {@code health}; returns how long it took. Fails if the process ends or time runs out. */
    public Duration awaitHealthy(URI health, Duration timeout) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            if (status(health) == 200) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        stop(Duration.ofSeconds(15));
        throw new IllegalStateException(name + " not healthy within " + timeout + "; see " + log);
    }

    /** The status {@code GET uri} answers, 0 when nothing answers. */
    public static int status(URI uri) {
        try {
            return HTTP.send(
                            HttpRequest.newBuilder(uri)
                                    .timeout(Duration.ofSeconds(3))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private boolean await(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            stop(Duration.ofSeconds(20));
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down
        }
    }
}
