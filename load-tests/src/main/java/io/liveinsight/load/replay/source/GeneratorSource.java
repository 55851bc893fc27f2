package io.liveinsight.load.replay.source;

import io.liveinsight.load.traffic.GeneratorSettings;
import io.liveinsight.load.traffic.RecordedLine;
import io.liveinsight.load.traffic.TrafficGenerator;
import java.util.List;

/**
 * Generated traffic ({@link TrafficGenerator}: seeded, the same seed and size give the same events) as the tracker would
 * send it; its deliberately malformed requests are skipped as from a recording.
 */
public final class GeneratorSource implements ReplaySource {

    private final GeneratorSettings settings;

    public GeneratorSource(GeneratorSettings settings) {
        this.settings = settings;
    }

    @Override
    public SourceRead read() {
        String name = "generated-seed-" + settings.seed();
        List<RecordedLine> lines = TrafficGenerator.generate(settings);
        TrackerRequests recording = new TrackerRequests();
        List<Skipped> skipped = new java.util.ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Origin origin = new Origin(name, i + 1L);
            if (lines.get(i).isMalformed()) {
                skipped.add(Skipped.at(
                        origin,
                        "a malformed request the generator made on purpose (the edge answers 400): not replayed"));
            } else {
                recording.add(lines.get(i), origin);
            }
        }
        return new SourceRead(
                "generator (seed " + settings.seed() + ", " + settings.sessions() + " sessions over "
                        + settings.durationMs() / 1000 + " s)",
                recording.requests(name),
                skipped);
    }
}
