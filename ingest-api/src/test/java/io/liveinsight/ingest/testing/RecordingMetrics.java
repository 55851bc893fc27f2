package io.liveinsight.ingest.testing;

import io.liveinsight.ingest.port.IngestMetrics;
import java.util.ArrayList;
import java.util.List;

/** Keeps every outcome reported. */
public final class RecordingMetrics implements IngestMetrics {

    public final List<Outcome> outcomes = new ArrayList<>();

    @Override
    public synchronized void record(Outcome outcome) {
        outcomes.add(outcome);
    }

    public Outcome last() {
        return outcomes.get(outcomes.size() - 1);
    }
}
