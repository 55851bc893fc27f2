package io.liveinsight.load.replay;

import io.liveinsight.load.traffic.GeneratorSettings;
import io.liveinsight.load.traffic.RecordedLine;
import io.liveinsight.load.traffic.TrafficGenerator;
import java.util.List;

/** Generated traffic with at least a given number of events, as the tracker would send it. */
public final class Plans {

    private Plans() {}

    /** The requests of at least {@code events} generated events, batched as tracker.js batches them. */
    public static List<Beacon> tracker(long seed, int events, long spreadMs) {
        List<RecordedLine> recording = recordingWithEvents(seed, events);
        long now = System.currentTimeMillis();
        return new BeaconPlanner(TrackerBatching.TRACKER_DEFAULTS, 0, now + spreadMs).plan(recording);
    }

    public static List<RecordedLine> recordingWithEvents(long seed, int events) {
        int sessions = Math.max(10, (int) (events / 6.0));
        while (true) {
            List<RecordedLine> lines = TrafficGenerator.generate(GeneratorSettings.defaults()
                    .withSeed(seed)
                    .withSessions(sessions)
                    .withDurationMs(600_000));
            long count = lines.stream().filter(l -> !l.isMalformed()).count();
            if (count >= events) {
                return lines;
            }
            sessions = (int) (sessions * 1.3) + 10;
        }
    }
}
