package io.liveinsight.event.archive;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the archive keeps what the stream accepted (docs/contract/archive.md#layout), the same in S3 (Firehose) and in
 * a local folder: objects under {@code dt=YYYY-MM-DD/hour=HH/} of the UTC hour they were archived in, each gzip NDJSON
 * with one stream record's data ({@code {"v":1,"events":[...]}}) a line, and a name ending {@link #FILE_SUFFIX}.
 */
public final class ArchiveLayout {

    public static final String FILE_SUFFIX = ".ndjson.gz";

    /** The same partition as Firehose writes it with S3 prefix expressions (its clock: the record's arrival). */
    public static final String FIREHOSE_PREFIX = "dt=!{timestamp:yyyy-MM-dd}/hour=!{timestamp:HH}/";

    public static final String FIREHOSE_ERROR_PREFIX =
            "errors/!{firehose:error-output-type}/dt=!{timestamp:yyyy-MM-dd}/";

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final Pattern PARTITION = Pattern.compile("(?:^|/)dt=(\\d{4}-\\d{2}-\\d{2})/hour=(\\d{2})/");

    private ArchiveLayout() {}

    /** {@code dt=2026-12-06/hour=09/} for any instant in that UTC hour. */
    public static String partition(Instant at) {
        LocalDateTime time = LocalDateTime.ofInstant(at, ZoneOffset.UTC);
        return "dt=" + DATE.format(time) + "/hour=" + String.format("%02d", time.getHour()) + "/";
    }

    /** The start of the UTC hour a path's partition names, if it has one. */
    public static Optional<Instant> hourOf(String path) {
        Matcher matcher = PARTITION.matcher(path.replace('\\', '/'));
        if (!matcher.find()) {
            return Optional.empty();
        }
        try {
            LocalDateTime day = java.time.LocalDate.parse(matcher.group(1)).atStartOfDay();
            int hour = Integer.parseInt(matcher.group(2));
            if (hour > 23) {
                return Optional.empty();
            }
            return Optional.of(day.plusHours(hour).toInstant(ZoneOffset.UTC));
        } catch (java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether a path's partition may hold records received in [from, to): the hours the range touches, plus the hour
     * before (an object is filed under the hour its oldest record arrived in and holds up to one buffer interval more)
     * and the hour after (a record received at 09:59:59 may arrive at 10:00:01). The reader then selects by
     * {@code received_at}.
     */
    public static boolean inRange(String path, Instant from, Instant to) {
        Instant first = from.truncatedTo(ChronoUnit.HOURS).minus(1, ChronoUnit.HOURS);
        Instant last = to.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
        return hourOf(path)
                .filter(hour -> !hour.isBefore(first) && !hour.isAfter(last))
                .isPresent();
    }
}
