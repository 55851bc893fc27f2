package io.liveinsight.local.engines;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Start and stop a second kinesis-mock of its own: closing must leave no Node process and free the port. */
class KinesisMockEngineTest {

    @Test
    void close_whenRunning_stopsNodeAndFreesPort() {
        KinesisMockEngine engine = KinesisMockEngine.start(0);
        int port = engine.port();
        Optional<ProcessHandle> node = ProcessHandle.current()
                .children()
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
}
