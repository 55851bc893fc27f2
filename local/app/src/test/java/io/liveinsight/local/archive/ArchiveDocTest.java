package io.liveinsight.local.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.local.LocalConfig;
import io.liveinsight.processor.archive.ArchiveMetrics;
import io.liveinsight.processor.archive.ArchivePolicy;
import io.liveinsight.processor.config.ArchiveConfig;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** docs/contract/local.md#archive says what the code does: its settings, defaults and figures. */
class ArchiveDocTest {

    private static String section() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.isRegularFile(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        String page = Files.readString(dir.resolve("docs/contract/local.md"));
        String from = page.substring(page.indexOf("## Archive"));
        int next = from.indexOf("\n## ", 1);
        return next < 0 ? from : from.substring(0, next);
    }

    @Test
    void archiveSection_namesTheSettingsAndTheirDefaults() throws IOException {
        String section = section();

        assertThat(section)
                .contains("`LIVEINSIGHT_ARCHIVE_DIR` | off (`bin/run-local`: `local/data/archive`)")
                .contains("`LIVEINSIGHT_ARCHIVE_FLUSH_S` | " + LocalConfig.DEFAULT_ARCHIVE_FLUSH_AGE.toSeconds() + " |")
                .contains("1 to " + LocalConfig.MAX_ARCHIVE_FLUSH_S)
                .contains(ArchivePolicy.DEFAULT_MAX_BYTES / (1024 * 1024) + " MiB")
                .contains("`<KCL_APPLICATION_NAME>" + ArchiveConfig.APPLICATION_SUFFIX + "`")
                .contains("flush age plus " + ArchiveConfig.STUCK_MARGIN.toSeconds() + " s")
                .contains("polling each shard every second");
        assertThat(ArchiveConfig.DEFAULT_POLL_INTERVAL).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void archiveSection_namesEveryFigureOfMetrics() throws Exception {
        String section = section();

        for (Field field : ArchiveMetrics.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                assertThat(section).contains("`" + field.get(null) + "`");
            }
        }
    }
}
