package io.liveinsight.load.original;

import io.liveinsight.load.cli.Args;
import java.nio.file.Path;

/**
 * The original-pattern benchmark's knobs ({@code --name value}); the defaults are the original project's test.
 *
 * @param jar the local stack ({@code local/app/target/liveinsight-local.jar})
 * @param resultsDir where {@code original-pattern-latest.{md,json}} go
 * @param logDir where each stack's log goes
 * @param runs how many times both edge paths are measured (medians over the runs are reported)
 * @param users users starting together
 * @param requestsPerUser single-event requests per user, one after another
 * @param minPauseMs a user's pause between two requests, at least
 * @param maxPauseMs and at most (uniform)
 * @param sustainedEvents events sent for each sustained figure (1 and 10 events a request)
 * @param sustainedConcurrency requests in flight in the sustained phases
 * @param sustainedMaxSeconds a sustained phase sends no new request after this long (an edge that collapses under
 *     the load would otherwise take many minutes), and the figure counts what it acknowledged
 */
record OriginalPatternSettings(
        Path jar,
        Path resultsDir,
        Path logDir,
        int runs,
        int users,
        int requestsPerUser,
        long minPauseMs,
        long maxPauseMs,
        int sustainedEvents,
        int sustainedConcurrency,
        int sustainedMaxSeconds,
        long seed) {

    OriginalPatternSettings {
        if (runs < 1
                || users < 1
                || requestsPerUser < 1
                || sustainedEvents < 10
                || sustainedConcurrency < 1
                || sustainedMaxSeconds < 1) {
            throw new IllegalArgumentException(
                    "runs, users, requests and concurrency must be at least 1, sustained events at least 10");
        }
        if (minPauseMs < 0 || maxPauseMs < minPauseMs) {
            throw new IllegalArgumentException("need 0 <= min pause <= max pause");
        }
    }

    static OriginalPatternSettings from(Args args) {
        return new OriginalPatternSettings(
                Path.of(args.value("jar", "local/app/target/liveinsight-local.jar")),
                Path.of(args.value("results", "load-tests/results")),
                Path.of(args.value("logs", "load-tests/target")),
                args.intValue("runs", 3),
                args.intValue("users", 100),
                args.intValue("requests", 5),
                args.longValue("min-pause-ms", 100),
                args.longValue("max-pause-ms", 1_000),
                args.intValue("sustained-events", 3_000),
                args.intValue("sustained-concurrency", 16),
                args.intValue("sustained-max-s", 60),
                args.longValue("seed", 15));
    }
}
