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

    /** Every default: dev, HTTP API, KCL on Fargate, on-demand stream and tables, token auth, archive on, no replay key. */
    static final Map<String, String> DEV = Map.of();

    /** prod's replay key: its SHA-256 turns the replay lane on. */
    static final String REPLAY_KEY = "prod-replay-key-0123456789";

    /** {@code printf %s prod-replay-key-0123456789 | sha256sum}. */
    static final String REPLAY_KEY_SHA256 = "7947641a5ba6f80c4458f5ce4d2c3030b0eb86c575750e58d90dbb1a809eec1d";

    /**
     * prod, with origins, an alarm email, IAM auth on the dashboard API, a longer stuck-shard threshold, a replay key,
     * the default site on, and an archive that buffers more and expires after two years (still HTTP API and Fargate).
     */
    static final Map<String, String> PROD = Map.ofEntries(
            Map.entry("stage", "prod"),
            Map.entry("allowedOrigins", "https://shop.example.com, https://*.example.org"),
            Map.entry("alarmEmail", "ops@example.com"),
            Map.entry("dashboardAuth", "iam"),
            Map.entry("throttleRate", "500"),
            Map.entry("throttleBurst", "800"),
            Map.entry("processorMinTasks", "2"),
            Map.entry("processorMaxTasks", "6"),
            Map.entry("stuckShardAfterMs", "120000"),
            Map.entry("replayKeySha256", REPLAY_KEY_SHA256.toUpperCase()),
            Map.entry("defaultSite", "on"),
            Map.entry("archiveBufferMb", "64"),
            Map.entry("archiveBufferSeconds", "600"),
            Map.entry("archiveInfrequentAccessDays", "45"),
            Map.entry("archiveGlacierDays", "120"),
            Map.entry("archiveExpireDays", "730"));

    /**
     * The other choice of every setting: REST API, processor Lambda, provisioned stream and tables, IAM auth, no
     * archive.
     */
    static final Map<String, String> VARIANT = Map.ofEntries(
            Map.entry("api", "rest"),
            Map.entry("processor", "lambda"),
            Map.entry("tableBilling", "provisioned"),
            Map.entry("tableMinCapacity", "10"),
            Map.entry("tableMaxCapacity", "200"),
            Map.entry("streamShards", "4"),
            Map.entry("ingestMemoryMb", "2048"),
            Map.entry("dashboardAuth", "iam"),
            Map.entry("allowedOrigins", "https://shop.example.com"),
            Map.entry("archive", "off"));

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
