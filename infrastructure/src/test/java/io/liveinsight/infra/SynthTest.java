package io.liveinsight.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.cxapi.CloudFormationStackArtifact;

/** Both stages synthesize to a complete cloud assembly (what {@code cdk synth} / {@code cdk deploy} consume). */
class SynthTest {

    @Test
    void devAndProd_synthesizeToOneStackEach_namedByStage() throws Exception {
        for (Synth.Synthesized synthesized : new Synth.Synthesized[] {Synth.dev(), Synth.prod()}) {
            String stage = synthesized.config().stage().id();
            CloudFormationStackArtifact stack = synthesized.assembly().getStackByName(stage + "-LiveInsight");
            assertThat(synthesized.assembly().getStacks()).hasSize(1);
            assertThat(Path.of(synthesized.assembly().getDirectory(), stack.getTemplateFile()))
                    .exists();
            assertThat(stack.getTerminationProtection()).isEqualTo(stage.equals("prod"));
            // The Lambda jars and the processor image: assets that `cdk deploy` uploads and builds.
            Path directory = Path.of(synthesized.assembly().getDirectory());
            String manifest = Files.readString(directory.resolve(stage + "-LiveInsight.assets.json"));
            assertThat(manifest).contains("\"dockerImages\"", "\"packaging\": \"file\"");
            try (var staged = Files.list(directory)) {
                assertThat(staged.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("asset.")))
                        .filteredOn(n -> n.endsWith(".jar"))
                        .hasSize(2);
            }
            assertThat(directory.resolve(manifestImageDirectory(manifest)).resolve("Dockerfile"))
                    .isRegularFile();
            TemplateView view = new TemplateView(synthesized.template());
            for (String table : view.ids("AWS::DynamoDB::Table")) {
                assertThat((String) view.properties(table).get("TableName")).startsWith(stage + "-LiveInsight-");
            }
            for (String function : view.ids("AWS::Lambda::Function")) {
                assertThat((String) view.properties(function).get("FunctionName"))
                        .startsWith(stage + "-LiveInsight-");
            }
        }
    }

    /** The staged directory of the one docker image asset. */
    private static String manifestImageDirectory(String manifest) {
        String images = manifest.substring(manifest.indexOf("\"dockerImages\""));
        java.util.regex.Matcher directory =
                java.util.regex.Pattern.compile("\"directory\": \"([^\"]+)\"").matcher(images);
        assertThat(directory.find()).isTrue();
        return directory.group(1);
    }

    @Test
    void assets_areTheBuiltArtifacts() throws Exception {
        Path assets = Path.of(InfraConfig.DEFAULT_ASSETS_DIR);
        assertThat(assets.resolve(IngestFunction.ASSET)).isRegularFile();
        assertThat(assets.resolve(DashboardFunction.ASSET)).isRegularFile();
        assertThat(assets.resolve("processor/Dockerfile")).isRegularFile();
        try (var jars = Files.list(assets.resolve("processor/lib"))) {
            assertThat(jars.map(p -> p.getFileName().toString()))
                    .anyMatch(name -> name.startsWith("stream-processor-"))
                    .anyMatch(name -> name.startsWith("slf4j-simple-"))
                    .noneMatch(name -> name.startsWith("aws-cdk-lib") || name.startsWith("jsii-runtime"));
        }
    }

    @Test
    void cdkCli_isPinned_andRunsThisApp() throws Exception {
        assertThat(Files.readString(Path.of("package.json"))).containsPattern("\"aws-cdk\": \"\\d+\\.\\d+\\.\\d+\"");
        assertThat(Path.of("package-lock.json")).isRegularFile();
        assertThat(Files.readString(Path.of("cdk.json"))).contains("\"app\": \"bin/cdk-app\"");
        assertThat(Files.readString(Path.of("bin/cdk-app"))).contains("exec:java");
        assertThat(Path.of("bin/cdk-app")).isExecutable();
    }

    @Test
    void everyResource_isTaggedWithAppAndStage() {
        TemplateView prod = new TemplateView(Synth.prod().template());
        for (String table : prod.ids("AWS::DynamoDB::Table")) {
            assertThat(TemplateView.render(prod.properties(table).get("Tags")))
                    .contains("{Key=app, Value=LiveInsight}")
                    .contains("{Key=stage, Value=prod}");
        }
        assertThat(prod.properties(prod.ids("AWS::ApiGatewayV2::Stage").get(0)).get("Tags"))
                .isEqualTo(Map.of("app", "LiveInsight", "stage", "prod"));
    }
}
