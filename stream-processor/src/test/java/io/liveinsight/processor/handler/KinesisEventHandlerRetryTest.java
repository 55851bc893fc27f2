package io.liveinsight.processor.handler;

import static io.liveinsight.processor.Events.pageView;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.liveinsight.event.EventCodec;
import io.liveinsight.processor.ManualClock;
import io.liveinsight.processor.concurrent.Parallel;
import io.liveinsight.processor.pipeline.BatchRetry;
import io.liveinsight.processor.pipeline.BatchWriter;
import io.liveinsight.processor.pipeline.Pipeline;
import io.liveinsight.processor.pipeline.RecordDecoder;
import io.liveinsight.processor.port.DeadLetters.DeadLetter;
import io.liveinsight.processor.port.EventStore;
import io.liveinsight.processor.port.SessionStore;
import io.liveinsight.processor.port.StoreUnavailableException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Lambda door's retry rules on store doubles, with a {@link ManualClock} and recorded waits: a deterministic
 * failure must not be handed back to the event source mapping (which would retry it until the records expire,
 * stopping the shard), and an unavailable store must never cost good data.
 */
class KinesisEventHandlerRetryTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ManualClock clock = new ManualClock(T0);
    private final List<Duration> waits = new ArrayList<>();
    private final List<DeadLetter> letters = new ArrayList<>();
    private final List<String> metricLines = new ArrayList<>();
    private EventStore events = batch -> new EventStore.Ledger(batch, List.of(), "");
    private SessionStore sessions = (id, session) -> {};

    private KinesisEventHandler handler() {
        return new KinesisEventHandler(
                "qa",
                metricLines::add,
                (metrics, stopping) -> new Pipeline(
                        new RecordDecoder(new EventCodec()),
                        new BatchWriter(
                                batch -> events.store(batch),
                                (id, session) -> sessions.apply(id, session),
                                letters::addAll,
                                new Parallel(1),
                                metrics,
                                stopping,
                                d -> clock.advance(d)),
                        metrics),
                waits::add,
                clock);
    }

    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void handleRequest_whenTheSameBugThreeTimes_deadLettersTheWholeBatchAndReportsNoFailure() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        events = batch -> {
            calls.incrementAndGet();
            throw new IllegalArgumentException("segment key read as a root");
        };
        KinesisEvent batch = batch(record("a", "1", T0.minusSeconds(3)), record("b", "2", T0.minusSeconds(1)));

        StreamsEventResponse response = handler().handleRequest(batch, new KinesisEventHandlerTestContext(60_000));

        assertThat(response.getBatchItemFailures()).as("the mapping moves on").isEmpty();
        assertThat(calls).hasValue(BatchRetry.DETERMINISTIC_ATTEMPTS);
        assertThat(waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(letters).extracting(DeadLetter::sequenceNumber).containsExactly("1", "2");
        assertThat(letters).allSatisfy(letter -> assertThat(letter.reason())
                .contains("java.lang.IllegalArgumentException: segment key read as a root"));
        assertThat(letters.get(0).data())
                .isEqualTo(bytes(batch.getRecords().get(0).getKinesis().getData()));
        JsonNode line = JSON.readTree(metricLines.get(0));
        assertThat(line.path("BatchesDeadLettered").asDouble()).isEqualTo(1);
        assertThat(line.path("DeadLetteredRecords").asDouble()).isEqualTo(2);
        assertThat(line.path("OldestUnstoredBatchAge").asDouble()).isZero();
    }

    @Test
    void handleRequest_whenTheStoreStaysUnavailable_reportsEveryRecordFailedNeverDeadLettersAndTellsTheAge()
            throws Exception {
        AtomicInteger calls = new AtomicInteger();
        sessions = (id, session) -> {
            calls.incrementAndGet();
            clock.advance(Duration.ofSeconds(5));
            throw new StoreUnavailableException("Sessions down", null);
        };
        KinesisEvent batch = batch(record("a", "1", T0.minusSeconds(40)), record("b", "2", T0.minusSeconds(1)));

        StreamsEventResponse response = handler().handleRequest(batch, new KinesisEventHandlerTestContext(30_000));

        assertThat(response.getBatchItemFailures())
                .extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("1", "2");
        assertThat(calls.get())
                .as("retried past three attempts until the deadline")
                .isGreaterThan(3);
        assertThat(letters).isEmpty();
        JsonNode line = JSON.readTree(metricLines.get(0));
        long age = Duration.between(T0.minusSeconds(40), clock.instant()).toMillis();
        assertThat(line.path("OldestUnstoredBatchAge").asLong()).isEqualTo(age).isGreaterThan(60_000);
        assertThat(line.path("BatchesDeadLettered").isMissingNode()).isTrue();
    }

    private static KinesisEvent.KinesisEventRecord record(String session, String sequence, Instant arrived) {
        KinesisEvent.Record kinesis = new KinesisEvent.Record();
        kinesis.setPartitionKey(session);
        kinesis.setSequenceNumber(sequence);
        kinesis.setApproximateArrivalTimestamp(Date.from(arrived));
        kinesis.setData(ByteBuffer.wrap(
                new EventCodec().encode(List.of(pageView(session + "-" + sequence, session, T0.toEpochMilli(), "/")))));
        KinesisEvent.KinesisEventRecord record = new KinesisEvent.KinesisEventRecord();
        record.setKinesis(kinesis);
        record.setEventID("shardId-000000000003:" + sequence);
        record.setEventSource("aws:kinesis");
        return record;
    }

    private static KinesisEvent batch(KinesisEvent.KinesisEventRecord... records) {
        KinesisEvent event = new KinesisEvent();
        event.setRecords(List.of(records));
        return event;
    }

    private static byte[] bytes(ByteBuffer data) {
        ByteBuffer copy = data.asReadOnlyBuffer();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }
}
