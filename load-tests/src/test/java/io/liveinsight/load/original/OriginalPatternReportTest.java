package io.liveinsight.load.original;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.load.original.OriginalPattern.Answer;
import io.liveinsight.load.original.OriginalPattern.Sent;
import io.liveinsight.load.replay.Latencies;
import io.liveinsight.load.replay.ReplaySummary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OriginalPatternReportTest {

    private static final OriginalPatternSettings SETTINGS = new OriginalPatternSettings(
            Path.of("x.jar"), Path.of("r"), Path.of("l"), 3, 100, 5, 100, 1000, 3000, 16, 60, 1);

    private static EdgeRun run(int n, boolean coalesce, long latencyMs, int refused, double perSecond, boolean exact) {
        List<Sent> sent = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            sent.add(new Sent(i, 0, Map.of(), "{}", new Answer(i < refused ? 503 : 200, latencyMs * 1_000_000)));
        }
        List<Sent> warm = sent.stream()
                .map(s -> new Sent(s.user(), 1, s.event(), s.body(), new Answer(200, latencyMs / 2 * 1_000_000)))
                .toList();
        ReplaySummary summary = new ReplaySummary(1, 1, 1, 0, 0, 0, new Latencies(), 1, 0, Set.of());
        return new EdgeRun(
                n,
                coalesce,
                new PatternResult(sent, 1),
                new PatternResult(warm, 1),
                new SustainedRun.Figures(perSecond, summary, 1, true),
                new SustainedRun.Figures(perSecond * 3, summary, 1, true),
                exact,
                "ok",
                "1.0 1.0 1.0",
                "2.0 2.0 2.0");
    }

    private static OriginalPatternReport report(boolean lastExact, long onLatencyMs) {
        OriginalPatternReport report = new OriginalPatternReport(SETTINGS, Map.of("cpu", "c", "cores", 2, "jdk", "j"));
        report.add(run(1, false, 600, 20, 100, true));
        report.add(run(1, true, onLatencyMs, 0, 300, true));
        report.add(run(2, false, 700, 10, 90, true));
        report.add(run(2, true, onLatencyMs + 20, 0, 320, true));
        report.add(run(3, false, 650, 30, 110, true));
        report.add(run(3, true, onLatencyMs - 20, 0, 310, lastExact));
        return report;
    }

    @Test
    void medians_takeTheMiddleRunOfEachPathAndColumn() {
        OriginalPatternReport report = report(true, 100);

        assertThat(report.medians(false, false))
                .containsEntry("average_ms", 650.0)
                .containsEntry("status_503", 20.0)
                .containsEntry("success_percent", 80.0)
                .containsEntry("events_per_second_1_per_request", 100.0);
        assertThat(report.medians(true, false))
                .containsEntry("average_ms", 100.0)
                .containsEntry("non_2xx", 0.0)
                .containsEntry("events_per_second_10_per_request", 930.0);
        assertThat(report.medians(false, true))
                .as("the second pattern's own figures, the same sustained ones")
                .containsEntry("average_ms", 325.0)
                .containsEntry("status_503", 0.0)
                .containsEntry("events_per_second_1_per_request", 100.0);
        assertThat(OriginalPatternReport.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
    }

    @Test
    void goal_isMetOnlyWithinTheLimitsAndWithEveryTableCheckPassed() {
        assertThat(report(true, 100).goalMet(false)).isTrue();
        assertThat(report(true, 210).goalMet(false)).as("average over 200 ms").isFalse();
        assertThat(report(true, 210).goalMet(true))
                .as("the second pattern's average: 105 ms")
                .isTrue();
        assertThat(report(false, 100).goalMet(false)).as("a table check failed").isFalse();
    }

    @Test
    void write_putsTheTableAndEveryRunInMarkdownAndJson(@TempDir Path dir) throws Exception {
        OriginalPatternReport report = report(true, 100);

        report.write(dir);

        String md = java.nio.file.Files.readString(dir.resolve(OriginalPatternReport.NAME + ".md"));
        assertThat(md)
                .contains("| edge path | success % | average ms | p50 ms | p95 ms | p99 ms | max ms | 503s |")
                .contains("**" + EdgeRun.COALESCING + "**, fresh stack, median | 100.0 | 100 |")
                .contains("**" + EdgeRun.COALESCING + "**, again, median | 100.0 | 50 |")
                .contains("**" + EdgeRun.TODAY + "**, fresh stack, median | 80.0 | 650 |")
                .contains("run 3: coalescing, again")
                .contains("**met** on a fresh stack, **met** again")
                .contains(OriginalPatternReport.COMMAND);
        String json = java.nio.file.Files.readString(dir.resolve(OriginalPatternReport.NAME + ".json"));
        assertThat(json).contains("\"medians\"", "\"met_on_a_fresh_stack\" : true", "\"on_again\"", "\"runs\"");
    }
}
