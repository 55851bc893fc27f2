package io.liveinsight.load.replay.cli;

import io.liveinsight.event.time.Sleeper;
import io.liveinsight.load.check.KeyedTableCheck;
import io.liveinsight.load.check.StoredItems;
import io.liveinsight.load.replay.Ticker;
import io.liveinsight.load.replay.compare.ExpectedStats;
import io.liveinsight.load.replay.compare.StatsCheck;
import io.liveinsight.load.replay.plan.ExpectedEvent;
import io.liveinsight.load.replay.plan.ReplayPlan;
import io.liveinsight.load.replay.report.Counted;
import io.liveinsight.load.replay.report.Findings;
import io.liveinsight.load.replay.report.SendingFigures;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Expected vs got, once sending is done. The pipeline is asynchronous, so each check waits for it: Events until every
 * event sent is there, or until {@code --settle-s} passes without one more arriving; then the whole table check and
 * the statistics, each repeated every {@link #RETRY} until it passes or {@code --settle-s} is over. Without the tables,
 * an event no 200 acknowledged counts as missing; when sending stopped (the lane refused, the edge unreachable) nothing
 * is compared and what was not acknowledged is missing.
 */
final class ComparePhase {

    static final Duration RETRY = Duration.ofSeconds(2);
    static final Duration SHOW_EVERY = Duration.ofSeconds(10);

    private final ReplayOptions options;
    private final Backends backends;
    private final Clock clock;
    private final Ticker ticker;
    private final Sleeper sleeper;
    private final PrintStream out;

    ComparePhase(
            ReplayOptions options, Backends backends, Clock clock, Ticker ticker, Sleeper sleeper, PrintStream out) {
        this.options = options;
        this.backends = backends;
        this.clock = clock;
        this.ticker = ticker;
        this.sleeper = sleeper;
        this.out = out;
    }

    Findings run(ReplayPlan plan, SendingFigures sending) throws InterruptedException {
        List<ExpectedEvent> expected = plan.expected();
        if (expected.isEmpty()) {
            return new Findings("nothing sent", "nothing sent", Counted.NONE, Counted.NONE, Counted.NONE, List.of());
        }
        if (sending.stopReason() != null) {
            String note = "not compared: sending stopped";
            return new Findings(note, note, sending.notAcknowledged(), Counted.NONE, Counted.NONE, List.of());
        }
        String tablesNote;
        Counted missing;
        Counted duplicated = Counted.NONE;
        Counted wrong = Counted.NONE;
        if (backends.tables == null) {
            tablesNote = "not read (no --dynamodb): missing = not acknowledged by the edge";
            missing = sending.notAcknowledged();
        } else {
            try {
                KeyedTableCheck check = tables(expected);
                tablesNote = check.expectedEvents() + " events, " + check.sessions() + " sessions, " + check.segments()
                        + " segments read by key";
                missing = Counted.of(check.missing());
                duplicated = Counted.of(check.duplicated());
                wrong = Counted.of(check.wrong());
            } catch (StoredItems.StoredItemsException e) {
                tablesNote = "not read: " + e.getMessage() + "; missing = not acknowledged by the edge";
                missing = sending.notAcknowledged();
                wrong = new Counted(1, List.of("tables not read: " + e.getMessage()));
            }
        }
        String statsNote = "not compared (no --dashboard)";
        List<io.liveinsight.load.replay.compare.StatRow> rows = List.of();
        if (backends.dashboard != null) {
            StatsCheck stats = stats(expected);
            rows = stats.rows();
            wrong = wrong.plus(Counted.of(stats.wrong()));
            statsNote = rows.size() + " figures of /api/stats/summary, series (hour) and breakdown (page)"
                    + (options.lane() ? " with replay=" + options.run() : "");
        }
        return new Findings(tablesNote, statsNote, missing, duplicated, wrong, rows);
    }

    private KeyedTableCheck tables(List<ExpectedEvent> expected) throws InterruptedException {
        Map<String, Map<String, Object>> byId = new LinkedHashMap<>();
        expected.forEach(e -> byId.put(e.eventId(), e.toMap()));
        List<String> waiting = new ArrayList<>(byId.keySet());
        long lastProgress = ticker.nanos();
        int before = waiting.size() + 1;
        while (!waiting.isEmpty()) {
            waiting = KeyedTableCheck.missingIds(backends.tables, waiting);
            if (waiting.size() < before) {
                lastProgress = ticker.nanos();
                before = waiting.size();
            }
            if (waiting.isEmpty()
                    || ticker.nanos() - lastProgress > options.settle().toNanos()) {
                break;
            }
            out.printf("waiting for the tables: %,d of %,d events stored%n", byId.size() - waiting.size(), byId.size());
            sleeper.sleep(RETRY);
        }
        long deadline = ticker.nanos() + options.settle().toNanos();
        while (true) {
            KeyedTableCheck check = KeyedTableCheck.run(
                    backends.tables, byId, clock.instant().getEpochSecond(), options.lane() ? options.run() : null);
            if (check.passed() || ticker.nanos() > deadline || check.missing().count() > 0) {
                return check;
            }
            sleeper.sleep(RETRY);
        }
    }

    private StatsCheck stats(List<ExpectedEvent> expected) throws InterruptedException {
        ExpectedStats want = ExpectedStats.of(expected);
        long deadline = ticker.nanos() + options.settle().toNanos();
        while (true) {
            StatsCheck check = StatsCheck.run(backends.dashboard, want, options.lane() ? options.run() : null);
            if (!check.worthRetrying() || ticker.nanos() > deadline) {
                return check;
            }
            sleeper.sleep(RETRY);
        }
    }
}
