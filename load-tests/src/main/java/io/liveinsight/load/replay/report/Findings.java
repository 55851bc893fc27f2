package io.liveinsight.load.replay.report;

import io.liveinsight.load.replay.compare.StatRow;
import java.util.List;

/**
 * Expected against got. {@code missing}: events sent and not stored (without the tables: not acknowledged);
 * {@code duplicated}: events stored more than once; {@code wrong}: stored events, session segments, active sessions and
 * statistics whose figures differ from what the events sent imply, and items that should not be there.
 *
 * @param tables what the table check covered, or why it did not run
 * @param statistics what the statistics check covered, or why it did not run
 * @param stats each statistic compared
 */
public record Findings(
        String tables, String statistics, Counted missing, Counted duplicated, Counted wrong, List<StatRow> stats) {

    public Findings {
        stats = List.copyOf(stats);
    }

    public boolean clean() {
        return missing.count() == 0 && duplicated.count() == 0 && wrong.count() == 0;
    }
}
