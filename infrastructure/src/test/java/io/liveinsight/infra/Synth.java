package io.liveinsight.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.CloudAssembly;

/**
 * The three deployments the tests look at, each synthesized once per test JVM (synthesis costs seconds):
 * {@link #dev()} with every default, {@link #prod()}, and {@link #variant()} with every other setting flipped.
 */
final class Synth {

    /** Every default: dev, HTTP API, KCL on Fargate, on-demand stream and tables, token auth. */
    static final Map<String, String> DEV = Map.of();

    /**
     * prod, with origins, an alarm email, IAM auth on the dashboard API and a longer stuck-shard threshold (still HTTP
     * API and Fargate).
     */
    static final Map<String, String> PROD = Map.of(
            "stage", "prod",
            "allowedOrigins", "https://shop.example.com, https://*.example.org",
            "alarmEmail", "ops@example.com",
            "dashboardAuth", "iam",
            "throttleRate", "500",
            "throttleBurst", "800",
            "processorMinTasks", "2",
            "processorMaxTasks", "6",
            "stuckShardAfterMs", "120000");

    /** The other choice of every setting: REST API, processor Lambda, provisioned stream and tables, IAM auth. */
    static final Map<String, String> VARIANT = Map.of(
            "api", "rest",
            "processor", "lambda",
            "tableBilling", "provisioned",
            "tableMinCapacity", "10",
            "tableMaxCapacity", "200",
            "streamShards", "4",
            "ingestMemoryMb", "2048",
            "dashboardAuth", "iam",
            "allowedOrigins", "https://shop.example.com");

    record Synthesized(InfraConfig config, LiveInsightStack stack, CloudAssembly assembly, Template template) {}

    private static final Map<String, Synthesized> CACHE = new ConcurrentHashMap<>();

    private Synth() {}

    static Synthesized dev() {
        return of("dev", DEV);
    }

    static Synthesized prod() {
        return of("prod", PROD);
    }

    static Synthesized variant() {
        return of("variant", VARIANT);
    }

    static synchronized Synthesized of(String name, Map<String, String> context) {
        return CACHE.computeIfAbsent(name, n -> synthesize(n, context));
    }

    private static Synthesized synthesize(String name, Map<String, String> context) {
        // Under target/ (cleaned with the build), one folder per deployment, emptied first: staged assets are large.
        Path outdir = Path.of("target", "cdk-test", name);
        deleteRecursively(outdir);
        Map<String, Object> appContext = new HashMap<>(context);
        App app = App.Builder.create()
                .outdir(outdir.toString())
                .context(appContext)
                .build();
        // The environment does not leak into tests: context only, as `cdk synth -c key=value` gives it.
        InfraConfig config = InfraConfig.read(key -> app.getNode().tryGetContext(key), Map.of());
        LiveInsightStack stack = LiveInsightApp.stack(app, config);
        Annotations.fromStack(stack).hasNoError("*", Match.anyValue());
        CloudAssembly assembly = app.synth();
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>)
                assembly.getStackByName(stack.getStackName()).getTemplate();
        Template template = Template.fromJSON(json);
        return new Synthesized(config, stack, assembly, template);
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
