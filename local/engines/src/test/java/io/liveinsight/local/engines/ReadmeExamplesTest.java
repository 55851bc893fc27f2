package io.liveinsight.local.engines;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadmeExamplesTest {

    /** local/README.md: its examples use this module's API (and the event model and SDK it brings). */
    private static final Path LOCAL_STACK_README = Path.of("..", "README.md");

    private static final ReadmeExamples.Wrapper LOCAL_STACK = new ReadmeExamples.Wrapper(
            List.of(
                    "io.liveinsight.event.TableNames",
                    "io.liveinsight.local.engines.*",
                    "io.liveinsight.local.engines.fault.*",
                    "java.time.Duration",
                    "org.junit.jupiter.api.Test",
                    "software.amazon.awssdk.core.SdkBytes",
                    "software.amazon.awssdk.services.dynamodb.DynamoDbClient"),
            "LocalAws aws");

    @Test
    void localStackReadme_whenCompiled_everyJavaExampleCompiles() {
        assertThat(ReadmeExamples.javaBlocks(LOCAL_STACK_README)).hasSize(2);

        assertThat(ReadmeExamples.compileErrors(LOCAL_STACK_README, LOCAL_STACK))
                .isEmpty();
    }

    @Test
    void compileErrors_whenAnExampleDoesNotCompile_namesTheReadmeLine(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path readme = dir.resolve("README.md");
        Files.writeString(readme, "# x\n\n```java\nDuration fine = Duration.ZERO;\nint wrong = \"text\";\n```\n");

        List<String> errors = ReadmeExamples.compileErrors(readme, LOCAL_STACK);

        assertThat(errors)
                .singleElement()
                .asString()
                .startsWith(readme + ":5: ")
                .contains("int wrong");
    }
}
