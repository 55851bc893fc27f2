package io.liveinsight.load.bench;

import io.liveinsight.load.cli.Args;
import java.nio.file.Path;

/**
 * The benchmark's knobs ({@code --name value}); the defaults are what the README's table was measured with.
 *
 * @param jar the local stack ({@code local/app/target/liveinsight-local.jar})
 * @param resultsDir where {@code latest.json} and {@code latest.md} go
 * @param throughputEvents events sent as fast as {@code concurrency} requests in flight allow
 * @param latencySeconds how long the steady phase runs while probes measure PutRecords-to-ActiveSessions
 * @param latencyRate events per second of background traffic in that phase
 * @param baseRate the burst phase's base rate (events/s); the burst is {@code burstFactor} times that
 */
record BenchmarkSettings(
        Path jar,
        Path resultsDir,
        long seed,
        int throughputEvents,
        int concurrency,
        int latencySeconds,
        double latencyRate,
        double baseRate,
        double burstFactor,
        int beforeSeconds,
        int burstSeconds,
        int afterSeconds,
        int emulatorSeconds,
        double averageEventsPerSecond) {

    static BenchmarkSettings from(Args args) {
        return new BenchmarkSettings(
                Path.of(args.value("jar", "local/app/target/liveinsight-local.jar")),
                Path.of(args.value("results", "load-tests/results")),
                args.longValue("seed", 7),
                args.intValue("throughput-events", 4_000),
                args.intValue("concurrency", 8),
                args.intValue("latency-s", 30),
                args.doubleValue("latency-rate", 40),
                args.doubleValue("base-rate", 12),
                args.doubleValue("burst-factor", 10),
                args.intValue("before-s", 20),
                args.intValue("burst-s", 60),
                args.intValue("after-s", 120),
                args.intValue("emulator-s", 6),
                args.doubleValue("events-per-second", 1_000));
    }
}
