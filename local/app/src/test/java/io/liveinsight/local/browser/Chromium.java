package io.liveinsight.local.browser;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's headless Chromium for browser tests, driven over the DevTools protocol: a fresh profile per browser (so the
 * tabs of one origin share localStorage, as in a real browser), nothing that phones home on this closed network, and
 * the process with all its children killed on {@link #close} (or, failing that, when the JVM exits).
 */
public final class Chromium implements AutoCloseable {

    private static final List<String> CANDIDATES =
            List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");

    private final Process process;
    private final Path profile;
    private final DevToolsConnection connection;
    private final Thread killAtExit;

    private Chromium(Process process, Path profile, DevToolsConnection connection) {
        this.process = process;
        this.profile = profile;
        this.connection = connection;
        this.killAtExit = new Thread(() -> kill(process, process.descendants().toList()));
        Runtime.getRuntime().addShutdownHook(killAtExit);
    }

    /** The Chromium binary ({@code CHROMIUM_BIN}, else Debian's paths), if there is one. */
    public static Optional<Path> binary() {
        String configured = System.getenv("CHROMIUM_BIN");
        return Stream.concat(Stream.ofNullable(configured), CANDIDATES.stream())
                .map(Path::of)
                .filter(Files::isExecutable)
                .findFirst();
    }

    /**
     * The binary for a browser test. Without one the test is skipped and says why on a developer machine, and fails in
     * CI ({@code CI=true}; .ci/run installs Chromium): there a missing browser is never a silent skip.
     */
    public static Path binaryOrSkip() {
        Optional<Path> binary = binary();
        if ("true".equals(System.getenv("CI"))) {
            Assertions.assertTrue(binary.isPresent(), "Chromium is not installed, and CI must run the browser tests");
        }
        Assumptions.assumeTrue(
                binary.isPresent(),
                "Chromium is not installed (apt-get install -y chromium, or set CHROMIUM_BIN): browser test skipped");
        return binary.get();
    }

    /** A running browser with a window of the given size, connected to its DevTools endpoint. */
    public static Chromium start(Path binary, int width, int height) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("liveinsight-chromium");
        ProcessBuilder command = new ProcessBuilder(
                binary.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--no-default-browser-check",
                "--hide-scrollbars",
                "--user-data-dir=" + profile,
                "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0",
                "--window-size=" + width + "," + height,
                "about:blank");
        command.environment().put("TMPDIR", profile.toString()); // its singleton socket goes with the profile
        Process process = command.redirectErrorStream(true)
                .redirectOutput(profile.resolve("chromium.log").toFile())
                .start();
        try {
            return new Chromium(process, profile, new DevToolsConnection(browserEndpoint(process, profile)));
        } catch (IOException | InterruptedException | RuntimeException e) {
            kill(process, process.descendants().toList());
            delete(profile);
            throw e;
        }
    }

    /** The browser's WebSocket, from the DevToolsActivePort file Chromium writes (port, then path) once it listens. */
    private static URI browserEndpoint(Process process, Path profile) throws IOException, InterruptedException {
        Path portFile = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + DevToolsSession.TIMEOUT.toNanos();
        while (!Files.exists(portFile) || Files.readAllLines(portFile).size() < 2) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "chromium did not start: " + Files.readString(profile.resolve("chromium.log")));
            }
            Thread.sleep(50);
        }
        List<String> lines = Files.readAllLines(portFile);
        return URI.create(
                "ws://127.0.0.1:" + lines.get(0).strip() + lines.get(1).strip());
    }

    /** A new tab (blank, in the foreground), attached by its own DevTools session. */
    public DevToolsSession newTab() {
        return DevToolsSession.open(connection);
    }

    @Override
    public void close() throws IOException {
        List<ProcessHandle> children = process.descendants().toList(); // before they lose their parent
        try {
            connection.send(null, "Browser.close", Map.of());
        } catch (RuntimeException e) {
            // killed below either way
        }
        connection.close();
        kill(process, children);
        try {
            Runtime.getRuntime().removeShutdownHook(killAtExit);
        } catch (IllegalStateException e) {
            // the JVM is already exiting, and the hook kills what is left
        }
        delete(profile);
    }

    /** Stops the browser and every process it started (renderers, zygotes, GPU and network services). */
    private static void kill(Process process, List<ProcessHandle> children) {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }

    private static void delete(Path profile) throws IOException {
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        }
    }
}
