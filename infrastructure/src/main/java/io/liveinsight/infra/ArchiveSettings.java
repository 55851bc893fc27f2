package io.liveinsight.infra;

/**
 * The archive's settings (docs/contract/archive.md#layout): whether the Firehose delivery stream and its bucket exist,
 * how Firehose buffers, and when objects move to cheaper storage. Checked here, at synth, against the limits Firehose
 * and S3 would refuse at deploy.
 *
 * @param enabled {@code archive} / {@code ARCHIVE}: {@code on} (default) or {@code off}
 * @param bufferMb {@code archiveBufferMb} / {@code ARCHIVE_BUFFER_MB}: Firehose writes an object when this much has
 *     gathered (1-128 MiB)
 * @param bufferSeconds {@code archiveBufferSeconds} / {@code ARCHIVE_BUFFER_SECONDS}: or when this long has passed
 *     (0-900 s), whichever comes first
 * @param infrequentAccessDays {@code archiveInfrequentAccessDays} / {@code ARCHIVE_INFREQUENT_ACCESS_DAYS}: objects move
 *     to S3 Standard-IA this many days after they were written (S3 takes 30 or more)
 * @param glacierDays {@code archiveGlacierDays} / {@code ARCHIVE_GLACIER_DAYS}: and to S3 Glacier Instant Retrieval
 *     after this many (S3 keeps an object 30 days in Standard-IA before its next transition)
 * @param expireDays {@code archiveExpireDays} / {@code ARCHIVE_EXPIRE_DAYS}: objects are deleted after this many days;
 *     0 (default): never
 */
public record ArchiveSettings(
        boolean enabled, int bufferMb, int bufferSeconds, int infrequentAccessDays, int glacierDays, int expireDays) {

    public static final int DEFAULT_BUFFER_MB = 5;
    public static final int DEFAULT_BUFFER_SECONDS = 300;
    public static final int DEFAULT_INFREQUENT_ACCESS_DAYS = 30;
    public static final int DEFAULT_GLACIER_DAYS = 90;
    /** {@code expireDays} of an archive kept for ever. */
    public static final int NEVER = 0;
    /** How much later than its buffer interval an archive may deliver before its freshness alarm fires. */
    static final int FRESHNESS_MARGIN_SECONDS = 600;

    /** S3's least number of days before a transition to Standard-IA, and in Standard-IA before the next one. */
    private static final int S3_IA_MINIMUM_DAYS = 30;

    public ArchiveSettings {
        if (bufferMb < 1 || bufferMb > 128) {
            throw new IllegalArgumentException("archiveBufferMb must be 1 to 128 (Firehose's limits), was " + bufferMb);
        }
        if (bufferSeconds < 0 || bufferSeconds > 900) {
            throw new IllegalArgumentException(
                    "archiveBufferSeconds must be 0 to 900 (Firehose's limits), was " + bufferSeconds);
        }
        if (infrequentAccessDays < S3_IA_MINIMUM_DAYS) {
            throw new IllegalArgumentException("archiveInfrequentAccessDays must be " + S3_IA_MINIMUM_DAYS
                    + " or more (S3 refuses an earlier transition to Standard-IA), was " + infrequentAccessDays);
        }
        if (glacierDays < infrequentAccessDays + S3_IA_MINIMUM_DAYS) {
            throw new IllegalArgumentException("archiveGlacierDays must be at least archiveInfrequentAccessDays + "
                    + S3_IA_MINIMUM_DAYS + " (" + (infrequentAccessDays + S3_IA_MINIMUM_DAYS)
                    + ": S3 keeps an object 30 days in Standard-IA before the next transition), was " + glacierDays);
        }
        if (expireDays != NEVER && expireDays <= glacierDays) {
            throw new IllegalArgumentException("archiveExpireDays must be 0 (never) or more than archiveGlacierDays ("
                    + glacierDays + "), was " + expireDays);
        }
    }

    /** On, 5 MiB or 300 s, Standard-IA after 30 days, Glacier Instant Retrieval after 90, kept for ever. */
    public static ArchiveSettings defaults() {
        return new ArchiveSettings(
                true,
                DEFAULT_BUFFER_MB,
                DEFAULT_BUFFER_SECONDS,
                DEFAULT_INFREQUENT_ACCESS_DAYS,
                DEFAULT_GLACIER_DAYS,
                NEVER);
    }

    public boolean expires() {
        return expireDays != NEVER;
    }

    /**
     * The {@code Archive-DataFreshness} alarm's threshold: the buffer interval (a record may wait that long by design)
     * plus {@value #FRESHNESS_MARGIN_SECONDS} s; 900 s with the defaults.
     */
    public int freshnessAlarmSeconds() {
        return bufferSeconds + FRESHNESS_MARGIN_SECONDS;
    }
}
