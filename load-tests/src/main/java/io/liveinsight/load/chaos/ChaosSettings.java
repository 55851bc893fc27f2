package io.liveinsight.load.chaos;

import io.liveinsight.load.cli.Args;
import java.nio.file.Path;

/**
 * How long each fault lasts and how much traffic flows meanwhile. {@code full} is the acceptance run (outages of
 * 30 s, a session of 50,000 events, resends 3 minutes later); {@code short} is the same sequence with short faults,
 * a session of 5,000 events and resends 30 s later, for CI.
 *
 * @param jar the local stack's jar (edge and consumers run from it)
 * @param resultsDir where {@code chaos-latest.md} and {@code .json} go (null: not written)
 * @param logDir where the children's logs go
 * @param eventsPerSecond the website's traffic, replayed through the tracker's batching rules
 * @param throttleMs how long each throttling fault lasts
 * @param outageMs how long each dependency is unreachable
 * @param togetherMs how long everything happens at once
 * @param quietMs traffic without faults before the first fault and between the steps
 * @param poisonRecords poison records put straight on the stream (each step that puts poison)
 * @param duplicateBeacons acknowledged requests submitted a second time (each step that duplicates)
 * @param bigSessionEvents events of the one long session, sent in requests of 500
 * @param lateResendBeacons acknowledged requests of the replayed traffic kept to be sent again later (besides two of
 *     the long session's and every hostile-id request)
 * @param lateResendMs how long after their acknowledgement at least those are sent again
 * @param reshard whether a shard is split under traffic
 * @param renumbering whether the hostile ids include a session whose active segment is renumbered by an older event
 *     (off by default: see the README)
 * @param clientsInFlight requests the website's clients have in flight at most (each resent until acknowledged)
 */
public record ChaosSettings(
        String label,
        Path jar,
        Path resultsDir,
        Path logDir,
        long seed,
        double eventsPerSecond,
        long throttleMs,
        long outageMs,
        long togetherMs,
        long quietMs,
        int poisonRecords,
        int duplicateBeacons,
        int bigSessionEvents,
        int lateResendBeacons,
        long lateResendMs,
        boolean reshard,
        boolean renumbering,
        int clientsInFlight) {

    public static ChaosSettings full(Path jar, Path resultsDir, Path logDir) {
        return new ChaosSettings(
                "full",
                jar,
                resultsDir,
                logDir,
                9L,
                25,
                30_000,
                30_000,
                45_000,
                10_000,
                20,
                40,
                50_000,
                40,
                180_000,
                true,
                false,
                256);
    }

    public static ChaosSettings ci(Path jar, Path logDir) {
        return new ChaosSettings(
                "short", jar, null, logDir, 9L, 15, 6_000, 8_000, 10_000, 3_000, 6, 10, 5_000, 10, 30_000, true, false,
                256);
    }

    ChaosSettings withJar(Path other) {
        return new ChaosSettings(
                label,
                other,
                resultsDir,
                logDir,
                seed,
                eventsPerSecond,
                throttleMs,
                outageMs,
                togetherMs,
                quietMs,
                poisonRecords,
                duplicateBeacons,
                bigSessionEvents,
                lateResendBeacons,
                lateResendMs,
                reshard,
                renumbering,
                clientsInFlight);
    }

    static ChaosSettings from(Args args) {
        Path jar = Path.of(args.value("jar", "local/app/target/liveinsight-local.jar"));
        Path results = Path.of(args.value("results", "load-tests/results"));
        Path logs = Path.of(args.value("logs", "load-tests/target"));
        ChaosSettings base = args.has("short") ? ci(jar, logs) : full(jar, results, logs);
        return new ChaosSettings(
                base.label(),
                jar,
                args.has("short") && !args.has("results") ? null : results,
                logs,
                args.longValue("seed", base.seed()),
                args.doubleValue("rate", base.eventsPerSecond()),
                args.longValue("throttle-seconds", base.throttleMs() / 1000) * 1000,
                args.longValue("outage-seconds", base.outageMs() / 1000) * 1000,
                args.longValue("together-seconds", base.togetherMs() / 1000) * 1000,
                args.longValue("quiet-seconds", base.quietMs() / 1000) * 1000,
                args.intValue("poison", base.poisonRecords()),
                args.intValue("duplicates", base.duplicateBeacons()),
                args.intValue("long-session", base.bigSessionEvents()),
                args.intValue("late-resends", base.lateResendBeacons()),
                args.longValue("late-resend-seconds", base.lateResendMs() / 1000) * 1000,
                base.reshard() && !args.has("no-reshard"),
                args.has("renumbering"),
                args.intValue("in-flight", base.clientsInFlight()));
    }
}
