package io.liveinsight.processor.config;

import io.liveinsight.processor.archive.ArchivePolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The local archiver (docs/contract/archive.md#layout): a second KCL application on the stream, with its own name (so
 * its own lease table and checkpoints), writing every record to files under {@code directory}. In AWS a Firehose
 * delivery stream does this instead; the local stack runs it when {@code LIVEINSIGHT_ARCHIVE_DIR} is set.
 *
 * @param directory the archive folder
 * @param applicationName its KCL application, which names its lease table: by default the consumer's + {@code
 *     -archive}
 * @param policy when a shard's buffer is written: {@link ArchivePolicy#DEFAULT_MAX_BYTES} or the flush age
 * @param pollInterval time between its GetRecords calls per shard: it need not be live, so a second by default (the
 *     consumer polls every 250 ms)
 * @param stuckAfter how long records may wait unwritten before their shard counts as stuck (the archive shows as down
 *     on {@code /health}): the flush age plus {@link #STUCK_MARGIN} by default
 */
public record ArchiveConfig(
        Path directory, String applicationName, ArchivePolicy policy, Duration pollInterval, Duration stuckAfter) {

    public static final String APPLICATION_SUFFIX = "-archive";
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);
    /** How much longer than the flush age records may wait before their shard counts as stuck. */
    public static final Duration STUCK_MARGIN = Duration.ofSeconds(60);

    public ArchiveConfig {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(policy, "policy");
        if (applicationName == null || !applicationName.matches("[A-Za-z0-9_.-]{3,255}")) {
            throw new IllegalArgumentException(
                    "archive KCL application name must be 3-255 of A-Z a-z 0-9 _ . -, is " + applicationName);
        }
        if (pollInterval == null || pollInterval.compareTo(ProcessorConfig.MIN_POLL_INTERVAL) < 0) {
            throw new IllegalArgumentException("archive poll interval must be at least "
                    + ProcessorConfig.MIN_POLL_INTERVAL.toMillis() + " ms, is " + pollInterval);
        }
        if (stuckAfter == null || stuckAfter.compareTo(policy.maxAge()) <= 0) {
            throw new IllegalArgumentException("archive stuck threshold must be longer than the flush age "
                    + policy.maxAge() + ", is " + stuckAfter);
        }
    }

    /** The local stack's archiver for a consumer application: its name + {@value #APPLICATION_SUFFIX}. */
    public static ArchiveConfig local(Path directory, String consumerApplication, Duration flushAge) {
        ArchivePolicy policy = ArchivePolicy.flushedEvery(flushAge);
        return new ArchiveConfig(
                directory,
                consumerApplication + APPLICATION_SUFFIX,
                policy,
                DEFAULT_POLL_INTERVAL,
                flushAge.plus(STUCK_MARGIN));
    }

    /** This config with another buffering policy (the stuck threshold moves with its age). */
    public ArchiveConfig withPolicy(ArchivePolicy other) {
        return new ArchiveConfig(
                directory,
                applicationName,
                other,
                pollInterval,
                stuckAfter.minus(policy.maxAge()).plus(other.maxAge()));
    }

    /** This config with another stuck threshold. */
    public ArchiveConfig withStuckAfter(Duration after) {
        return new ArchiveConfig(directory, applicationName, policy, pollInterval, after);
    }

    /** This config with another poll interval. */
    public ArchiveConfig withPollInterval(Duration interval) {
        return new ArchiveConfig(directory, applicationName, policy, interval, stuckAfter);
    }
}
