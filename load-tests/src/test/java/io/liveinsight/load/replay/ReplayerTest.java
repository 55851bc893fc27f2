package io.liveinsight.load.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.event.time.Sleeper;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pacing and retries with a fake clock that only the fake sleeper moves: nothing sleeps. */
class ReplayerTest {

    private final FakeClock clock = new FakeClock();

    private static Beacon beacon(long at, String... ids) {
        List<Map<String, Object>> events = new ArrayList<>();
        for (String id : ids) {
            events.add(Map.of("event_id", id, "session_id", "s"));
        }
        return new Beacon(at, "s", "[]", events);
    }

    private Replayer replayer(Sender sender) {
        return new Replayer(sender, clock, clock, Runnable::run, 4, 3, true, Replayer.ProgressListener.NONE);
    }

    private static SendResult ok(Beacon beacon) {
        return new SendResult(
                200,
                beacon.events().stream().map(e -> (String) e.get("event_id")).toList(),
                0,
                2_000_000,
                0);
    }

    @Test
    void run_sendsEachBeaconAtItsDueTime() throws Exception {
        List<Long> sentAt = new ArrayList<>();
        Sender sender = b -> {
            sentAt.add(clock.now / 1_000_000);
            return ok(b);
        };

        ReplaySummary summary =
                replayer(sender).run(List.of(beacon(0, "a"), beacon(250, "b"), beacon(1_000, "c", "d")));

        assertThat(sentAt).containsExactly(0L, 250L, 1_000L);
        assertThat(clock.sleeps).containsExactly(250_000_000L, 750_000_000L);
        assertThat(summary.requests()).isEqualTo(3);
        assertThat(summary.accepted()).isEqualTo(4);
        assertThat(summary.acceptedEventIds()).containsExactlyInAnyOrder("a", "b", "c", "d");
        assertThat(summary.maxBehindScheduleMs()).isZero();
    }

    @Test
    void run_whenStopped_sendsNoFurtherBeaconButFinishesTheOnesSent() throws Exception {
        List<String> sent = new ArrayList<>();
        Sender sender = b -> {
            sent.add((String) b.events().get(0).get("event_id"));
            return ok(b);
        };

        ReplaySummary summary = replayer(sender)
                .run(List.of(beacon(0, "a"), beacon(250, "b"), beacon(500, "c")), () -> clock.now >= 250_000_000L);

        assertThat(sent).containsExactly("a");
        assertThat(summary.requests()).isEqualTo(1);
        assertThat(summary.acceptedEventIds()).containsExactly("a");
    }

    @Test
    void run_whenSenderIsLate_sendsAtOnceAndReportsHowLate() throws Exception {
        Sender slow = b -> {
            clock.now += 400_000_000L; // each request takes 400 ms, in line
            return ok(b);
        };

        ReplaySummary summary = replayer(slow).run(List.of(beacon(0, "a"), beacon(100, "b")));

        assertThat(clock.sleeps).isEmpty();
        assertThat(summary.maxBehindScheduleMs()).isEqualTo(300);
    }

    @Test
    void run_when503_waitsRetryAfterAndResends() throws Exception {
        Deque<SendResult> answers = new ArrayDeque<>(List.of(
                new SendResult(503, List.of(), 0, 1_000_000, 2_000), new SendResult(0, List.of(), 0, 1_000_000, 0)));
        Sender flaky = b -> answers.isEmpty() ? ok(b) : answers.poll();

        ReplaySummary summary = replayer(flaky).run(List.of(beacon(0, "a")));

        assertThat(summary.retried()).isEqualTo(2);
        assertThat(summary.accepted()).isEqualTo(1);
        assertThat(summary.failed()).isZero();
        // Retry-After 2 s, then the backoff's second step (200 ms)
        assertThat(clock.sleeps).containsExactly(2_000_000_000L, 200_000_000L);
        assertThat(summary.latency().count()).isEqualTo(3);
    }

    @Test
    void run_whenNeverAcknowledged_givesUpAfterMaxAttempts() throws Exception {
        ReplaySummary summary =
                replayer(b -> new SendResult(503, List.of(), 0, 1, 1_000)).run(List.of(beacon(0, "a")));

        assertThat(summary.failed()).isEqualTo(1);
        assertThat(summary.retried()).isEqualTo(2);
        assertThat(summary.accepted()).isZero();
    }

    @Test
    void run_countsRejectedEventsAndMalformedRequests() throws Exception {
        Beacon malformed = new Beacon(0, null, "{bad", List.of());
        Sender sender = b ->
                b.isMalformed() ? new SendResult(400, List.of(), 0, 1, 0) : new SendResult(200, List.of("a"), 1, 1, 0);

        ReplaySummary summary = replayer(sender).run(List.of(malformed, beacon(0, "a", "b")));

        assertThat(summary.accepted()).isEqualTo(1);
        assertThat(summary.rejected()).isEqualTo(2);
        assertThat(summary.eventsSent()).isEqualTo(2);
    }

    @Test
    void progressBar_drawsShareAndRate() {
        assertThat(ConsoleProgressBar.line("replay", 5, 10, 2_000, 2_000_000_000L))
                .startsWith("replay [###############---------------]  50%")
                .contains("1,000 ev/s");
    }

    @Test
    void parse_readsAcceptedIdsRejectionsAndRetryAfter() {
        SendResult ok = HttpSender.parse(
                200, "{\"accepted\":1,\"event_ids\":[\"x\"],\"rejected\":[{\"index\":1}]}", 2, 5, null);
        SendResult busy = HttpSender.parse(503, "{\"error\":\"busy\"}", 2, 5, "3");

        assertThat(ok.acceptedEventIds()).containsExactly("x");
        assertThat(ok.rejectedEvents()).isEqualTo(1);
        assertThat(busy.isRetryable()).isTrue();
        assertThat(busy.retryAfterMs()).isEqualTo(3_000);
    }

    private static final class FakeClock implements Ticker, Sleeper {
        long now;
        final List<Long> sleeps = new ArrayList<>();

        @Override
        public long nanos() {
            return now;
        }

        @Override
        public void sleep(Duration duration) {
            sleeps.add(duration.toNanos());
            now += duration.toNanos();
        }
    }
}
