package io.liveinsight.processor.consumer;

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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one batch durably: dead letters first, then Events, then each session once. It retries a store that is unavailable for as
 * long as it takes (skipping is never an option: KCL would move on and the records would be lost), unless the
 * consumer is stopping, in which case the batch is left unacknowledged for the next lease owner to replay.
 */
public final class BatchWriter {

    private static final Logger LOG = LoggerFactory.getLogger(BatchWriter.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final EventStore events;
    private final SessionStore sessions;
    private final DeadLetters deadLetters;
    private final BooleanSupplier stopping;
    private final Sleeper sleeper;
    private final EventCodec codec = new EventCodec();

    public BatchWriter(
            EventStore events,
            SessionStore sessions,
            DeadLetters deadLetters,
            BooleanSupplier stopping,
            Sleeper sleeper) {
        this.events = events;
        this.sessions = sessions;
        this.deadLetters = deadLetters;
        this.stopping = stopping;
        this.sleeper = sleeper;
    }

    /** True once the consumer began stopping: unstored batches are then left for the next lease owner. */
    public boolean stopping() {
        return stopping.getAsBoolean();
    }

    /** True once everything is stored; false if the consumer began stopping first. */
    public boolean write(List<Event> batch) {
        return write(batch, List.of());
    }

    /**
     * Stores the poison records as dead letters, then the events; true once all of it is durable. Events a table
     * refuses for good (a {@link RejectedEventsException}) become dead letters too, so a batch never stays
     * half-written and nothing is dropped silently.
     */
    public boolean write(List<Event> batch, List<DeadLetter> poison) {
        if (!poison.isEmpty() && !retrying(() -> deadLetters.send(poison))) {
            return false;
        }
        List<DeadLetter> refused = new ArrayList<>();
        Set<String> refusedIds = new HashSet<>();
        if (!batch.isEmpty()) {
            Outcome stored = attempt(() -> events.putAll(batch));
            if (stored.stopped()) {
                return false;
            }
            if (stored.rejected() != null) {
                refused.addAll(letters(stored.rejected()));
                stored.rejected().rejected().forEach(e -> refusedIds.add(e.eventId()));
            }
        }
        Map<String, List<Event>> bySession = new LinkedHashMap<>();
        batch.stream().filter(e -> !refusedIds.contains(e.eventId())).forEach(e -> bySession
                .computeIfAbsent(e.sessionId(), key -> new ArrayList<>())
                .add(e));
        for (Map.Entry<String, List<Event>> session : bySession.entrySet()) {
            Outcome applied = attempt(() -> sessions.apply(session.getKey(), session.getValue()));
            if (applied.stopped()) {
                return false;
            }
            if (applied.rejected() != null) {
                refused.addAll(letters(applied.rejected()));
            }
        }
        return refused.isEmpty() || retrying(() -> deadLetters.send(refused));
    }

    private List<DeadLetter> letters(RejectedEventsException rejected) {
        LOG.error("{}; sending them to the dead letters", rejected.getMessage());
        Map<String, List<Event>> bySession = new LinkedHashMap<>();
        rejected.rejected().forEach(e -> bySession
                .computeIfAbsent(e.sessionId(), key -> new ArrayList<>())
                .add(e));
        return bySession.entrySet().stream()
                .map(session ->
                        new DeadLetter(session.getKey(), "", rejected.getMessage(), codec.encode(session.getValue())))
                .toList();
    }

    /** Stopped (the consumer is stopping), or done, with the events a store refused for good if any. */
    private record Outcome(boolean stopped, RejectedEventsException rejected) {}

    private Outcome attempt(Runnable write) {
        RejectedEventsException[] rejected = new RejectedEventsException[1];
        boolean done = retrying(() -> {
            try {
                write.run();
            } catch (RejectedEventsException e) {
                rejected[0] = e;
            }
        });
        return new Outcome(!done, rejected[0]);
    }

    private boolean retrying(Runnable write) {
        for (int attempt = 0; ; attempt++) {
            if (stopping.getAsBoolean()) {
                return false;
            }
            try {
                write.run();
                return true;
            } catch (StoreUnavailableException e) {
                Duration wait = backoff(attempt);
                LOG.warn(
                        "store unavailable ({}); attempt {} failed, retrying in {} ms",
                        e.getMessage(),
                        attempt + 1,
                        wait.toMillis());
                sleeper.sleep(wait);
            }
        }
    }

    private static Duration backoff(int attempt) {
        long cap = Math.min(MAX_BACKOFF.toMillis(), 50L << Math.min(attempt, 10));
        return Duration.ofMillis(cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1));
    }

    /** Injected so tests never sleep. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration);

        Sleeper THREAD = duration -> {
            try {
                Thread.sleep(duration);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }
}
