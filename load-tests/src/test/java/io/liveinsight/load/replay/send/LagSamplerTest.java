package io.liveinsight.load.replay.send;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Lag sampling with a fake clock and a fake Events table: never sleeps. */
class LagSamplerTest {

    private long now;
    private final Map<String, Integer> readsUntilStored = new HashMap<>();

    private final EventLookup lookup = id -> {
        int left = readsUntilStored.merge(id, -1, Integer::sum);
        return left <= 0;
    };

    @Test
    void pollOnce_whenAnEventAppearsLater_measuresFromItsAcknowledgement() {
        LagSampler sampler = new LagSampler(lookup, () -> now, d -> {}, 0, Duration.ofSeconds(60));
        readsUntilStored.put("a", 3);
        now = 500_000_000L;
        sampler.offer(now, "a");
        sampler.offer(now + 1, "b"); // same second: not sampled

        now += 100_000_000L;
        assertThat(sampler.pollOnce()).isEqualTo(1);
        now += 100_000_000L;
        assertThat(sampler.pollOnce()).isEqualTo(1);
        now += 100_000_000L;
        assertThat(sampler.pollOnce()).isZero();

        assertThat(sampler.samples()).containsExactly(new LagSampler.Sample(0.5, 300));
    }

    @Test
    void pollOnce_whenAnEventNeverAppears_givesUpAfterTheTimeoutAsNeverSeen() {
        LagSampler sampler = new LagSampler(id -> false, () -> now, d -> {}, 0, Duration.ofSeconds(2));
        now = 1_000_000_000L;
        sampler.offer(now, "x");
        now = 2_900_000_000L;
        sampler.pollOnce();
        assertThat(sampler.samples()).isEmpty();

        now = 3_100_000_000L;
        sampler.pollOnce();

        assertThat(sampler.samples()).containsExactly(new LagSampler.Sample(1.0, -1));
    }

    @Test
    void run_whenTheReplayEnds_returnsOnceNothingIsPending() throws InterruptedException {
        int[] sleeps = {0};
        LagSampler sampler = new LagSampler(
                lookup,
                () -> now,
                d -> {
                    sleeps[0]++;
                    now += d.toNanos();
                },
                0,
                Duration.ofSeconds(60));
        readsUntilStored.put("a", 5);
        sampler.offer(0, "a");

        sampler.run(() -> true);

        assertThat(sleeps[0]).isEqualTo(4);
        assertThat(sampler.samples()).containsExactly(new LagSampler.Sample(0, 4 * LagSampler.POLL_MS));
    }
}
