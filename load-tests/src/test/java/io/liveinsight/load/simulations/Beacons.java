package io.liveinsight.load.simulations;

import io.liveinsight.load.replay.Beacon;
import io.liveinsight.load.replay.BeaconPlanner;
import io.liveinsight.load.replay.TrackerBatching;
import io.liveinsight.load.traffic.GeneratorSettings;
import io.liveinsight.load.traffic.RecordedLine;
import io.liveinsight.load.traffic.Recording;
import io.liveinsight.load.traffic.TrafficGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Feeders of tracker-like requests from the seeded generator, and the recording a replay sends. */
final class Beacons {

    private Beacons() {}

    /** Endless valid beacons: one generated recording after another (seed, seed + 1, ...), fresh ids each time. */
    static Iterator<Map<String, Object>> endless(long seed) {
        return new Iterator<>() {
            private long next = seed;
            private Iterator<Beacon> current = List.<Beacon>of().iterator();

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Map<String, Object> next() {
                while (!current.hasNext()) {
                    List<RecordedLine> lines = TrafficGenerator.generate(GeneratorSettings.defaults()
                            .withSeed(next++)
                            .withSessions(500)
                            .withShares(0.05, 0));
                    current = new BeaconPlanner(TrackerBatching.TRACKER_DEFAULTS, 0, System.currentTimeMillis())
                            .plan(lines)
                            .iterator();
                }
                Beacon beacon = current.next();
                return Map.of("body", beacon.body(), "events", beacon.eventCount());
            }
        };
    }

    /**
     * The recording {@code -Drecording=<file>} (else the generator's default, seed {@code -Dseed}), planned at
     * {@code -Dspeed} (10: a 10-minute recording in about a minute) as the tracker batches it.
     */
    static List<Beacon> replayPlan() {
        String file = System.getProperty("recording", "");
        List<RecordedLine> lines;
        try {
            lines = file.isBlank()
                    ? TrafficGenerator.generate(GeneratorSettings.defaults()
                            .withSeed((long) Knobs.number("seed", 42))
                            .withSessions(Knobs.integer("sessions", 2_000)))
                    : Recording.read(Path.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new BeaconPlanner(
                        TrackerBatching.TRACKER_DEFAULTS, Knobs.number("speed", 10), System.currentTimeMillis())
                .plan(lines);
    }
}
