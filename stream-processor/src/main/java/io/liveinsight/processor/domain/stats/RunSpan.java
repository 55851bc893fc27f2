package io.liveinsight.processor.domain.stats;

import io.liveinsight.event.Event;
import io.liveinsight.event.replay.ReplayLane;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The receive times a batch stored of one replay run (docs/contract/replay.md#where-a-run-shows): what its runs item
 * ({@code <site>#runs}, {@code sk} = the run) is widened to include. Widening is a minimum and a maximum, so the item
 * ends the same whatever the order batches and shards come in, and a batch written again changes nothing.
 *
 * @param site the live site the run replays (its runs item's partition is {@link ReplayLane#runsKey} of it)
 * @param firstAt the earliest {@code received_at}, epoch ms
 * @param lastAt the latest {@code received_at}, epoch ms
 */
public record RunSpan(String site, String run, long firstAt, long lastAt) {

    public RunSpan {
        Objects.requireNonNull(site, "site");
        String error = ReplayLane.runError(run);
        if (error != null) {
            throw new IllegalArgumentException("replay run " + error);
        }
        if (firstAt > lastAt) {
            throw new IllegalArgumentException("first_at " + firstAt + " after last_at " + lastAt);
        }
    }

    /**
     * One span per site and replay run among {@code events} (live ones left out), in site and run order: a run of
     * each site is that site's (docs/contract/sites.md#isolation), its runs item under {@code <site>#runs}.
     */
    public static List<RunSpan> of(List<Event> events) {
        Map<List<String>, long[]> byRun =
                new TreeMap<>(Comparator.comparing((List<String> siteAndRun) -> siteAndRun.get(0))
                        .thenComparing(siteAndRun -> siteAndRun.get(1)));
        for (Event event : events) {
            if (event.isReplay()) {
                long at = event.receivedAt();
                long[] span = byRun.computeIfAbsent(
                        List.of(event.siteOrDefault(), event.replayRun()), run -> new long[] {at, at});
                span[0] = Math.min(span[0], at);
                span[1] = Math.max(span[1], at);
            }
        }
        List<RunSpan> spans = new ArrayList<>(byRun.size());
        byRun.forEach((run, span) -> spans.add(new RunSpan(run.get(0), run.get(1), span[0], span[1])));
        return spans;
    }

    /** The span of both: the earlier first, the later last. */
    public RunSpan widen(RunSpan other) {
        if (!site.equals(other.site) || !run.equals(other.run)) {
            throw new IllegalArgumentException("not the same run: " + run + ", " + other.run);
        }
        return new RunSpan(site, run, Math.min(firstAt, other.firstAt), Math.max(lastAt, other.lastAt));
    }

    /** Whether this span already holds {@code other}: widening by it would change nothing. */
    public boolean covers(RunSpan other) {
        return firstAt <= other.firstAt && other.lastAt <= lastAt;
    }
}
