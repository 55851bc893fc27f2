package io.liveinsight.processor.consumer;

import static io.liveinsight.processor.Events.pageView;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liveinsight.event.EventCodec;
import io.liveinsight.processor.metrics.InMemoryStreamMetrics;
import io.liveinsight.processor.port.SessionStore;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.kinesis.lifecycle.events.ProcessRecordsInput;
import software.amazon.kinesis.processor.RecordProcessorCheckpointer;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/**
 * KCL offers each batch once, so a batch that fails must be retried until stored and never be passed by a
 * checkpoint. The chaos run found the gap: a StackOverflowError from inside a circuit breaker escaped to KCL, which
 * moved on, and a later checkpoint skipped a session write.
 */
class EventRecordProcessorTest {

    private final List<Duration> waits = new ArrayList<>();
    private final List<String> stored = new ArrayList<>();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicInteger checkpoints = new AtomicInteger();

    private EventRecordProcessor processor(SessionStore sessions) {
        BatchWriter writer = new BatchWriter(
                events -> stored.add("events:" + events.size()), sessions, letters -> {}, stopping::get, d -> {});
        Pipeline pipeline = new Pipeline(new RecordDecoder(new EventCodec()), writer, new InMemoryStreamMetrics());
        return new EventRecordProcessor(pipeline, waits::add);
    }

    private ProcessRecordsInput batch(String eventId) {
        byte[] data = new EventCodec().encode(List.of(pageView(eventId, "s1", 1, "/")));
        KinesisClientRecord record = KinesisClientRecord.builder()
                .partitionKey("s1")
                .sequenceNumber("1")
                .data(ByteBuffer.wrap(data))
                .build();
        RecordProcessorCheckpointer checkpointer = (RecordProcessorCheckpointer) Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {RecordProcessorCheckpointer.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("checkpoint") && (args == null || args.length == 0)) {
                        checkpoints.incrementAndGet();
                    }
                    return null;
                });
        return ProcessRecordsInput.builder()
                .records(List.of(record))
                .checkpointer(checkpointer)
                .millisBehindLatest(0L)
                .build();
    }

    @Test
    void processRecords_whenStoringThrowsAnything_retriesTheSameBatchUntilStoredThenCheckpoints() {
        AtomicInteger calls = new AtomicInteger();
        SessionStore flaky = (id, events) -> {
            switch (calls.incrementAndGet()) {
                case 1 -> throw new IllegalStateException("a bug somewhere");
                case 2 -> throw new StackOverflowError();
                default -> stored.add("session:" + id);
            }
        };
        EventRecordProcessor processor = processor(flaky);

        processor.processRecords(batch("e1"));

        assertThat(calls).hasValue(3);
        assertThat(stored).containsExactly("events:1", "events:1", "events:1", "session:s1");
        assertThat(waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(checkpoints).hasValue(1);
    }

    @Test
    void processRecords_whenLeftUnstoredAtStop_neverCheckpointsAgain() {
        AtomicInteger calls = new AtomicInteger();
        SessionStore failingUntilStopped = (id, events) -> {
            if (calls.incrementAndGet() == 1) {
                stopping.set(true);
                throw new IllegalStateException("store gone while stopping");
            }
            stored.add("session:" + id);
        };
        EventRecordProcessor processor = processor(failingUntilStopped);

        processor.processRecords(batch("e1"));
        stopping.set(false); // even if a later batch is stored, the one before it was not
        processor.processRecords(batch("e2"));

        assertThat(stored).contains("session:s1");
        assertThat(checkpoints).hasValue(0);
        assertThat(waits).isEmpty();
    }

    @Test
    void processRecords_whenAnErrorOtherThanStackOverflow_rethrowsAndNeverCheckpointsPastIt() {
        AtomicInteger calls = new AtomicInteger();
        SessionStore outOfMemory = (id, events) -> {
            if (calls.incrementAndGet() == 1) {
                throw new OutOfMemoryError("simulated");
            }
            stored.add("session:" + id);
        };
        EventRecordProcessor processor = processor(outOfMemory);

        assertThatThrownBy(() -> processor.processRecords(batch("e1"))).isInstanceOf(OutOfMemoryError.class);
        processor.processRecords(batch("e2"));

        assertThat(stored).contains("session:s1");
        assertThat(checkpoints).hasValue(0);
    }
}
