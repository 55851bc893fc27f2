package io.liveinsight.load.chaos;

import io.liveinsight.event.TableNames;
import io.liveinsight.event.contract.Defaults;
import io.liveinsight.load.process.JavaChild;
import io.liveinsight.local.engines.LiveInsightResources;
import io.liveinsight.local.engines.LocalAws;
import io.liveinsight.local.engines.Ports;
import io.liveinsight.local.engines.fault.FaultProxy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * The pipeline laid out for faults, every piece on loopback: DynamoDB Local and kinesis-mock in this JVM, a fault proxy
 * in front of each, the edge (the local stack's jar without its consumer) in a child JVM writing to Kinesis through
 * its proxy, and consumers ({@code io.liveinsight.processor.Main}, as on Fargate) in child JVMs reading and writing
 * through both proxies. Clients of this class reach the engines directly, past the faults.
 */
final class ChaosStack implements AutoCloseable {

    static final String STREAM = Defaults.STREAM_NAME;
    static final String DEAD_LETTERS = STREAM + "-DeadLetters";
    static final String APPLICATION = Defaults.APPLICATION_NAME;
    static final int SHARDS = 2;

    private final ChaosSettings settings;
    private final LocalAws aws;
    private final FaultProxy kinesisProxy;
    private final FaultProxy dynamoDbProxy;
    private final Map<String, JavaChild> consumers = new LinkedHashMap<>();
    private final Map<String, Integer> healthPorts = new LinkedHashMap<>();
    private JavaChild edge;
    private URI edgeAddress;

    private ChaosStack(ChaosSettings settings, LocalAws aws, FaultProxy kinesisProxy, FaultProxy dynamoDbProxy) {
        this.settings = settings;
        this.aws = aws;
        this.kinesisProxy = kinesisProxy;
        this.dynamoDbProxy = dynamoDbProxy;
    }

    /** Engines, tables, streams and proxies; then the edge, healthy. Consumers are started with {@link #startConsumer}. */
    static ChaosStack start(ChaosSettings settings) {
        settings = withPrivateJar(settings);
        LocalAws aws = LocalAws.startOnFreePorts();
        FaultProxy kinesisProxy = null;
        FaultProxy dynamoDbProxy = null;
        try {
            LiveInsightResources.createTables(aws.dynamoDb(), TableNames.defaults());
            LiveInsightResources.createLeaseTable(aws.dynamoDb(), APPLICATION);
            LiveInsightResources.createStream(aws.kinesis(), STREAM, SHARDS);
            LiveInsightResources.createStream(aws.kinesis(), DEAD_LETTERS, 1);
            kinesisProxy = FaultProxy.start(aws.endpoints().kinesis());
            dynamoDbProxy = FaultProxy.start(aws.endpoints().dynamoDb());
            ChaosStack stack = new ChaosStack(settings, aws, kinesisProxy, dynamoDbProxy);
            stack.startEdge();
            return stack;
        } catch (RuntimeException e) {
            if (kinesisProxy != null) {
                kinesisProxy.close();
            }
            if (dynamoDbProxy != null) {
                dynamoDbProxy.close();
            }
            aws.close();
            throw e;
        }
    }

    /** A copy of the jar for this run: a build replacing the original meanwhile must not pull classes from under it. */
    private static ChaosSettings withPrivateJar(ChaosSettings settings) {
        try {
            Files.createDirectories(settings.logDir());
            Path copy = settings.logDir().resolve("chaos-stack.jar");
            Files.copy(settings.jar(), copy, StandardCopyOption.REPLACE_EXISTING);
            return settings.withJar(copy);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot copy " + settings.jar() + "; build it with ./mvnw -pl load-tests -am package", e);
        }
    }

    private void startEdge() {
        int port = freePort();
        Map<String, String> env = commonEnv();
        env.put("LIVEINSIGHT_HOST", "127.0.0.1");
        env.put("LIVEINSIGHT_PORT", Integer.toString(port));
        env.put("LIVEINSIGHT_CONSUMER", "off");
        env.put("STREAM_SHARDS", Integer.toString(SHARDS));
        env.put("AWS_ENDPOINT_URL_KINESIS", kinesisProxy.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_DYNAMODB", aws.endpoints().dynamoDb().toString());
        edge = JavaChild.start(
                "edge", settings.jar(), "io.liveinsight.local.LocalMain", JavaChild.SMALL, env, log("edge"));
        edgeAddress = URI.create("http://127.0.0.1:" + port);
        edge.awaitHealthy(edgeAddress.resolve("/health"), Duration.ofSeconds(90));
    }

    /** Starts (or restarts) a consumer; returns once its {@code /health} answers 200. */
    JavaChild startConsumer(String name) {
        int port = freePort();
        Map<String, String> env = commonEnv();
        env.put("KCL_APPLICATION_NAME", APPLICATION);
        env.put("DEAD_LETTER_STREAM", DEAD_LETTERS);
        env.put("KCL_FAST_STARTUP", "true");
        env.put("PUBLISH_METRICS", "false");
        env.put("HEALTH_HOST", "127.0.0.1");
        env.put("HEALTH_PORT", Integer.toString(port));
        env.put("AWS_ENDPOINT_URL_KINESIS", kinesisProxy.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_DYNAMODB", dynamoDbProxy.endpoint().toString());
        JavaChild child = JavaChild.start(
                name, settings.jar(), "io.liveinsight.processor.Main", JavaChild.SMALL, env, log("consumer-" + name));
        consumers.put(name, child);
        healthPorts.put(name, port);
        child.awaitHealthy(consumerHealth(name), Duration.ofSeconds(90));
        return child;
    }

    URI consumerHealth(String name) {
        return URI.create("http://127.0.0.1:" + healthPorts.get(name) + "/health");
    }

    JavaChild consumer(String name) {
        return consumers.get(name);
    }

    private Map<String, String> commonEnv() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_ACCESS_KEY_ID", "000000000000");
        env.put("AWS_SECRET_ACCESS_KEY", "dummy");
        env.put("AWS_REGION", Defaults.REGION);
        env.put("STREAM_NAME", STREAM);
        env.put("DDB_LOCAL_TELEMETRY", "0");
        env.put("AWS_EMF_ENVIRONMENT", "Local");
        return env;
    }

    private Path log(String name) {
        return settings.logDir().resolve("chaos-" + name + ".log");
    }

    /** The hash key range of each open shard of the stream (a split shard's parent is closed), in shard order. */
    List<ShardKeys.HashRange> shardRanges() {
        return openShards().stream()
                .map(s -> new ShardKeys.HashRange(
                        new BigInteger(s.hashKeyRange().startingHashKey()),
                        new BigInteger(s.hashKeyRange().endingHashKey())))
                .toList();
    }

    List<Shard> openShards() {
        return aws.kinesis().listShards(r -> r.streamName(STREAM)).shards().stream()
                .filter(s -> s.sequenceNumberRange().endingSequenceNumber() == null)
                .toList();
    }

    /** A shard split in two, and how long the stream took to be ACTIVE again. */
    record Split(String parent, String newStartingHashKey, List<String> children, double activeAfterS) {}

    /**
     * SplitShard on the open shard with the widest hash key range, at its middle, past the fault proxy; waits until
     * the stream is ACTIVE again (at most 60 s). Throws what Kinesis answers when it cannot.
     */
    Split splitShard() {
        KinesisClient kinesis = aws.kinesis();
        List<Shard> before = openShards();
        Shard parent =
                before.stream().max(Comparator.comparing(ChaosStack::width)).orElseThrow();
        BigInteger start = new BigInteger(parent.hashKeyRange().startingHashKey());
        String middle =
                start.add(width(parent).shiftRight(1)).add(BigInteger.ONE).toString();
        long t0 = System.nanoTime();
        kinesis.splitShard(
                r -> r.streamName(STREAM).shardToSplit(parent.shardId()).newStartingHashKey(middle));
        long deadline = t0 + 60_000_000_000L;
        while (!"ACTIVE"
                .equals(kinesis.describeStreamSummary(r -> r.streamName(STREAM))
                        .streamDescriptionSummary()
                        .streamStatusAsString())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("stream not ACTIVE 60 s after SplitShard");
            }
            sleep(100);
        }
        double active = (System.nanoTime() - t0) / 1e9;
        List<String> children = openShards().stream()
                .filter(s -> parent.shardId().equals(s.parentShardId()))
                .map(Shard::shardId)
                .toList();
        return new Split(parent.shardId(), middle, children, active);
    }

    private static BigInteger width(Shard shard) {
        return new BigInteger(shard.hashKeyRange().endingHashKey())
                .subtract(new BigInteger(shard.hashKeyRange().startingHashKey()));
    }

    /**
     * The KCL lease table's shard leases, past the fault proxy, in shard order: each with its checkpoint (a sentinel
     * such as {@code SHARD_END} for a finished parent, or "checkpointed" at a sequence number) and the start of its
     * owner's worker id.
     */
    List<String> leases() {
        return aws.dynamoDb().scan(r -> r.tableName(APPLICATION).consistentRead(true)).items().stream()
                .filter(item -> item.get("leaseKey").s().startsWith("shardId-"))
                .map(item -> {
                    String checkpoint = item.containsKey("checkpoint")
                            ? item.get("checkpoint").s()
                            : "-";
                    String owner = item.containsKey("leaseOwner")
                            ? item.get("leaseOwner").s()
                            : "nobody";
                    return String.format(
                            "%s %s (%s)",
                            item.get("leaseKey").s(),
                            checkpoint.chars().allMatch(Character::isDigit) ? "checkpointed" : checkpoint,
                            owner.substring(0, Math.min(11, owner.length())));
                })
                .sorted()
                .toList();
    }

    URI edge() {
        return edgeAddress;
    }

    FaultProxy kinesisProxy() {
        return kinesisProxy;
    }

    FaultProxy dynamoDbProxy() {
        return dynamoDbProxy;
    }

    /** Past the faults: for checks and for putting poison straight on the stream. */
    KinesisClient kinesis() {
        return aws.kinesis();
    }

    DynamoDbClient dynamoDb() {
        return aws.dynamoDb();
    }

    private static int freePort() {
        return Ports.resolve(0);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        consumers.values().forEach(JavaChild::close);
        if (edge != null) {
            edge.close();
        }
        kinesisProxy.close();
        dynamoDbProxy.close();
        aws.close();
    }
}
