package io.liveinsight.processor.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DependencyCheckTest {

    private final AtomicLong now = new AtomicLong();
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicBoolean answer = new AtomicBoolean(true);
    private final DependencyCheck check = new DependencyCheck(
            () -> {
                calls.incrementAndGet();
                return answer.get();
            },
            Duration.ofSeconds(1),
            now::get);

    @Test
    void up_whenAskedManyTimesWithinTtl_probesOnce() {
        for (int i = 0; i < 100; i++) {
            assertThat(check.up()).isTrue();
            now.addAndGet(Duration.ofMillis(5).toNanos());
        }

        assertThat(calls).hasValue(1);
    }

    @Test
    void up_whenTtlPassed_probesAgainAndSeesTheChange() {
        check.up();
        answer.set(false);
        now.addAndGet(Duration.ofMillis(999).toNanos());
        assertThat(check.up()).isTrue();

        now.addAndGet(Duration.ofMillis(1).toNanos());

        assertThat(check.up()).isFalse();
        assertThat(calls).hasValue(2);
    }

    @Test
    void up_whenProbeThrows_isDown() {
        DependencyCheck throwing = new DependencyCheck(
                () -> {
                    throw new IllegalStateException("connection refused");
                },
                Duration.ofSeconds(1),
                now::get);

        assertThat(throwing.up()).isFalse();
    }
}
