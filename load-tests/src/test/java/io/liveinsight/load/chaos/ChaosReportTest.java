package io.liveinsight.load.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.load.check.TableCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChaosReportTest {

    private static final FaultRecord OUTAGE = new FaultRecord(
            "Kinesis unreachable", "connections refused", 50, 30, new CountingSender.Counts(10, 1_541, 0, 0), 2.4);

    private static TableCheck check(long missing) {
        return new TableCheck(
                100,
                100 - missing,
                missing,
                0,
                0,
                20,
                22,
                0,
                0,
                0,
                missing == 0 ? List.of() : List.of("missing event e7"),
                List.of());
    }

    private static ChaosResult result(String label, long missing, List<FaultRecord> faults) {
        return new ChaosResult(label, 60, 100, 100, 60, 12, 0, 5, 4, 0, 4, 3, 0.2, faults, check(missing));
    }

    @Test
    void markdown_whenEverythingHolds_saysPassedAndListsEachFault() {
        String text = ChaosReport.markdown(result("full", 0, List.of(OUTAGE)), "cmd");

        assertThat(text).startsWith("# Chaos run (full): PASSED");
        assertThat(text)
                .contains("| 1 | Kinesis unreachable | connections refused | 50 s | 30.0 s | 1,541 / 0 | 2.4 s |");
        assertThat(text).contains("| lost (acknowledged, not stored) | 0 | 0 |").doesNotContain("First differences");
    }

    @Test
    void markdown_whenAnEventIsLostOrAFaultNeverRecovers_saysFailedAndShowsWhy() {
        FaultRecord stuck =
                new FaultRecord("DynamoDB down", "refused", 90, 30, new CountingSender.Counts(0, 0, 0, 0), -1);

        ChaosResult lost = result("full", 1, List.of(OUTAGE));
        ChaosResult notRecovered = result("full", 0, List.of(stuck));

        assertThat(lost.passed()).isFalse();
        assertThat(ChaosReport.markdown(lost, "cmd"))
                .startsWith("# Chaos run (full): FAILED")
                .contains("| lost (acknowledged, not stored) | 1 | 0 |")
                .contains("- missing event e7");
        assertThat(notRecovered.passed()).isFalse();
        assertThat(ChaosReport.markdown(notRecovered, "cmd")).contains("NOT within 180 s");
    }

    @Test
    void markdown_whenAStepCouldNotRun_saysNotRunAndNeverPassedForIt() {
        FaultRecord refused = FaultRecord.notRun("resharding", "SplitShard refused: LimitExceededException", 120);

        ChaosResult result = result("full", 0, List.of(OUTAGE, refused));
        String text = ChaosReport.markdown(result, "cmd");

        assertThat(text).startsWith("# Chaos run (full): PASSED (NOT RUN: resharding)");
        assertThat(text)
                .contains("| 2 | resharding | SplitShard refused: LimitExceededException | 120 s | 0.0 s | 0 / 0 |"
                        + " NOT RUN |");
        assertThat(refused.recovered()).isFalse();
    }

    @Test
    void write_keepsTheShortSizeApartFromTheFullSizesResults(@TempDir Path dir) throws Exception {
        Path full = ChaosReport.write(result("full", 0, List.of(OUTAGE)), "cmd", dir);
        Path small = ChaosReport.write(result("short", 0, List.of(OUTAGE)), "cmd", dir);

        assertThat(full.getFileName()).hasToString("chaos-latest.md");
        assertThat(small.getFileName()).hasToString("chaos-short-latest.md");
        assertThat(dir.resolve("chaos-latest.json")).isRegularFile();
        assertThat(Files.readString(dir.resolve("chaos-short-latest.json"))).contains("\"label\" : \"short\"");
    }
}
