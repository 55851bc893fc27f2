package io.liveinsight.event.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SleeperTest {

    @Test
    void pause_whenInterrupted_returnsWithTheInterruptStatusKept() {
        Sleeper interrupted = duration -> {
            throw new InterruptedException();
        };

        try {
            interrupted.pause(Duration.ofSeconds(1));

            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void pause_whenFake_passesTheDurationOn() {
        List<Duration> waits = new ArrayList<>();
        Sleeper fake = waits::add;

        fake.pause(Duration.ofMillis(250));

        assertThat(waits).containsExactly(Duration.ofMillis(250));
    }

    @Test
    void system_whenZeroOrNegative_returnsAtOnceEvenIfInterrupted() throws InterruptedException {
        Thread.currentThread().interrupt();
        try {
            Sleeper.SYSTEM.sleep(Duration.ZERO);
            Sleeper.SYSTEM.sleep(Duration.ofMillis(-5));

            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void system_whenInterrupted_throws() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> Sleeper.SYSTEM.sleep(Duration.ofSeconds(5)))
                    .isInstanceOf(InterruptedException.class);
        } finally {
            Thread.interrupted();
        }
    }
}
