package io.liveinsight.processor.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.event.TableNames;
import io.liveinsight.event.archive.ArchiveLayout;
import io.liveinsight.local.engines.LiveInsightResources;
import io.liveinsight.local.engines.LocalAws;
import io.liveinsight.local.engines.WithLocalAws;
import io.liveinsight.processor.archive.ArchiveMetrics;
import io.liveinsight.processor.archive.ArchivePolicy;
import io.liveinsight.processor.config.ArchiveConfig;
import io.liveinsight.processor.config.ProcessorConfig;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * docs/contract/archive.md#layout and #duplicates, on the real engines (kinesis-mock, DynamoDB Local): what the stream
 * accepted comes out of the archive folder byte for byte, a line per record, in its arrival hour's partition, at least
 * once, through a hard kill, empty polls, a shard split and failing writes. One stream and one archive application throughout, so
 * the steps run in order: an archiver in a JVM of its own is killed mid-buffer (SIGKILL), then an archiver in this
 * JVM takes over from its checkpoint and runs the later steps. Two KCL start-ups (10-35 s each).
 */
@WithLocalAws
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KclArchiverTest {

    /** KCL's random start-up wait (up to 30 s), lease assignment, and a killed worker's lease expiring (5 s). */
    private static final Duration START = Duration.ofSeconds(90);
    /** The archiver in this JVM: written at least every second. */
    private static final Duration FLUSH_AGE = Duration.ofSeconds(1);
    /** Records unwritten this long make their shard stuck (a healthy buffer waits a flush age and a poll). */
    private static final Duration STUCK_AFTER = Duration.ofSeconds(6);

    @TempDir
    static Path folder;

    private static String stream;
    private static String application;
    private static ProcessorConfig streamConfig;
    private static KclArchiver archiver;
    /** Every record put, by its data: what the archive must hold. */
    private static final Map<String, byte[]> put = new LinkedHashMap<>();

    @BeforeAll
    static void stream(LocalAws aws) {
        stream = aws.createStream("archive", 1);
        application = "archive-test-" + System.nanoTime();
        LiveInsightResources.createLeaseTable(aws.dynamoDb(), application);
        streamConfig = ProcessorConfig.local(
                stream,
                "unused",
                TableNames.withPrefix("Unused"),
                aws.endpoints().kinesis(),
                aws.endpoints().dynamoDb(),
                "unused");
    }

    @AfterAll
    static void stop() {
        if (archiver != null) {
            archiver.close();
            assertThat(ArchiveFolder.others(folder))
                    .as("no temporary file left after a graceful stop")
                    .isEmpty();
        }
    }

    @Test
    @Order(1)
    void archive_whenTheArchiverIsKilledMidBufferAndRestarted_losesNothingAndWritesNothingTwice(LocalAws aws)
            throws Exception {
        // The child writes only when 256 KiB are buffered, so the records after the 1 MB one wait in its memory.
        List<byte[]> first = hostile("first", 20);
        first.add(megabyte());
        List<byte[]> second = hostile("second", 30);
        Process child = startChild(aws, 256 * 1024, Duration.ofMinutes(10));
        ChildStatus status = ChildStatus.follow(child);
        try {
            put(aws.kinesis(), first);
            await("the child writing the first records (a 1 MB record fills its buffer)", START, () -> {
                assertAlive(child);
                return ArchiveFolder.counts(ArchiveFolder.lines(folder)).size() == first.size();
            });
            put(aws.kinesis(), second);
            await("the child holding the second records unwritten", Duration.ofSeconds(30), () -> {
                assertAlive(child);
                return status.oldestUnwrittenMillis() > 0;
            });
            Thread.sleep(2_000); // two more polls: anything of the second batch not yet read is read now
        } finally {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        List<ArchiveFolder.Line> atKill = ArchiveFolder.lines(folder);
        System.out.printf(
                "child killed with %d records in files, %d written per its last status, %d ms unwritten%n",
                atKill.size(), status.written(), status.oldestUnwrittenMillis());
        assertThat(atKill)
                .as("the second records were in the child's memory only")
                .hasSize(first.size());

        long restarted = System.nanoTime();
        archiver = KclArchiver.start(streamConfig, config(ArchivePolicy.flushedEvery(FLUSH_AGE)));
        awaitArchived("the restarted archiver writing the second records", START);
        System.out.printf("restarted archiver had everything %d ms after it started%n", millisSince(restarted));

        assertArchiveHoldsExactlyWhatWasPut(aws, 1);
    }

    @Test
    @Order(2)
    void archive_whenNothingMoreComes_emptyPollsStillWriteTheAgedBuffer(LocalAws aws) {
        ensureArchiver();
        awaitArchived("earlier records", START);
        List<byte[]> one = hostile("alone", 1);

        long putAt = System.nanoTime();
        put(aws.kinesis(), one);
        // No record follows: only the empty polls (one a second) can find the buffer aged and write it.
        awaitArchived("a record that no other follows", FLUSH_AGE.plusSeconds(15));
        System.out.printf(
                "lone record in a file %d ms after it was put (flush age %d ms, poll every %d ms)%n",
                millisSince(putAt),
                FLUSH_AGE.toMillis(),
                archiver.config().pollInterval().toMillis());

        assertArchiveHoldsExactlyWhatWasPut(aws, 1);
        assertThat(archiver.status().healthy()).isTrue();
        assertThat(archiver.metrics().get(ArchiveMetrics.RECORDS_WRITTEN)).isGreaterThanOrEqualTo(1.0);
    }

    @Test
    @Order(3)
    void archive_whenTheShardIsSplitUnderTraffic_losesNothing(LocalAws aws) throws Exception {
        ensureArchiver();
        awaitArchived("earlier records", START);
        KinesisClient kinesis = aws.kinesis();
        String parent = openShards(kinesis).getFirst().shardId();

        put(kinesis, hostile("before-split", 40));
        var shard = openShards(kinesis).getFirst();
        BigInteger start = new BigInteger(shard.hashKeyRange().startingHashKey());
        BigInteger end = new BigInteger(shard.hashKeyRange().endingHashKey());
        kinesis.splitShard(r -> r.streamName(stream)
                .shardToSplit(parent)
                .newStartingHashKey(start.add(end.subtract(start).shiftRight(1)).toString()));
        awaitActive(kinesis);
        put(kinesis, hostile("after-split", 60)); // partition keys spread over both children

        awaitArchived("the parent's and both children's records", START);

        assertArchiveHoldsExactlyWhatWasPut(aws, 1);
        List<String> children = openShards(kinesis).stream()
                .filter(child -> parent.equals(child.parentShardId()))
                .map(software.amazon.awssdk.services.kinesis.model.Shard::shardId)
                .toList();
        assertThat(children).hasSize(2);
        List<ArchiveFolder.Line> lines = ArchiveFolder.lines(folder);
        for (String child : children) {
            assertThat(lines).as("records read from " + child).anyMatch(line -> line.file()
                    .contains("-" + child + "-"));
        }
        await("the parent's lease checkpointed at its end", Duration.ofSeconds(30), () -> "SHARD_END"
                .equals(checkpoint(aws, parent)));
    }

    @Test
    @Order(4)
    void archive_whenWritesFail_theShardShowsStuckUntilTheyAreWritten_andNothingIsSkipped(LocalAws aws)
            throws Exception {
        ensureArchiver();
        awaitArchived("earlier records", START);
        // A file where this hour's folder (and the next one's, should the hour turn meanwhile) must be: every write
        // fails as a full disk or a folder taken away would make it fail.
        Instant now = Instant.now();
        List<Path> blocked = new ArrayList<>();
        for (String partition : List.of(ArchiveLayout.partition(now), ArchiveLayout.partition(now.plusSeconds(3600)))) {
            Path hour = folder.resolve(partition);
            if (Files.isDirectory(hour)) {
                Files.move(hour, aside(hour));
            }
            Files.createDirectories(hour.getParent());
            Files.writeString(hour, "in the way");
            blocked.add(hour);
        }
        double failuresBefore = archiver.metrics().get(ArchiveMetrics.WRITE_FAILURES);
        put(aws.kinesis(), hostile("blocked", 5));

        await("the shard stuck on the archiver's status", STUCK_AFTER.plusSeconds(20), () -> !archiver.status()
                .stuckShards()
                .isEmpty());
        assertThat(archiver.status().healthy()).isFalse();
        assertThat(archiver.status().oldestUnwrittenRecordMillis()).isGreaterThanOrEqualTo(STUCK_AFTER.toMillis());
        assertThat(archiver.metrics().get(ArchiveMetrics.WRITE_FAILURES)).isGreaterThan(failuresBefore);
        assertThat(archiver.metrics().get(ArchiveMetrics.STUCK_SHARDS)).isGreaterThanOrEqualTo(1.0);

        for (Path hour : blocked) {
            Files.delete(hour);
            if (Files.isDirectory(aside(hour))) {
                Files.move(aside(hour), hour);
            }
        }
        awaitArchived("the held records once the folder is back", Duration.ofSeconds(30));
        assertArchiveHoldsExactlyWhatWasPut(aws, 1);
        await("the archiver healthy again", Duration.ofSeconds(10), () -> archiver.status()
                .healthy());
    }

    /** Where a partition's folder waits outside the archive while a file takes its place. */
    private static Path aside(Path hour) {
        return folder.resolveSibling(folder.getFileName() + "-aside-"
                + folder.relativize(hour).toString().replace('/', '_').replace('\\', '_'));
    }

    // --- steps

    private static ArchiveConfig config(ArchivePolicy policy) {
        ArchiveConfig config =
                ArchiveConfig.local(folder, "unused", policy.maxAge()).withPolicy(policy);
        return new ArchiveConfig(folder, application, config.policy(), config.pollInterval(), STUCK_AFTER);
    }

    /** When an earlier step failed before starting it. */
    private static void ensureArchiver() {
        if (archiver == null) {
            archiver = KclArchiver.start(streamConfig, config(ArchivePolicy.flushedEvery(FLUSH_AGE)));
        }
    }

    private static void awaitArchived(String what, Duration timeout) {
        await(what, timeout, () -> ArchiveFolder.counts(ArchiveFolder.lines(folder))
                .keySet()
                .containsAll(put.keySet()));
    }

    /**
     * Every record put is a line, byte for byte, {@code times} times, in its arrival hour's partition; every line is
     * a record put.
     */
    private static void assertArchiveHoldsExactlyWhatWasPut(LocalAws aws, int times) {
        List<ArchiveFolder.Line> lines = ArchiveFolder.lines(folder);
        Map<String, Instant> arrivals = arrivals(aws.kinesis());
        Map<String, Integer> counts = ArchiveFolder.counts(lines);
        assertThat(counts.keySet()).as("lines that are no record put").isSubsetOf(put.keySet());
        assertThat(put.keySet()).as("records put and in no file").isSubsetOf(counts.keySet());
        assertThat(counts)
                .allSatisfy((key, count) ->
                        assertThat(count).as("times in the archive").isEqualTo(times));
        for (ArchiveFolder.Line line : lines) {
            Instant arrival = arrivals.get(line.key());
            assertThat(arrival).as("arrival of a line").isNotNull();
            assertThat(line.partition())
                    .as("partition of the record that arrived at " + arrival)
                    .isEqualTo(ArchiveLayout.partition(arrival));
        }
    }

    // --- the stream

    /** Edge-like records with hostile content: astral characters, markup, {@code ~ # |}, 128-code-point ids. */
    private static List<byte[]> hostile(String tag, int count) {
        List<byte[]> records = new ArrayList<>();
        String astral = "\uD83D\uDE00".repeat(127);
        for (int i = 0; i < count; i++) {
            String id = tag + "~#|" + i;
            String json = "{\"v\":1,\"events\":[{\"event_id\":\"" + id + "\",\"session_id\":\"" + astral + i
                    + "\",\"user_id\":\"<script>alert('" + id + "')</script>\",\"page_url\":\"/p?q=~#|\u2028\"}]}";
            records.add(json.getBytes(StandardCharsets.UTF_8));
        }
        return records;
    }

    private static byte[] megabyte() {
        String head = "{\"v\":1,\"events\":[{\"event_id\":\"big\",\"page_url\":\"/<script>";
        String tail = "\"}]}";
        StringBuilder padding = new StringBuilder();
        while (padding.length() < 1_000_000 - head.length() - tail.length()) {
            padding.append("~#|\uD83D\uDE00");
        }
        byte[] data = (head + padding + tail).getBytes(StandardCharsets.UTF_8);
        return java.util.Arrays.copyOf(data, Math.min(data.length, 1_000_000));
    }

    /** Puts the records in this order (a record over 500 KB alone, the others in one PutRecords between those). */
    private static void put(KinesisClient kinesis, List<byte[]> records) {
        List<PutRecordsRequestEntry> entries = new ArrayList<>();
        for (byte[] data : records) {
            put.put(ArchiveFolder.key(data), data);
            if (data.length > 500_000) {
                putAll(kinesis, entries);
                entries.clear();
                kinesis.putRecord(
                        r -> r.streamName(stream).partitionKey("big~#|").data(SdkBytes.fromByteArray(data)));
                continue;
            }
            entries.add(PutRecordsRequestEntry.builder()
                    .partitionKey("pk-\uD83D\uDE00-" + entries.size() + "-" + System.nanoTime())
                    .data(SdkBytes.fromByteArray(data))
                    .build());
        }
        putAll(kinesis, entries);
    }

    private static void putAll(KinesisClient kinesis, List<PutRecordsRequestEntry> entries) {
        if (!entries.isEmpty()) {
            PutRecordsResponse response =
                    kinesis.putRecords(r -> r.streamName(stream).records(entries));
            assertThat(response.failedRecordCount()).isZero();
        }
    }

    /** Every record on every shard, open or closed, by its data: when the stream accepted it. */
    private static Map<String, Instant> arrivals(KinesisClient kinesis) {
        Map<String, Instant> arrivals = new HashMap<>();
        for (var shard : kinesis.listShards(r -> r.streamName(stream)).shards()) {
            String iterator = kinesis.getShardIterator(r -> r.streamName(stream)
                            .shardId(shard.shardId())
                            .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                    .shardIterator();
            while (iterator != null) {
                String current = iterator;
                var response = kinesis.getRecords(r -> r.shardIterator(current).limit(1000));
                for (Record record : response.records()) {
                    arrivals.put(ArchiveFolder.key(record.data().asByteArray()), record.approximateArrivalTimestamp());
                }
                if (response.records().isEmpty()
                        && (response.millisBehindLatest() == null || response.millisBehindLatest() == 0)) {
                    break;
                }
                iterator = response.nextShardIterator();
            }
        }
        return arrivals;
    }

    private static List<software.amazon.awssdk.services.kinesis.model.Shard> openShards(KinesisClient kinesis) {
        return kinesis.listShards(r -> r.streamName(stream)).shards().stream()
                .filter(s -> s.sequenceNumberRange().endingSequenceNumber() == null)
                .toList();
    }

    private static void awaitActive(KinesisClient kinesis) {
        await("the stream ACTIVE after the split", Duration.ofSeconds(60), () -> "ACTIVE"
                .equals(kinesis.describeStreamSummary(r -> r.streamName(stream))
                        .streamDescriptionSummary()
                        .streamStatusAsString()));
    }

    private static String checkpoint(LocalAws aws, String shardId) {
        var item = aws.dynamoDb()
                .getItem(r -> r.tableName(application)
                        .key(Map.of(
                                "leaseKey",
                                software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(shardId)))
                        .consistentRead(true))
                .item();
        return item.containsKey("checkpoint") ? item.get("checkpoint").s() : null;
    }

    // --- the child

    private static Process startChild(LocalAws aws, long bytes, Duration age) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(
                java,
                "-Daws.accessKeyId=000000000000",
                "-Daws.secretAccessKey=dummy",
                "-Daws.region=us-east-1",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp",
                System.getProperty("java.class.path"),
                ArchiverChild.class.getName(),
                stream,
                application,
                folder.toString(),
                aws.endpoints().kinesis().toString(),
                aws.endpoints().dynamoDb().toString(),
                Long.toString(bytes),
                Long.toString(age.toMillis()));
        return new ProcessBuilder(command)
                .redirectError(new File("target/killed-archiver.log"))
                .start();
    }

    /** The child's last status line. */
    private static final class ChildStatus {
        private volatile long written;
        private volatile long oldestUnwrittenMillis;

        static ChildStatus follow(Process child) {
            ChildStatus status = new ChildStatus();
            Thread reader = new Thread(() -> {
                try (BufferedReader lines =
                        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = lines.readLine()) != null) {
                        String[] parts = line.split(" ");
                        if (parts.length == 4 && parts[0].equals("status")) {
                            status.written = Long.parseLong(parts[1]);
                            status.oldestUnwrittenMillis = Long.parseLong(parts[2]);
                        }
                    }
                } catch (IOException e) {
                    // the child is gone
                }
            });
            reader.setDaemon(true);
            reader.start();
            return status;
        }

        long written() {
            return written;
        }

        long oldestUnwrittenMillis() {
            return oldestUnwrittenMillis;
        }
    }

    private static void assertAlive(Process child) {
        if (!child.isAlive()) {
            throw new AssertionError("archiver child exited: " + child.exitValue() + " (target/killed-archiver.log)");
        }
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) {
        StreamProbe.await(
                what,
                timeout,
                condition,
                () -> "; folder holds " + ArchiveFolder.lines(folder).size() + " lines of " + put.size()
                        + " records put"
                        + (archiver == null ? "" : "; archiver " + archiver.status() + " " + archiver.metrics()));
    }

    private static long millisSince(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos).toMillis();
    }
}
