package io.liveinsight.load.replay.send;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.load.replay.Beacon;
import io.liveinsight.load.replay.SendResult;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each attempt lands in its second: sent, acknowledged, 503s, resends, latency; one lag sample a second. */
class TimelineSenderTest {

    private long now;

    @Test
    void send_whenAttemptsSpanSeconds_countsEachInItsSecond() {
        Deque<SendResult> answers = new ArrayDeque<>(List.of(
                new SendResult(503, List.of(), 0, 2_000_000, 1_000),
                new SendResult(200, List.of("a", "b"), 0, 8_000_000, 0),
                new SendResult(0, List.of(), 0, 1_000_000, 0),
                new SendResult(200, List.of("c"), 0, 4_000_000, 0)));
        Timeline timeline = new Timeline();
        LagSampler lag = new LagSampler(id -> false, () -> now, d -> {}, 0, java.time.Duration.ofSeconds(1));
        TimelineSender sender = new TimelineSender(
                b -> {
                    now += 100_000_000;
                    return answers.poll();
                },
                () -> now,
                0,
                timeline,
                lag);
        Beacon two = new Beacon(0, "s", "[]", List.of(Map.of(), Map.of()));
        Beacon one = new Beacon(0, "t", "[]", List.of(Map.of()));

        sender.send(two); // 0.0 s: 503
        now = 1_200_000_000L;
        sender.send(two); // 1.2 s: resend, acknowledged
        sender.send(one); // 1.3 s: no answer
        sender.send(one); // 1.4 s: resend, acknowledged

        List<Timeline.Second> seconds = timeline.seconds();
        assertThat(seconds).hasSize(2);
        assertThat(seconds.get(0)).isEqualTo(new Timeline.Second(0, 2, 0, 1, 0, 0, 2, 2, 2, 2));
        Timeline.Second second = seconds.get(1);
        assertThat(second.sent()).isEqualTo(1);
        assertThat(second.accepted()).isEqualTo(3);
        assertThat(second.resends()).isEqualTo(2);
        assertThat(second.connectionErrors()).isEqualTo(1);
        assertThat(second.p50Ms()).isEqualTo(4);
        assertThat(second.maxMs()).isEqualTo(8);
        lag.pollOnce();
        now += 2_000_000_000L;
        lag.pollOnce();
        assertThat(lag.samples()).extracting(LagSampler.Sample::atSecond).containsExactly(1.3);
    }
}
