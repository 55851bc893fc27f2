package io.liveinsight.load.replay.send;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the edge answered, over the whole replay (thread-safe): answers by status, the first refusals with the edge's
 * reasons, and whether to stop: the replay lane refused (403: no key, wrong key, lane off) or the edge not reachable
 * at all (connection errors and not one answer).
 */
public final class EdgeAnswers {

    static final int KEPT = 20;
    static final int UNREACHABLE_AFTER = 20;

    private final Map<Integer, Long> byStatus = new TreeMap<>();
    private final List<String> refusals = new ArrayList<>();
    private long refusedEvents;
    private long answered;
    private long connectionErrors;
    private String forbidden;

    synchronized void answer(int status) {
        byStatus.merge(status, 1L, Long::sum);
        if (status == 0) {
            connectionErrors++;
        } else {
            answered++;
        }
    }

    synchronized void refused(long events, String description) {
        refusedEvents += events;
        if (refusals.size() < KEPT) {
            refusals.add(description);
        }
    }

    synchronized void forbidden(String message) {
        if (forbidden == null) {
            forbidden = message;
        }
    }

    /** Whether to send nothing more: the lane refused, or the edge never answered. */
    public synchronized boolean shouldStop() {
        return forbidden != null || (answered == 0 && connectionErrors >= UNREACHABLE_AFTER);
    }

    /** Why the replay stopped early; null when it did not. */
    public synchronized String stopReason(String url) {
        if (forbidden != null) {
            return "the edge refused the replay lane: " + forbidden;
        }
        if (answered == 0 && connectionErrors >= UNREACHABLE_AFTER) {
            return "the edge at " + url + " never answered (" + connectionErrors + " connection errors)";
        }
        return null;
    }

    public synchronized Map<Integer, Long> byStatus() {
        return new TreeMap<>(byStatus);
    }

    public synchronized List<String> refusals() {
        return List.copyOf(refusals);
    }

    public synchronized long refusedEvents() {
        return refusedEvents;
    }
}
