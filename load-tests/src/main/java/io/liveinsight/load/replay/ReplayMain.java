package io.liveinsight.load.replay;

import io.liveinsight.event.time.Sleeper;
import io.liveinsight.load.cli.Args;
import io.liveinsight.load.traffic.RecordedLine;
import io.liveinsight.load.traffic.Recording;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code replay --in recording.ndjson [--url http://127.0.0.1:8080] [--speed 1 | --speed 10 | --speed 0 (max)]
 * [--concurrency 32] [--batch-size 10] [--flush-ms 5000]}: sends the recording as a tracker would, prints a progress
 * bar and the summary.
 */
public final class ReplayMain {

    private ReplayMain() {}

    public static void main(String[] argv) throws Exception {
        Args args = Args.parse(argv);
        List<RecordedLine> recording = Recording.read(Path.of(args.value("in", "target/recording.ndjson")));
        TrackerBatching batching = new TrackerBatching(
                args.intValue("batch-size", TrackerBatching.TRACKER_DEFAULTS.batchSize()),
                args.longValue("flush-ms", TrackerBatching.TRACKER_DEFAULTS.flushIntervalMs()));
        double speed = args.doubleValue("speed", 1);
        List<Beacon> plan = new BeaconPlanner(batching, speed, System.currentTimeMillis()).plan(recording);
        URI url = URI.create(args.value("url", "http://127.0.0.1:8080"));
        int concurrency = args.intValue("concurrency", 32);
        System.out.printf(
                "replaying %,d lines as %,d requests to %s at %s, %d in flight at most%n",
                recording.size(), plan.size(), url, speed == 0 ? "full speed" : speed + "x", concurrency);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            Replayer replayer = new Replayer(
                    new HttpSender(url, Duration.ofSeconds(30)),
                    Ticker.SYSTEM,
                    Sleeper.SYSTEM,
                    executor,
                    concurrency,
                    Replayer.DEFAULT_MAX_ATTEMPTS,
                    false,
                    new ConsoleProgressBar(System.err, "replay"));
            ReplaySummary summary = replayer.run(plan);
            System.out.println(summary.describe());
        }
    }
}
