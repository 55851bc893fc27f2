package io.liveinsight.ingest.adapter.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.event.Event;
import io.liveinsight.event.EventCodec;
import io.liveinsight.event.time.Sleeper;
import io.liveinsight.ingest.port.EventPublisher.PublishResult;
import io.liveinsight.ingest.testing.ManualClock;
import io.liveinsight.ingest.testing.ScriptedKinesisClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

/** Retries with an injected clock and sleeper: no test here really sleeps. */
class KinesisRetryTest {

    private static final String THROTTLED = "ProvisionedThroughputExceededException";
    private static final RetryPolicy POLICY =
            new RetryPolicy(Duration.ofMillis(50), Duration.ofMillis(1000), Duration.ofSeconds(3));

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-26T12:00:00Z"));
    private final List<Duration> waits = new ArrayList<>();
    private final Sleeper sleeper = duration -> {
        waits.add(duration);
        clock.advance(duration);
    };

    private static Event event(String id, String session) {
        return new Event(
                id,
                "u",
                session,
                "page_view",
                1,
                "/",
                null,
                null,
                Map.of(),
                null,
                null,
                null,
                null,
                2,
                null,
                false,
                false);
    }

    private KinesisEventPublisher publisher(ScriptedKinesisClient client) {
        return new KinesisEventPublisher(
                client, "stream", new RecordPacker(new EventCodec()), POLICY, clock, sleeper, new Random(42));
    }

    private static ScriptedKinesisClient failing(BiFunction<Integer, PutRecordsRequestEntry, String> script) {
        return new ScriptedKinesisClient(script, null);
    }

    @Test
    void publish_whenChosenEntriesThrottled_retriesOnlyThoseUntilStored() {
        ScriptedKinesisClient client =
                failing((call, entry) -> entry.partitionKey().equals("b") && call < 3 ? THROTTLED : null);

        PublishResult result = publisher(client).publish(List.of(event("1", "a"), event("2", "b"), event("3", "c")));

        assertThat(result).isEqualTo(new PublishResult.Stored(3, 3));
        assertThat(client.calls).hasSize(4);
        assertThat(client.partitionKeys(0)).containsExactly("a", "b", "c");
        assertThat(client.partitionKeys(1)).containsExactly("b");
        assertThat(client.partitionKeys(2)).containsExactly("b");
        assertThat(client.partitionKeys(3)).containsExactly("b");
    }

    @Test
    void publish_whenRetrying_waitsFullJitterUnderAnExponentialCap() {
        ScriptedKinesisClient client = failing((call, entry) -> call < 6 ? THROTTLED : null);

        publisher(client).publish(List.of(event("1", "a")));

        assertThat(waits).hasSize(6);
        for (int attempt = 0; attempt < waits.size(); attempt++) {
            long cap = Math.min(1000, 50L << attempt);
            assertThat(waits.get(attempt)).isBetween(Duration.ZERO, Duration.ofMillis(cap));
        }
        assertThat(waits).as("jittered, not fixed").doesNotHaveDuplicates();
    }

    @Test
    void publish_whenThrottledPastBudget_refusesWithinBudgetCountingEveryRefusal() {
        ScriptedKinesisClient client =
                failing((call, entry) -> entry.partitionKey().equals("b") ? THROTTLED : null);

        PublishResult result = publisher(client).publish(List.of(event("1", "a"), event("2", "b")));

        assertThat(result).isInstanceOf(PublishResult.Refused.class);
        assertThat(result.refusedEntries()).isEqualTo(client.calls.size());
        assertThat(client.calls.size()).isGreaterThan(3);
        assertThat(client.calls.subList(1, client.calls.size())).allSatisfy(call -> assertThat(call)
                .extracting(PutRecordsRequestEntry::partitionKey)
                .containsExactly("b"));
        assertThat(waits.stream().reduce(Duration.ZERO, Duration::plus)).isLessThanOrEqualTo(POLICY.budget());
    }

    @Test
    void publish_whenStreamMissing_refusesAtOnceWithoutRetrying() {
        ScriptedKinesisClient client = failing((call, entry) -> {
            throw ResourceNotFoundException.builder()
                    .message("no stream")
                    .statusCode(400)
                    .build();
        });

        PublishResult result = publisher(client).publish(List.of(event("1", "a")));

        assertThat(result).isInstanceOf(PublishResult.Refused.class);
        assertThat(client.calls).hasSize(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void publish_whenOver500Records_callsInChunksAndRetriesOnlyRefusedOnes() {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 1_001; i++) {
            events.add(event("e" + i, "s" + i));
        }
        ScriptedKinesisClient client =
                failing((call, entry) -> call == 0 && entry.partitionKey().equals("s7") ? THROTTLED : null);

        PublishResult result = publisher(client).publish(events);

        assertThat(result).isEqualTo(new PublishResult.Stored(1_001, 1));
        assertThat(client.calls).extracting(List::size).containsExactly(500, 500, 1, 1);
        assertThat(client.partitionKeys(3)).containsExactly("s7");
    }

    @Test
    void store_whenSomeRecordsStayRefused_saysWhichAndHowOftenEachWasRefused() {
        ScriptedKinesisClient client = failing((call, entry) -> switch (entry.partitionKey()) {
            case "b" -> THROTTLED;
            case "c" -> call == 0 ? THROTTLED : null;
            default -> null;
        });
        RecordPacker packer = new RecordPacker(new EventCodec());
        List<RecordPacker.PackedRecord> records =
                packer.pack(List.of(event("1", "a"), event("2", "b"), event("3", "c"), event("4", "d")));

        StoreOutcome outcome = publisher(client).store(records, clock.instant().plus(POLICY.budget()));

        int calls = client.calls.size();
        assertThat(outcome.records())
                .containsExactly(
                        StoreOutcome.STORED_AT_ONCE,
                        new StoreOutcome.RecordResult(false, calls),
                        new StoreOutcome.RecordResult(true, 1),
                        StoreOutcome.STORED_AT_ONCE);
        assertThat(outcome.allStored(0, 1)).isTrue();
        assertThat(outcome.allStored(0, 2)).isFalse();
        assertThat(outcome.allStored(2, 4)).isTrue();
        assertThat(outcome.refusals(2, 4)).isEqualTo(1);
        assertThat(outcome.reason()).isEqualTo(THROTTLED);
    }

    @Test
    void store_whenTwoRecordsOfOneSession_keepsThemTwoRecordsInTheirOrder() {
        ScriptedKinesisClient client = failing((call, entry) -> null);
        RecordPacker packer = new RecordPacker(new EventCodec());
        List<RecordPacker.PackedRecord> records = new ArrayList<>(packer.pack(List.of(event("1", "s"))));
        records.addAll(packer.pack(List.of(event("2", "s"))));

        StoreOutcome outcome = publisher(client).store(records, clock.instant().plus(POLICY.budget()));

        assertThat(outcome.unstored()).isZero();
        assertThat(client.calls).hasSize(1);
        assertThat(client.calls.get(0))
                .extracting(entry -> entry.data().asUtf8String())
                .containsExactly(
                        new String(records.get(0).data(), java.nio.charset.StandardCharsets.UTF_8),
                        new String(records.get(1).data(), java.nio.charset.StandardCharsets.UTF_8));
    }
}
