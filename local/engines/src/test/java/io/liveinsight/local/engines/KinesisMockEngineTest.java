package io.liveinsight.local.engines;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Each test starts a kinesis-mock of its own: stopping it, or killing its JVM, must leave no Node process. */
class KinesisMockEngineTest {

    @Test
    void close_whenRunning_stopsNodeAndFreesPort() {
        // Other test classes may share a kinesis-mock in this JVM: look only at the child this test starts.
        Set<Long> before =
                ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());
        KinesisMockEngine engine = KinesisMockEngine.start(0);
        int port = engine.port();
        Optional<ProcessHandle> node = ProcessHandle.current()
                .children()
                .filter(p -> !before.contains(p.pid()))
                .filter(p -> p.info().command().orElse("").contains("node"))
                .filter(ProcessHandle::isAlive)
                .findFirst();
        assertThat(engine.isAlive()).isTrue();
        assertThat(Ports.isFree(port)).isFalse();

        engine.close();

        assertThat(engine.isAlive()).isFalse();
        assertThat(node)
                .hasValueSatisfying(handle -> assertThat(handle.isAlive()).isFalse());
        assertThat(Ports.isFree(port)).isTrue();
    }

    @Test
    void parentJvmKilledHard_whenEngineRunning_nodeExitsToo() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(
                        List.of(java, "-cp", System.getProperty("java.class.path"), KinesisMockChild.class.getName()))
                .redirectErrorStream(true)
                .start();
        String[] ready = awaitReadyLine(child);
        int port = Integer.parseInt(ready[1]);
        ProcessHandle node = ProcessHandle.of(Long.parseLong(ready[2])).orElseThrow();
        assertThat(node.isAlive()).isTrue();

        child.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL: no shutdown hook runs

        node.onExit().get(10, TimeUnit.SECONDS);
        assertThat(node.isAlive()).isFalse();
        assertThat(Ports.isFree(port)).isTrue();
    }

    private static String[] awaitReadyLine(Process child) throws Exception {
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("ready ")) {
                    return line.split(" ");
                }
            }
        }
        throw new AssertionError("child JVM exited without starting kinesis-mock: " + child.waitFor());
    }
}
