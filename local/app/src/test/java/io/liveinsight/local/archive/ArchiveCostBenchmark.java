package io.liveinsight.local.archive;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.liveinsight.event.TableNames;
import io.liveinsight.event.archive.ArchiveLayout;
import io.liveinsight.local.LocalConfig;
import io.liveinsight.local.LocalPipeline;
import io.liveinsight.local.engines.LiveInsightResources;
import io.liveinsight.local.engines.LocalAws;
import io.liveinsight.local.engines.Ports;
import io.liveinsight.local.engines.fault.FaultProxy;
import io.liveinsight.local.engines.fault.OperationStats;
import io.liveinsight.processor.config.ArchiveConfig;
import io.liveinsight.processor.config.ProcessorConfig;
import io.liveinsight.processor.consumer.KclArchiver;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * What the local archiver costs the local stack (edge, consumer, engines in this JVM, kinesis-mock under Node): the
 * stack runs idle, then takes steady single-event requests through its edge, first without the archiver, then with
 * it (the local stack's settings: a second KCL application polling every second, files every 60 s or 5 MiB), then
 * without it again. Printed: the archiver's own calls to kinesis-mock and DynamoDB Local per second (it reaches them
 * through counting proxies of its own), the CPU of this JVM and of kinesis-mock's Node process per second in each
 * phase (the archiver's share is the difference: other load on the machine shows as noise, so the load average is
 * printed too), and the archive's size per 1,000 events by events a stream record (the edge puts a request's events
 * of one session in one record), raw and gzip.
 *
 * <p>Run: {@code ./mvnw -B -q -o -pl stream-processor,local/app -am -Pbench -DskipTests verify -Dbench.latency.skip
 * -Dbench.jmh.skip -Dbench.writeunits.skip -Dbench.sessionlength.skip -Dbench.throughput.skip -Dbench.useragent.skip
 * -Darchivecost.args="<seconds of traffic per phase> <requests per second>"} (default 60 20; idle phases last half).
 */
public final class ArchiveCostBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String USER_AGENT = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like"
            + " Gecko) Chrome/131.0.0.0 Safari/537.36";
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private ArchiveCostBenchmark() {}

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Path folder = Files.createTempDirectory("archive-cost");
        System.out.printf("load average at start: %s%n", loadAverage());
        try (LocalAws aws = LocalAws.startOnFreePorts();
                FaultProxy archiveKinesis = FaultProxy.start(aws.endpoints().kinesis());
                FaultProxy archiveDynamoDb = FaultProxy.start(aws.endpoints().dynamoDb())) {
            ProcessHandle node = ProcessHandle.current()
                    .descendants()
                    .filter(p -> p.info().command().orElse("").contains("node"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("kinesis-mock's node process not found"));
            String stream = aws.createStream("cost", 1);
            LocalConfig config = new LocalConfig(
                    "127.0.0.1",
                    Ports.resolve(0),
                    0,
                    0,
                    null,
                    null,
                    stream,
                    1,
                    TableNames.withPrefix("Cost"),
                    "cost-consumer",
                    null,
                    true);
            try (LocalPipeline stack = LocalPipeline.start(config, aws.endpoints())) {
                URI edge = stack.edgeAddress();
                awaitHealthy(edge);
                send(edge, 30 * rate, rate, 1); // warm-up: 30 s of traffic
                List<Phase> phases = new ArrayList<>();
                phases.add(measure("off, idle", edge, node, seconds / 2, rate, 0));
                phases.add(measure("off, traffic", edge, node, seconds, rate, 1));

                ArchiveConfig archive = ArchiveConfig.local(folder, config.applicationName(), Duration.ofSeconds(60));
                LiveInsightResources.createLeaseTable(aws.dynamoDb(), archive.applicationName());
                ProcessorConfig processor = ProcessorConfig.local(
                        stream,
                        config.applicationName(),
                        config.tables(),
                        archiveKinesis.endpoint(),
                        archiveDynamoDb.endpoint(),
                        config.deadLetterStream());
                long eventsArchived;
                try (KclArchiver archiver = KclArchiver.start(processor, archive)) {
                    long started = System.nanoTime();
                    while (!archiver.status().processing()) {
                        Thread.sleep(200);
                    }
                    System.out.printf(
                            "archiver processing after %d ms%n",
                            Duration.ofNanos(System.nanoTime() - started).toMillis());
                    send(edge, 10 * rate, rate, 1); // it reads the stream from its start: 10 s to catch up
                    archiveKinesis.resetStats();
                    archiveDynamoDb.resetStats();
                    Phase idle = measure("on, idle", edge, node, seconds / 2, rate, 0);
                    Phase traffic = measure("on, traffic", edge, node, seconds, rate, 1);
                    phases.add(idle);
                    phases.add(traffic);
                    double measured = idle.seconds() + traffic.seconds();
                    System.out.printf("%nthe archiver's calls per second over %.1f s (idle and traffic):%n", measured);
                    print("kinesis-mock", archiveKinesis.stats().operations(), measured);
                    print("DynamoDB Local", archiveDynamoDb.stats().operations(), measured);
                    send(edge, 100, rate, 10); // 1,000 events in requests of 10, for the size figures
                    Thread.sleep(archive.pollInterval().multipliedBy(3)); // read the tail before the stop
                    eventsArchived = SEQUENCE.get();
                }
                phases.add(measure("off, idle", edge, node, seconds / 2, rate, 0));
                phases.add(measure("off, traffic", edge, node, seconds, rate, 1));
                System.out.printf(
                        "%n%-14s %8s %10s %14s %14s%n",
                        "phase", "seconds", "requests/s", "JVM CPU ms/s", "node CPU ms/s");
                for (Phase phase : phases) {
                    System.out.printf(
                            "%-14s %8.1f %10.1f %14.1f %14.1f%n",
                            phase.name,
                            phase.seconds(),
                            phase.requestsPerSecond(),
                            phase.jvmCpuPerSecond(),
                            phase.nodeCpuPerSecond());
                }
                sizes(folder, eventsArchived); // it read the stream from its start
            }
        }
        System.out.printf("load average at end: %s%n", loadAverage());
    }

    private record Phase(String name, double seconds, long requests, long jvmCpuNanos, long nodeCpuNanos) {
        double requestsPerSecond() {
            return requests / seconds;
        }

        double jvmCpuPerSecond() {
            return jvmCpuNanos / 1e6 / seconds;
        }

        double nodeCpuPerSecond() {
            return nodeCpuNanos / 1e6 / seconds;
        }
    }

    private static Phase measure(String name, URI edge, ProcessHandle node, int seconds, int rate, int events)
            throws Exception {
        long jvm = jvmCpuNanos();
        long nodeCpu = cpuNanos(node);
        long started = System.nanoTime();
        long requests = 0;
        if (events == 0) {
            Thread.sleep(Duration.ofSeconds(seconds));
        } else {
            requests = send(edge, seconds * rate, rate, events);
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        return new Phase(name, elapsed, requests, jvmCpuNanos() - jvm, cpuNanos(node) - nodeCpu);
    }

    /** {@code count} requests of {@code events} events each, {@code rate} a second, one after another. */
    private static long send(URI edge, int count, int rate, int events) throws Exception {
        long interval = 1_000_000_000L / rate;
        long next = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            next += interval;
            StringBuilder body = new StringBuilder("[");
            for (int e = 0; e < events; e++) {
                long n = SEQUENCE.incrementAndGet();
                String session = String.format("%032x", n / 8);
                body.append(e == 0 ? "" : ",")
                        .append(String.format(
                                "{\"user_id\":\"anon-%032x\",\"session_id\":\"%s\",\"event_type\":\"%s\","
                                        + "\"page_url\":\"https://shop.example.com/collections/summer-sale/products/"
                                        + "linen-shirt-%d?variant=4123%d&utm_source=newsletter\","
                                        + "\"referrer\":\"https://www.google.com/\",\"properties\":{\"depth\":%d}}",
                                n / 8, session, n % 3 == 0 ? "scroll_depth" : "page_view", n % 97, n % 1000, n % 100));
            }
            body.append("]");
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(edge.resolve("/events"))
                            .header("Content-Type", "text/plain")
                            .header("User-Agent", USER_AGENT)
                            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("edge answered " + response.statusCode() + ": " + response.body());
            }
        }
        return count;
    }

    private static void print(String engine, Map<String, OperationStats> calls, double seconds) {
        long total = 0;
        for (Map.Entry<String, OperationStats> call : new TreeMap<>(calls).entrySet()) {
            total += call.getValue().requests();
            System.out.printf(
                    "  %-16s %-45s %8.2f/s (%d)%n",
                    engine,
                    call.getKey(),
                    call.getValue().requests() / seconds,
                    call.getValue().requests());
        }
        System.out.printf("  %-16s %-45s %8.2f/s (%d)%n", engine, "all", total / seconds, total);
    }

    /**
     * The archive's files, and its size per 1,000 events by events a record: raw, and gzip as a file of only such
     * records would be (their lines gzipped together, as the sink writes a file).
     */
    private static void sizes(Path folder, long eventsSent) throws IOException {
        long gzip = 0;
        long raw = 0;
        long events = 0;
        Map<Integer, ByteArrayOutputStream> byEventsPerRecord = new TreeMap<>();
        Map<Integer, Long> recordsByEvents = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> all = Files.walk(folder)) {
            files = all.filter(p -> p.getFileName().toString().endsWith(ArchiveLayout.FILE_SUFFIX))
                    .toList();
        }
        for (Path file : files) {
            gzip += Files.size(file);
            byte[] content;
            try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                content = in.readAllBytes();
            }
            raw += content.length;
            for (String line : new String(content, StandardCharsets.UTF_8).split("\n")) {
                int count = JSON.readTree(line).path("events").size();
                events += count;
                recordsByEvents.merge(count, 1L, Long::sum);
                byEventsPerRecord
                        .computeIfAbsent(count, k -> new ByteArrayOutputStream())
                        .writeBytes((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        System.out.printf(
                "%narchive: %d files, %d events in them (%d sent), %d bytes gzip, %d bytes raw (%.1f x)%n",
                files.size(), events, eventsSent, gzip, raw, (double) raw / gzip);
        for (Map.Entry<Integer, ByteArrayOutputStream> group : byEventsPerRecord.entrySet()) {
            byte[] lines = group.getValue().toByteArray();
            ByteArrayOutputStream compressed = new ByteArrayOutputStream();
            try (GZIPOutputStream out = new GZIPOutputStream(compressed)) {
                out.write(lines);
            }
            long groupEvents = recordsByEvents.get(group.getKey()) * group.getKey();
            System.out.printf(
                    "  %d event(s) a record: %d records; per 1,000 events %.0f bytes raw, %.0f bytes gzip%n",
                    group.getKey(),
                    recordsByEvents.get(group.getKey()),
                    lines.length * 1000.0 / groupEvents,
                    compressed.size() * 1000.0 / groupEvents);
        }
    }

    private static void awaitHealthy(URI edge) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> health = HTTP.send(
                    HttpRequest.newBuilder(edge.resolve("/health")).build(), HttpResponse.BodyHandlers.ofString());
            if (health.statusCode() == 200) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("stack not healthy within 2 minutes");
    }

    private static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long cpuNanos(ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
