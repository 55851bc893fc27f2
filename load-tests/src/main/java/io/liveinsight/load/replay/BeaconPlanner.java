package io.liveinsight.load.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.liveinsight.load.traffic.RecordedLine;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Turns a recording into the requests a tracker would have sent, on the replay's clock. Pure.
 *
 * <p>Times: at {@code speed} N a line recorded at offset t is due at t / N. Event timestamps are rewritten to
 * {@code replayEpochMs + t / N}, so a replay looks live to the edge (which keeps timestamps within [-24 h, +5 min]).
 * Speed 0 means as fast as possible: everything is due at once (concurrency bounds it) and timestamps keep their
 * recorded spacing, ending at {@code replayEpochMs}.
 */
public final class BeaconPlanner {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final TrackerBatching batching;
    private final double speed;
    private final long replayEpochMs;

    public BeaconPlanner(TrackerBatching batching, double speed, long replayEpochMs) {
        if (speed < 0 || Double.isNaN(speed)) {
            throw new IllegalArgumentException("speed must be >= 0 (0: as fast as possible)");
        }
        this.batching = batching;
        this.speed = speed;
        this.replayEpochMs = replayEpochMs;
    }

    public List<Beacon> plan(List<RecordedLine> recording) {
        long lastAt =
                recording.isEmpty() ? 0 : recording.get(recording.size() - 1).atMs();
        List<Beacon> out = new ArrayList<>();
        Map<String, Queue> open = new LinkedHashMap<>();
        PriorityQueue<Queue> deadlines = new PriorityQueue<>(
                Comparator.comparingLong((Queue q) -> q.deadline).thenComparingLong(q -> q.order));
        long order = 0;
        for (RecordedLine line : recording) {
            flushDue(line.atMs(), open, deadlines, out);
            if (line.isMalformed()) {
                out.add(new Beacon(sendAt(line.atMs()), null, line.malformedBody(), List.of()));
                continue;
            }
            Map<String, Object> event = new LinkedHashMap<>(line.event());
            event.put("timestamp", timestamp(line.atMs(), lastAt));
            Queue queue = open.get(line.sessionId());
            if (queue == null) {
                queue = new Queue(line.sessionId(), line.atMs() + batching.flushIntervalMs(), order++);
                open.put(line.sessionId(), queue);
                deadlines.add(queue);
            }
            queue.events.add(event);
            if (queue.events.size() >= batching.batchSize()) {
                open.remove(queue.sessionId);
                deadlines.remove(queue);
                out.add(beacon(line.atMs(), queue));
            }
        }
        flushDue(Long.MAX_VALUE, open, deadlines, out);
        out.sort(Comparator.comparingLong(Beacon::sendAtMs)); // stable: a session's beacons stay in order
        return out;
    }

    private void flushDue(long now, Map<String, Queue> open, PriorityQueue<Queue> deadlines, List<Beacon> out) {
        while (!deadlines.isEmpty() && deadlines.peek().deadline <= now) {
            Queue due = deadlines.poll();
            open.remove(due.sessionId);
            out.add(beacon(due.deadline, due));
        }
    }

    private Beacon beacon(long atMs, Queue queue) {
        try {
            return new Beacon(sendAt(atMs), queue.sessionId, JSON.writeValueAsString(queue.events), queue.events);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private long sendAt(long atMs) {
        return speed == 0 ? 0 : (long) (atMs / speed);
    }

    private long timestamp(long atMs, long lastAt) {
        return speed == 0 ? replayEpochMs - lastAt + atMs : replayEpochMs + (long) (atMs / speed);
    }

    private static final class Queue {
        final String sessionId;
        final long deadline;
        final long order;
        final List<Map<String, Object>> events = new ArrayList<>();

        Queue(String sessionId, long deadline, long order) {
            this.sessionId = sessionId;
            this.deadline = deadline;
            this.order = order;
        }
    }
}
