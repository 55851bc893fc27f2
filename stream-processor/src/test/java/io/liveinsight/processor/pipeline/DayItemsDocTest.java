package io.liveinsight.processor.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.processor.domain.stats.DayRules;
import io.liveinsight.processor.handler.KinesisEventHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/contract/tables.md#day-items states the finalizer's times as the code has them. */
class DayItemsDocTest {

    @Test
    void dayItems_section_namesTheFinalizersTimes() throws IOException {
        String page = Files.readString(root().resolve("docs/contract/tables.md"));
        int start = page.indexOf("### Day items\n");
        String section =
                page.substring(start, page.indexOf("\n### ", start + 1)).replaceAll("\\s+", " ");

        assertThat(start).isNotNegative();
        assertThat(section)
                .contains("**" + DayRules.FINAL_AFTER.toHours() + " hours** after its end (`DayRules.FINAL_AFTER`)")
                .contains("the last **" + DayRules.LOOK_BACK_DAYS + " days** (`DayRules.LOOK_BACK_DAYS`")
                .contains("every **" + DayFinalizer.SWEEP_EVERY.toMinutes() + " minutes** per process"
                        + " (`DayFinalizer.SWEEP_EVERY`)")
                .contains("at least " + KinesisEventHandler.DAYS_BUDGET.toSeconds() + " s left")
                .contains("tried again a minute later");
        assertThat(DayFinalizer.RETRY_AFTER.toMinutes()).isEqualTo(1);
    }

    private static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        return dir;
    }
}
