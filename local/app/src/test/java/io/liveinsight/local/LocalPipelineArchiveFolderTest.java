package io.liveinsight.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liveinsight.local.engines.AwsEndpoints;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/contract/local.md#archive: an archive folder that cannot be used stops the launch, saying why. */
class LocalPipelineArchiveFolderTest {

    @TempDir
    Path root;

    @Test
    void launch_whenTheArchiveFolderIsAFile_failsNamingTheSettingAndServesNothing() throws Exception {
        Path file = Files.writeString(root.resolve("archive"), "not a folder");
        LocalConfig config =
                LocalConfig.fromEnvironment(Map.of("LIVEINSIGHT_PORT", "0")).withArchive(file, Duration.ofSeconds(60));

        assertThatThrownBy(() -> LocalPipeline.launch(config, AwsEndpoints.same(URI.create("http://127.0.0.1:9"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("LIVEINSIGHT_ARCHIVE_DIR")
                .hasMessageContaining("not a folder");
    }

    @Test
    void launch_whenTheArchiveFolderIsMissing_createsIt() throws Exception {
        Path folder = root.resolve("data/archive");
        LocalConfig config = LocalConfig.fromEnvironment(Map.of("LIVEINSIGHT_PORT", "0"))
                .withArchive(folder, Duration.ofSeconds(60));

        try (LocalPipeline pipeline =
                LocalPipeline.launch(config, AwsEndpoints.same(URI.create("http://127.0.0.1:9")))) {
            assertThat(folder).isDirectory();
            assertThat(pipeline.health().toJson()).contains("\"archive\":\"down\"");
        }
    }
}
