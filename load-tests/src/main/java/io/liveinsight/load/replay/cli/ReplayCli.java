package io.liveinsight.load.replay.cli;

import io.liveinsight.event.replay.ReplayKey;
import io.liveinsight.event.time.Sleeper;
import io.liveinsight.load.replay.Ticker;
import io.liveinsight.load.replay.plan.IdMapping;
import io.liveinsight.load.replay.plan.Planner;
import io.liveinsight.load.replay.plan.ReplayPlan;
import io.liveinsight.load.replay.report.Findings;
import io.liveinsight.load.replay.report.JsonReport;
import io.liveinsight.load.replay.report.ReplayReport;
import io.liveinsight.load.replay.report.TerminalSummary;
import io.liveinsight.load.replay.source.SourceRead;
import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * {@code bin/replay}: read recorded traffic, plan it (each event id once, only what the edge takes, paced, times
 * shifted, ids mapped on the replay lane), send it, compare what the tables and the statistics hold with what was
 * sent, and report (terminal, report.html, report.json). {@link #run} is the whole command in-process.
 *
 * <p>Exit codes: 0 nothing missing, duplicated or wrong; 1 something is, or sending stopped (the lane refused, the
 * edge unreachable); 2 bad arguments or a source that cannot be read.
 */
public final class ReplayCli {

    private ReplayCli() {}

    public static void main(String[] argv) throws InterruptedException {
        System.exit(run(argv, Clock.systemUTC(), System.out));
    }

    public static int run(String[] argv, Clock clock, PrintStream out) throws InterruptedException {
        return run(argv, clock, out, System.getenv());
    }

    static int run(String[] argv, Clock clock, PrintStream out, Map<String, String> env) throws InterruptedException {
        ReplayOptions options;
        try {
            options = ReplayOptions.parse(argv, env, clock);
        } catch (IllegalArgumentException e) {
            out.println("bin/replay: " + e.getMessage());
            out.println("(bin/replay --help lists every option)");
            return 2;
        }
        if (options.help()) {
            out.print(Help.TEXT);
            return 0;
        }
        Backends opened;
        try {
            opened = new Backends(options);
        } catch (RuntimeException e) { // an SDK client without a region or credentials, say
            out.println("bin/replay: cannot set up the clients: " + e.getMessage());
            return 2;
        }
        try (Backends backends = opened) {
            SourceRead read;
            try {
                read = backends.source.read();
            } catch (IOException | RuntimeException e) {
                out.println("bin/replay: cannot read the source: " + e.getMessage());
                return 2;
            }
            IdMapping ids = options.lane()
                    ? IdMapping.lane(ReplayKey.of(options.replayKey()), options.run())
                    : IdMapping.asSent();
            Instant started = clock.instant();
            ReplayPlan plan = new Planner(options.pace(), options.shiftToNow(), ids).plan(read, started.toEpochMilli());
            announce(out, options, plan);
            SendPhase.Outcome sent = SendPhase.run(options, plan, backends, out, showProgress(options));
            Findings findings = new ComparePhase(options, backends, clock, Ticker.SYSTEM, Sleeper.SYSTEM, out)
                    .run(plan, sent.figures());
            int exit = findings.clean() && sent.figures().stopReason() == null ? 0 : 1;
            ReplayReport report = report(options, plan, started, sent, findings, exit);
            Path folder = reportFolder(options);
            try {
                JsonReport.write(report, folder);
            } catch (IOException e) {
                out.println("bin/replay: could not write the report to " + folder + ": " + e.getMessage());
            }
            out.print(TerminalSummary.render(report, folder.toString()));
            return exit;
        }
    }

    private static void announce(PrintStream out, ReplayOptions options, ReplayPlan plan) {
        out.printf(
                "replay %s: %s%n  %,d events read, %,d repeated ids dropped, %,d skipped, %,d the edge would refuse%n"
                        + "  sending %,d events in %,d requests to %s%s, %s, at most %d in flight%n",
                options.run(),
                plan.source(),
                plan.eventsRead(),
                plan.duplicatesDropped(),
                plan.skipped().size(),
                plan.refused().size(),
                plan.eventsToSend(),
                plan.requests().size(),
                options.url(),
                options.lane() ? " on the replay lane" : " without the lane",
                plan.pace(),
                options.concurrency());
        if (plan.times().raised() > 0) {
            out.printf(
                    "  note: %,d event times would be over 24 h old when sent (a recording longer than a day at this"
                            + " speed); raised to 23 h 50 min before their send so the edge keeps them%n",
                    plan.times().raised());
        }
        if (plan.times().edgeWillReplace() > 0) {
            out.printf(
                    "  warning: --time-shift none: %,d events are over 24 h old (or over 5 min ahead) when sent; the"
                            + " edge will give them its receive time, so their sessions will not match%n",
                    plan.times().edgeWillReplace());
        }
    }

    private static ReplayReport report(
            ReplayOptions options,
            ReplayPlan plan,
            Instant started,
            SendPhase.Outcome sent,
            Findings findings,
            int exit) {
        return new ReplayReport(
                options.run(),
                options.lane(),
                options.url().toString(),
                started.toString(),
                plan.source(),
                plan.pace(),
                options.concurrency(),
                plan.times(),
                plan.eventsRead(),
                plan.duplicatesDropped(),
                plan.skipped().size(),
                plan.skipped().stream().limit(20).toList(),
                plan.refused().size(),
                plan.refused().stream().limit(20).toList(),
                plan.eventsToSend(),
                sent.figures(),
                sent.timeline(),
                sent.lag(),
                findings,
                exit);
    }

    static Path reportFolder(ReplayOptions options) {
        if (options.reportDir() != null) {
            return options.reportDir();
        }
        return Path.of(System.getProperty("liveinsight.home", "."), "load-tests", "target", "replay", options.run());
    }

    /** {@code auto}: only on a terminal (a CI log gets no carriage-return redraws). */
    static boolean showProgress(ReplayOptions options) {
        return switch (options.progress()) {
            case "on" -> true;
            case "off" -> false;
            default -> isTerminal();
        };
    }

    private static boolean isTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            // JDK 22+: a console also exists when redirected; isTerminal says whether it is one.
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // JDK 21: a console exists only on a terminal
        }
    }
}
