package io.liveinsight.dashboard.domain;

import io.liveinsight.event.replay.ReplayLane;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A replay run as the stream processor lists it (docs/contract/replay.md#where-a-run-shows): the earliest and latest
 * {@code received_at} it has counted, epoch milliseconds.
 */
public record ReplayRun(String run, long firstAt, long lastAt) {

    /** Runs listed at most: the newest. */
    public static final int MAX_LISTED = 100;

    private static final Comparator<ReplayRun> NEWEST_FIRST =
            Comparator.comparingLong(ReplayRun::lastAt).reversed().thenComparing(ReplayRun::run);

    public ReplayRun {
        Objects.requireNonNull(run, "run");
        if (ReplayLane.runError(run) != null) {
            throw new IllegalArgumentException("replay run " + ReplayLane.runError(run));
        }
    }

    /** The {@link #MAX_LISTED} runs of the latest {@code lastAt}, newest first (ties by run id). */
    public static List<ReplayRun> newestFirst(Collection<ReplayRun> runs) {
        return runs.stream().sorted(NEWEST_FIRST).limit(MAX_LISTED).toList();
    }

    /** As the API answers it: instants as ISO-8601 UTC strings, as the statistics routes write them. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("run", run);
        json.put("first_at", Instant.ofEpochMilli(firstAt).toString());
        json.put("last_at", Instant.ofEpochMilli(lastAt).toString());
        return json;
    }
}
