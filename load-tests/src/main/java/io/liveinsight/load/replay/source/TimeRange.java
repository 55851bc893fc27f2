package io.liveinsight.load.replay.source;

import io.liveinsight.event.archive.ArchiveLayout;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The part of a recording to replay: events the edge received in [from, to), either end open. An archive is read from
 * the partition of the hour before {@code from} to the partition of the hour after {@code to}
 * (docs/contract/archive.md#layout: a record is archived after it is received, 09:59:59 may be archived at 10:00:01;
 * the hour before covers clocks that disagree), then its events are selected by {@code received_at}. A record
 * archived more than an hour after it was received is only found by a replay without a range.
 */
public record TimeRange(Instant from, Instant to) {

    /** Listing more hours than this one by one is slower than listing the whole archive. */
    static final long MAX_LISTED_HOURS = 24L * 400;

    public static final TimeRange ALL = new TimeRange(null, null);

    public TimeRange {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("--from must be before --to");
        }
    }

    public boolean isAll() {
        return from == null && to == null;
    }

    public boolean contains(long receivedAtMs) {
        return (from == null || receivedAtMs >= from.toEpochMilli())
                && (to == null || receivedAtMs < to.toEpochMilli());
    }

    /** Whether an archive object's partition may hold events of the range. */
    public boolean mayHold(String path) {
        Instant readFrom = from == null ? Instant.EPOCH : from.minus(Duration.ofHours(1));
        Instant readTo = to == null ? Instant.parse("9999-12-31T23:00:00Z") : to.plus(Duration.ofHours(1));
        return ArchiveLayout.inRange(path, readFrom, readTo);
    }

    /** The partitions to list ({@code dt=.../hour=.../}), or an empty list when the whole archive is to be listed. */
    public List<String> partitions() {
        if (from == null || to == null) {
            return List.of();
        }
        Instant first = from.minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.HOURS);
        Instant end = to.plus(Duration.ofHours(1));
        if (Duration.between(first, end).toHours() > MAX_LISTED_HOURS) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Instant hour = first; hour.isBefore(end); hour = hour.plus(Duration.ofHours(1))) {
            out.add(ArchiveLayout.partition(hour));
        }
        return out;
    }
}
