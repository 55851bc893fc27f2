package io.liveinsight.load.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A JVM of the local stack's jar in a child process, output to a log file: the edge, or one consumer. It can be
 * stopped gently (SIGTERM: shutdown hooks run, leases are handed over) or killed hard (SIGKILL: no hook, nothing
 * flushed, as when a container is lost). Killed with this JVM too.
 */
final class JavaChild implements AutoCloseable {

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

    /** Starts {@code java <jvmArgs> -cp jar mainClass} with the given environment added to this one's. */
    static JavaChild start(String name, Path jar, String mainClass, Map<String, String> env, Path log) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it with ./mvnw -pl load-tests -am package");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(
                java,
                "--enable-native-access=ALL-UNNAMED",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Xmx384m",
                "-cp",
                jar.toString(),
                mainClass));
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

    String name() {
        return name;
    }

    Path log() {
        return log;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: the process ends at once, in the middle of whatever it was doing. */
    void killHard() {
        process.destroyForcibly();
        await(Duration.ofSeconds(10));
    }

    /** SIGTERM, then SIGKILL if it has not ended within {@code grace}; returns how long it took to end. */
    Duration stop(Duration grace) {
        long start = System.nanoTime();
        process.destroy();
        if (!await(grace)) {
            process.destroyForcibly();
            await(Duration.ofSeconds(10));
        }
        return Duration.ofNanos(System.nanoTime() - start);
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
