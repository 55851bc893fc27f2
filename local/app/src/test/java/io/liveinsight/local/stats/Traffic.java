package io.liveinsight.local.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.liveinsight.event.SessionIds;
import io.liveinsight.local.stats.EdgeClient.Answer;
import io.liveinsight.local.stats.Reference.Figures;
import io.liveinsight.processor.port.UserAgentParser;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * The day of traffic once sent: how it went through the edge, its reference, and waiting for the pipeline to settle.
 */
final class Traffic {

    /** Clients sending at once. */
    static final int SENDERS = 8;
    /** KCL's first lease (10-35 s), then the consumer working through the stream. */
    static final Duration SETTLE = Duration.ofSeconds(150);
    /** How long the rollups' totals stay unchanged before the checks run even though they are not all in. */
    static final Duration QUIET = Duration.ofSeconds(15);
    /** How long an answer may still change once the totals are all in (ActiveSessions is written last). */
    static final Duration SETTLED = Duration.ofSeconds(20);

    private final EdgeClient client;
    private final DayOfTraffic day;
    private final Reference reference;

    private Traffic(EdgeClient client, DayOfTraffic day, Reference reference) {
        this.client = client;
        this.day = day;
        this.reference = reference;
    }

    /** Sends every request (resends included), then waits until the rollups hold every event and session sent. */
    static Traffic send(EdgeClient client, DayOfTraffic day, UserAgentParser parser) {
        Traffic traffic = post(client, day, parser);
        traffic.awaitTotals();
        return traffic;
    }

    /** Sends every request (resends included) and returns once the edge has acknowledged them all. */
    static Traffic post(EdgeClient client, DayOfTraffic day, UserAgentParser parser) {
        Traffic traffic = new Traffic(client, day, Reference.of(day.events(), parser));
        traffic.checkShapes();
        long started = System.nanoTime();
        int requests = traffic.post();
        System.out.printf(
                "statistics e2e: %d events, %d sessions (%d bot), %d requests sent in %d ms (%d answered 503 and sent"
                        + " again)%n",
                traffic.reference.events().size(),
                traffic.reference.visits().size(),
                traffic.reference.visits().stream().filter(Visit::bot).count(),
                requests,
                Duration.ofNanos(System.nanoTime() - started).toMillis(),
                client.refused());
        return traffic;
    }

    Reference reference() {
        return reference;
    }

    NativeChecks nativeChecks() {
        return new NativeChecks(client, reference);
    }

    OriginalChecks originalChecks() {
        return new OriginalChecks(client, reference, System::currentTimeMillis);
    }

    /** Checks until no difference is left, for at most {@link #SETTLED}; fails with the last differences. */
    void assertEventually(Supplier<List<String>> check) {
        long deadline = System.nanoTime() + SETTLED.toNanos();
        List<String> differences = check.get();
        while (!differences.isEmpty() && System.nanoTime() < deadline) {
            pause();
            differences = check.get();
        }
        assertThat(differences).as("differences from the recomputation").isEmpty();
    }

    /** The UTC hour of the last 24 with the most human events. */
    long busiestHour() {
        long hour = Math.floorDiv(day.now(), Reference.HOUR) * Reference.HOUR;
        long busiest = hour;
        for (long h = hour - 23 * Reference.HOUR; h <= hour; h += Reference.HOUR) {
            if (reference.figures(h, h + Reference.HOUR).events()
                    > reference.figures(busiest, busiest + Reference.HOUR).events()) {
                busiest = h;
            }
        }
        return busiest;
    }

    /** The hour the visit across an hour boundary ends in. */
    long crossHour() {
        return day.crossHour();
    }

    /** The 5 minutes of the last 100 (the chart's) with the most human events. */
    long busiestRecentSlot() {
        long slot = Math.floorDiv(day.now(), OriginalChecks.SLOT) * OriginalChecks.SLOT;
        long busiest = slot;
        for (long s = slot - 19 * OriginalChecks.SLOT; s < slot; s += OriginalChecks.SLOT) {
            if (reference.figures(s, s + OriginalChecks.SLOT).events()
                    > reference.figures(busiest, busiest + OriginalChecks.SLOT).events()) {
                busiest = s;
            }
        }
        return busiest;
    }

    /** Sessions whose events to read back: ids with markup and astral characters, both segments of one id, a tab. */
    List<Visit> sampleVisits() {
        List<Visit> sample = new ArrayList<>();
        reference.visits().stream()
                .filter(v -> v.id().contains("<script>"))
                .findFirst()
                .ifPresent(sample::add);
        reference.visits().stream()
                .filter(v -> v.id().startsWith("🦄"))
                .findFirst()
                .ifPresent(sample::add);
        Visit later = reference.visits().stream()
                .filter(v -> SessionIds.isDerived(v.id()))
                .findFirst()
                .orElseThrow();
        sample.add(later);
        reference.visits().stream()
                .filter(v -> v.id().equals(SessionIds.clientSessionId(later.id())))
                .forEach(sample::add);
        reference.visits().stream().filter(v -> v.events().size() > 100).forEach(sample::add);
        assertThat(sample).hasSizeGreaterThanOrEqualTo(5);
        return sample;
    }

    /** No session ends within 20-35 minutes before now, so the active ones stay the same while the test runs. */
    private void checkShapes() {
        long now = day.now();
        for (Visit visit : reference.visits()) {
            long last = visit.lastActivity();
            assertThat(last).as(visit.id()).isLessThan(now - Reference.MINUTE);
            assertThat(last > now - 35 * Reference.MINUTE && last < now - 20 * Reference.MINUTE)
                    .as("%s ends near the end of the active window", visit.id())
                    .isFalse();
            assertThat(visit.start()).isGreaterThanOrEqualTo(now - DayOfTraffic.OLDEST);
        }
        assertThat(reference.visits().stream().filter(v -> SessionIds.isDerived(v.id())))
                .isNotEmpty();
        assertThat(reference.activeAt(now)).hasSizeGreaterThan(10);
    }

    private int post() {
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (List<DayOfTraffic.Request> requests : day.clients()) {
                done.add(senders.submit(() -> {
                    for (DayOfTraffic.Request request : requests) {
                        assertThat(client.post(request))
                                .isEqualTo(request.events().size());
                    }
                    return requests.size();
                }));
            }
            int count = 0;
            for (Future<Integer> future : done) {
                count += future.get();
            }
            for (DayOfTraffic.Request request : day.lateResends()) {
                assertThat(client.post(request)).isEqualTo(request.events().size());
                count++;
            }
            return count;
        } catch (Exception e) {
            throw new AssertionError("sending the traffic", e);
        } finally {
            senders.shutdownNow();
        }
    }

    /**
     * Waits until the rollups of a range holding everything count every event and session sent, or, when they never
     * do, until their answer has not changed for {@link #QUIET} (the checks then name every difference).
     */
    void awaitTotals() {
        long started = System.nanoTime();
        long from = Math.floorDiv(day.now() - 25 * Reference.HOUR, Reference.HOUR) * Reference.HOUR;
        long to = Math.floorDiv(day.now(), Reference.HOUR) * Reference.HOUR + 2 * Reference.HOUR;
        Figures all = reference.figures(from, to);
        Map<String, String> query = Map.of(
                "from",
                Instant.ofEpochMilli(from).toString(),
                "to",
                Instant.ofEpochMilli(to).toString());
        long deadline = System.nanoTime() + SETTLE.toNanos();
        String last = "";
        long changedAt = System.nanoTime();
        while (System.nanoTime() < deadline) {
            Answer answer = client.get("/api/stats/summary", query);
            JsonNode body = answer.body();
            if (answer.status() == 200
                    && body.path("events").asLong() == all.events()
                    && body.path("bot_events").asLong() == all.botEvents()
                    && body.path("sessions").asLong() == all.sessions()
                    && body.path("bot_sessions").asLong() == all.botSessions()) {
                System.out.printf(
                        "statistics e2e: rollups complete after %d ms%n",
                        Duration.ofNanos(System.nanoTime() - started).toMillis());
                return;
            }
            if (!body.toString().equals(last)) {
                last = body.toString();
                changedAt = System.nanoTime();
            } else if (answer.status() == 200
                    && body.path("events").asLong() > 0
                    && System.nanoTime() - changedAt > QUIET.toNanos()) {
                System.out.printf("statistics e2e: the rollups settled short of %s: %s%n", all, last);
                return;
            }
            pause();
        }
        throw new AssertionError("the rollups did not reach " + all + " within " + SETTLE + ": " + last);
    }

    private static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
