package io.liveinsight.load.original;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.load.original.OriginalPattern.Answer;
import io.liveinsight.load.original.OriginalPattern.Sent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The original test's shape with a fake client and a fake sleeper: nothing sleeps, no socket opens. */
@Timeout(60)
class OriginalPatternTest {

    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Duration> pauses = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    private PatternResult run(OriginalPattern.Client client) throws InterruptedException {
        return new OriginalPattern(100, 5, 100, 1_000, 7).run("t", client, pauses::add, threads, () -> 1_000L);
    }

    @Test
    void run_sendsEveryUsersFiveSingleEventRequestsInItsOwnSession() throws Exception {
        PatternResult result = run(body -> new Answer(200, 1_000_000));

        assertThat(result.requests()).isEqualTo(500);
        assertThat(result.sent()).extracting(s -> s.event().get("event_id")).doesNotHaveDuplicates();
        assertThat(result.sent().stream().collect(Collectors.groupingBy(Sent::user, Collectors.counting())))
                .hasSize(100)
                .allSatisfy((user, count) -> assertThat(count).isEqualTo(5));
        assertThat(result.sent()).allSatisfy(s -> {
            assertThat(s.event().get("session_id")).isEqualTo("orig-t-" + s.user());
            assertThat(s.body()).startsWith("{").contains("\"event_type\":\"page_view\"");
        });
    }

    @Test
    void run_pausesBetweenTwoRequestsOfAUserWithinTheRange() throws Exception {
        run(body -> new Answer(200, 1_000_000));

        assertThat(pauses).hasSize(100 * 4).allSatisfy(pause -> assertThat(pause)
                .isBetween(Duration.ofMillis(100), Duration.ofMillis(1_000)));
        assertThat(pauses.stream().distinct().count()).as("uniform, not fixed").isGreaterThan(100);
    }

    @Test
    void run_hasEveryUsersFirstRequestInFlightAtOnce() throws Exception {
        CountDownLatch firstRequests = new CountDownLatch(100);
        AtomicInteger together = new AtomicInteger();
        PatternResult result = run(body -> {
            if (body.matches(".*\"event_id\":\"orig-t-\\d+-0\".*")) { // a user's first request
                firstRequests.countDown();
                try {
                    if (firstRequests.await(10, TimeUnit.SECONDS)) {
                        together.incrementAndGet();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return new Answer(200, 1);
        });

        assertThat(together).as("first requests in flight at once").hasValue(100);
        assertThat(result.requests()).isEqualTo(500);
    }

    @Test
    void result_countsWhatTheUsersSaw() throws Exception {
        AtomicInteger n = new AtomicInteger();
        PatternResult result = run(body -> {
            int i = n.getAndIncrement();
            return i % 10 == 0 ? new Answer(503, 3_000_000_000L) : new Answer(200, 100_000_000L);
        });

        assertThat(result.status(503)).isEqualTo(50);
        assertThat(result.non2xx()).isEqualTo(50);
        assertThat(result.successPercent()).isEqualTo(90.0);
        assertThat(result.averageMs()).isEqualTo(390.0);
        assertThat(result.percentileMs(50)).isEqualTo(100.0);
        assertThat(result.percentileMs(90)).isEqualTo(100.0);
        assertThat(result.percentileMs(95)).isEqualTo(3_000.0);
        assertThat(result.maxMs()).isEqualTo(3_000.0);
        assertThat(result.refused()).hasSize(50).allMatch(s -> s.answer().status() == 503);
    }
}
