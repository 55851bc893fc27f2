package io.liveinsight.load.replay.report;

import static io.liveinsight.load.replay.report.ReportFixtures.HOSTILE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.liveinsight.load.replay.source.ReplayJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report page: one file, no script, nothing loaded from elsewhere, every recorded text escaped. */
class HtmlReportTest {

    @TempDir
    Path dir;

    @Test
    void render_whenTextsHoldMarkup_escapesEveryOneAndRunsNothing() {
        String html = HtmlReport.render(ReportFixtures.report(ReportFixtures.problems(), 1));

        assertThat(html).doesNotContain(HOSTILE).doesNotContain("<script").doesNotContain("\u001b");
        assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;&amp;\uFFFD[2J~#|\uD83D\uDE00");
        assertThat(Pattern.compile("(?i)\\b(src|href)\\s*=").matcher(html).find())
                .isFalse();
        assertThat(html).doesNotContain("http-equiv=\"refresh\"").doesNotContain("@import");
        assertThat(html).contains("Content-Security-Policy").contains("default-src 'none'");
    }

    @Test
    void render_whenThereIsATimeline_drawsTheFourChartsAndTheFindings() {
        String html = HtmlReport.render(ReportFixtures.report(ReportFixtures.problems(), 1));

        assertThat(html.split("<svg ", -1)).hasSize(5);
        assertThat(html)
                .contains("Events per second")
                .contains("Latency of the answers in each second")
                .contains("503 answers, resends and attempts without an answer")
                .contains("Lag from the edge")
                .contains("2 samples, 1 never seen in time.")
                .contains("Missing: <span class=\"bad\">1</span>")
                .contains("Duplicated: <span class=\"bad\">1</span>")
                .contains("Wrong: <span class=\"bad\">2</span>")
                .contains("FAILED");
        assertThat(html).contains("<polyline").contains("<circle");
    }

    @Test
    void write_whenClean_writesBothFilesWithTheVerdictAndNoSecret() throws IOException {
        ReplayReport report = ReportFixtures.report(ReportFixtures.clean(), 0);

        JsonReport.write(report, dir.resolve("run-1"));

        JsonNode json = ReplayJson.MAPPER.readTree(Files.readString(dir.resolve("run-1/report.json")));
        assertThat(json.path("verdict").asText()).isEqualTo("PASSED");
        assertThat(json.path("exit_code").asInt()).isZero();
        assertThat(json.path("findings").path("stats").get(0).path("name").asText())
                .isEqualTo("page views of " + HOSTILE);
        assertThat(json.path("sending").path("latency_ms").get(2).asDouble()).isEqualTo(12.5);
        assertThat(json.path("timeline")).hasSize(2);
        assertThat(Files.readString(dir.resolve("run-1/report.json"))).doesNotContainIgnoringCase("replay_key");
        assertThat(Files.readString(dir.resolve("run-1/report.html"))).contains("PASSED");
    }

    @Test
    void summary_whenLinesCarryControlCharacters_showsThemAsQuestionMarks() {
        String text = TerminalSummary.render(ReportFixtures.report(ReportFixtures.problems(), 1), "target/x");

        assertThat(text).doesNotContain("\u001b").contains("?[2J");
        assertThat(text).contains("1 missing, 1 duplicated, 2 wrong").contains("target/x/report.html");
        assertThat(text).contains("lag       2 samples: median 180 ms, max 180 ms, 1 never seen");
    }
}
