package io.liveinsight.processor.consumer;

import static io.liveinsight.processor.Events.pageView;
import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.event.DecodeResult;
import io.liveinsight.event.Event;
import io.liveinsight.event.EventCodec;
import io.liveinsight.processor.port.DeadLetters;
import io.liveinsight.processor.port.DeadLetters.DeadLetter;
import io.liveinsight.processor.port.EventStore;
import io.liveinsight.processor.port.RejectedEventsException;
import io.liveinsight.processor.port.SessionStore;
import io.liveinsight.processor.port.StoreUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class BatchWriterTest {

    private final List<Duration> waits = new ArrayList<>();
    private final List<String> log = new ArrayList<>();
    private final AtomicBoolean stopping = new AtomicBoolean();

    private final List<Event> batch =
            List.of(pageView("a", "s1", 1, "/"), pageView("b", "s2", 2, "/"), pageView("c", "s1", 3, "/"));

    /** Fails its first {@code failures} calls, then records what it was given. */
    private EventStore events(int failures) {
        int[] calls = {0};
        return (List<Event> list) -> {
            if (calls[0]++ < failures) {
                throw new StoreUnavailableException("throttled", null);
            }
            log.add("events:" + list.size());
        };
    }

    private final SessionStore sessions = (id, list) -> log.add("session:" + id + ":" + list.size());
    private final DeadLetters deadLetters = letters -> log.add("dead:" + letters.size());

    @Test
    void write_whenSessionStoreRefusesForGood_deadLettersThatSessionAndStoresTheRest() {
        List<List<DeadLetter>> sent = new ArrayList<>();
        SessionStore refusingS2 = (id, list) -> {
            if (id.equals("s2")) {
                throw new RejectedEventsException("item too large", list, null);
            }
            log.add("session:" + id + ":" + list.size());
        };
        BatchWriter writer = new BatchWriter(events(0), refusingS2, sent::add, stopping::get, waits::add);

        assertThat(writer.write(batch)).isTrue();

        assertThat(log).containsExactly("events:3", "session:s1:2");
        assertThat(sent).hasSize(1);
        DeadLetter letter = sent.get(0).get(0);
        assertThat(letter.partitionKey()).isEqualTo("s2");
        assertThat(letter.reason()).isEqualTo("item too large");
        assertThat(new EventCodec().decode(letter.data())).isEqualTo(new DecodeResult.Decoded(List.of(batch.get(1))));
        assertThat(waits).isEmpty();
    }

    @Test
    void write_whenEventsTableRefusesOneEvent_keepsItOutOfSessionsAndDeadLettersIt() {
        List<List<DeadLetter>> sent = new ArrayList<>();
        EventStore refusingB = list -> {
            log.add("events:" + list.size());
            throw new RejectedEventsException("ValidationException", List.of(batch.get(1)), null);
        };
        BatchWriter writer = new BatchWriter(refusingB, sessions, sent::add, stopping::get, waits::add);

        assertThat(writer.write(batch)).isTrue();

        assertThat(log).containsExactly("events:3", "session:s1:2");
        assertThat(sent).singleElement().satisfies(letters -> assertThat(letters)
                .extracting(DeadLetter::partitionKey)
                .containsExactly("s2"));
    }

    @Test
    void write_whenPoisonRecords_storesDeadLettersBeforeEvents() {
        BatchWriter writer = new BatchWriter(events(0), sessions, deadLetters, stopping::get, waits::add);

        assertThat(writer.write(batch, List.of(new DeadLetter("s9", "42", "not a stream record", new byte[] {1}))))
                .isTrue();
        assertThat(log).containsExactly("dead:1", "events:3", "session:s1:2", "session:s2:1");
    }

    @Test
    void write_whenStoresAnswer_writesEventsThenEachSessionOnce() {
        BatchWriter writer = new BatchWriter(events(0), sessions, deadLetters, stopping::get, waits::add);

        assertThat(writer.write(batch)).isTrue();
        assertThat(log).containsExactly("events:3", "session:s1:2", "session:s2:1");
        assertThat(waits).isEmpty();
    }

    @Test
    void write_whenStoreThrottlesThrice_retriesWithGrowingBackoffAndSucceeds() {
        BatchWriter writer = new BatchWriter(events(3), sessions, deadLetters, stopping::get, waits::add);

        assertThat(writer.write(batch)).isTrue();
        assertThat(waits).hasSize(3);
        assertThat(waits.get(0)).isBetween(Duration.ofMillis(25), Duration.ofMillis(50));
        assertThat(waits.get(2)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(log).containsExactly("events:3", "session:s1:2", "session:s2:1");
    }

    @Test
    void write_whenStoppingWhileStoreDown_givesUpWithoutWritingSessions() {
        BatchWriter writer = new BatchWriter(events(Integer.MAX_VALUE), sessions, deadLetters, stopping::get, wait -> {
            waits.add(wait);
            if (waits.size() == 5) {
                stopping.set(true);
            }
        });

        assertThat(writer.write(batch)).isFalse();
        assertThat(waits).hasSize(5);
        assertThat(log).isEmpty();
    }
}
