package io.liveinsight.dashboard.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.dashboard.support.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SampleSnapshotTest {

    private static final long NOW = 1_800_000_000_000L;

    @Test
    void at_whenAskedTwiceWithinMaxAge_readsTheTableOnce() {
        MutableClock clock = new MutableClock(NOW);
        AtomicInteger reads = new AtomicInteger();
        SampleSnapshot snapshot = new SampleSnapshot(
                now -> {
                    reads.incrementAndGet();
                    return new ActiveScan(List.of(), null);
                },
                clock,
                Duration.ofSeconds(2));

        snapshot.at(clock.millis());
        clock.advance(1_999);
        snapshot.at(clock.millis());
        assertThat(reads).hasValue(1);

        clock.advance(1);
        snapshot.at(clock.millis());
        assertThat(reads).hasValue(2);
    }

    @Test
    void at_whenCachedSessionExpiresMeanwhile_leavesItOut() {
        MutableClock clock = new MutableClock(NOW);
        ActiveSession ending = new ActiveSession(
                "s", "u", NOW - 1_799_000, NOW - 1_799_000, "/", 1, 1, null, false, NOW / 1000 + 1, Map.of());
        SampleSnapshot snapshot = new SampleSnapshot(
                now -> new ActiveScan(List.of(ending), ActiveScan.Position.after("s")), clock, Duration.ofSeconds(5));

        assertThat(snapshot.at(clock.millis()).sessions()).hasSize(1);
        clock.advance(1_000);
        assertThat(snapshot.at(clock.millis()).sessions()).isEmpty();
        assertThat(snapshot.at(clock.millis()).next())
                .as("the position in the table is kept")
                .isEqualTo(ActiveScan.Position.after("s"));
    }

    @Test
    void at_whenMaxAgeZero_readsEveryTime() {
        MutableClock clock = new MutableClock(NOW);
        AtomicInteger reads = new AtomicInteger();
        SampleSnapshot snapshot = new SampleSnapshot(
                now -> {
                    reads.incrementAndGet();
                    return new ActiveScan(List.of(), null);
                },
                clock,
                Duration.ZERO);

        snapshot.at(NOW);
        snapshot.at(NOW);

        assertThat(reads).hasValue(2);
    }
}
