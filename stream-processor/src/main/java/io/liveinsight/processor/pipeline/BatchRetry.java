package io.liveinsight.processor.pipeline;

import io.liveinsight.event.time.Sleeper;
import io.liveinsight.processor.pipeline.RecordDecoder.RawRecord;
import io.liveinsight.processor.port.StoreUnavailableException;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One batch through the {@link Pipeline} until it is settled, the same for both doors (KCL and Lambda). Two kinds of
 * failure, two rules:
 *
 * <ul>
 *   <li>{@link StoreUnavailableException} (and its subclasses): transient, or a misconfiguration an operator must
 *       fix. Retried without limit and never dead-lettered: the data is good, so the checkpoint is held (Kinesis keeps
 *       the records) until the store takes it or the consumer stops.
 *   <li>anything else ({@code RuntimeException}, or the {@code StackOverflowError} of a bug): deterministic, retrying
 *       cannot help. {@value #DETERMINISTIC_ATTEMPTS} attempts, then every record of the batch goes raw and
 *       unchanged to the dead letters with the reason, and the shard moves on. Writes are idempotent, so the events
 *       of the batch that were stored before the failure are stored once, whatever is done with the letters later.
 * </ul>
 *
 * Other {@link Error}s (out of memory and the like) are thrown: the caller must not move past the batch.
 */
public final class BatchRetry {

    /** Attempts of a batch that fails deterministically before it goes to the dead letters. */
    public static final int DETERMINISTIC_ATTEMPTS = 3;

    private static final Logger LOG = LoggerFactory.getLogger(BatchRetry.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final Pipeline pipeline;
    private final Sleeper sleeper;

    public BatchRetry(Pipeline pipeline, Sleeper sleeper) {
        this.pipeline = pipeline;
        this.sleeper = sleeper;
    }

    /** How a batch was settled. */
    public enum Outcome {
        /** Every record is durable (events, sessions, poison records as dead letters). */
        STORED,
        /** It failed deterministically; every record is durable in the dead letters instead. */
        DEAD_LETTERED,
        /** The consumer began stopping first: nothing may be acknowledged past this batch. */
        STOPPED
    }

    /**
     * Stores the batch, or sets it aside after {@value #DETERMINISTIC_ATTEMPTS} deterministic failures.
     *
     * @param source what the batch is, for the logs ({@code shard shardId-000000000001})
     */
    public Outcome settle(List<RawRecord> records, String source) {
        int deterministic = 0;
        for (int attempt = 0; ; attempt++) {
            Throwable failure;
            boolean unavailable;
            try {
                return pipeline.process(records) ? Outcome.STORED : Outcome.STOPPED;
            } catch (StoreUnavailableException e) {
                failure = e;
                unavailable = true;
            } catch (RuntimeException | StackOverflowError e) {
                failure = e;
                unavailable = false;
                deterministic++;
            }
            if (pipeline.stopping()) {
                return Outcome.STOPPED;
            }
            if (!unavailable && deterministic >= DETERMINISTIC_ATTEMPTS) {
                return deadLetter(records, source, failure);
            }
            Duration wait = backoff(attempt);
            LOG.error(
                    "batch of {} not stored ({}); attempt {} ({}), trying it again in {} ms",
                    source,
                    failure.toString(),
                    attempt + 1,
                    unavailable
                            ? "store unavailable: retried until it answers"
                            : "deterministic failure " + deterministic + " of " + DETERMINISTIC_ATTEMPTS,
                    wait.toMillis(),
                    attempt == 0 ? failure : null);
            sleeper.pause(wait);
        }
    }

    /** The reason each dead letter carries: the exception's class and message. */
    static String reason(Throwable failure) {
        return "batch not stored after " + DETERMINISTIC_ATTEMPTS + " attempts: "
                + failure.getClass().getName() + ": " + failure.getMessage();
    }

    private Outcome deadLetter(List<RawRecord> records, String source, Throwable failure) {
        String reason = reason(failure);
        LOG.error("batch of {} ({} records) goes to the dead letters: {}", source, records.size(), reason, failure);
        for (int attempt = 0; ; attempt++) {
            try {
                return pipeline.deadLetterAll(records, reason) ? Outcome.DEAD_LETTERED : Outcome.STOPPED;
            } catch (RuntimeException e) {
                // The letters cannot be sent either: the batch is held (never dropped) and the shard shows as stuck.
                if (pipeline.stopping()) {
                    return Outcome.STOPPED;
                }
                Duration wait = backoff(attempt);
                LOG.error(
                        "dead letters of {} not sent ({}); attempt {}, trying again in {} ms",
                        source,
                        e.toString(),
                        attempt + 1,
                        wait.toMillis());
                sleeper.pause(wait);
            }
        }
    }

    private static Duration backoff(int attempt) {
        return Duration.ofMillis(Math.min(MAX_BACKOFF.toMillis(), FIRST_BACKOFF.toMillis() << Math.min(attempt, 10)));
    }
}
