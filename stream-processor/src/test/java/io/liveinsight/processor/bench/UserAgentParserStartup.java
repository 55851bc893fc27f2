package io.liveinsight.processor.bench;

import io.liveinsight.processor.adapter.useragent.YauaaUserAgentParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.basjes.parse.useragent.UserAgent;
import nl.basjes.parse.useragent.UserAgentAnalyzer;

/**
 * What the user-agent parser costs a process once: the time to build it (its rules loaded; wall time and the process's
 * CPU time, which a loaded machine changes less), the heap it keeps after a full GC, and its first parses (JIT cold).
 * Each run is a fresh JVM (a child of this one, serial GC as on a one-vCPU Fargate task or a Lambda, so the heap after
 * a full GC is what is kept). Three builds, taken in turn in every run so a busy machine weighs on all alike:
 * {@link YauaaUserAgentParser#create} ({@code three}: three fields, test cases dropped), Yauaa with every field and
 * test cases dropped ({@code all}: what {@code withField} saves), and three fields with the test cases kept
 * ({@code tests}: what {@code dropTests} saves). Prints each run and the medians.
 *
 * <p>{@code UserAgentParserStartup <runs>}; a child runs {@code UserAgentParserStartup child <three|all|tests>}.
 */
public final class UserAgentParserStartup {

    private static final String CHROME = ReplayTraffic.USER_AGENT;
    private static final List<String> MODES = List.of("three", "all", "tests");

    private UserAgentParserStartup() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("child")) {
            child(args[1]);
            return;
        }
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Map<String, List<double[]>> results = new LinkedHashMap<>();
        for (int run = 1; run <= runs; run++) {
            for (String mode : MODES) {
                double[] figures = runChild(mode);
                results.computeIfAbsent(mode, m -> new ArrayList<>()).add(figures);
                System.out.printf(
                        "user-agent parser (%s), run %d: built in %.0f ms (%.0f ms of CPU), heap kept %.1f MB,"
                                + " first parse %.0f us, second (another agent) %.0f us%n",
                        mode, run, figures[0], figures[4], figures[1], figures[2], figures[3]);
            }
        }
        results.forEach((mode, figures) -> System.out.printf(
                "user-agent parser (%s), median of %d fresh JVMs: built in %.0f ms (%.0f ms of CPU), heap kept %.1f"
                        + " MB, first parse %.0f us, second %.0f us%n",
                mode,
                runs,
                median(figures, 0),
                median(figures, 4),
                median(figures, 1),
                median(figures, 2),
                median(figures, 3)));
    }

    private static double[] runChild(String mode) throws IOException, InterruptedException {
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "-XX:+UseSerialGC",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp",
                System.getProperty("java.class.path"),
                UserAgentParserStartup.class.getName(),
                "child",
                mode);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String result = null;
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("RESULT ")) {
                    result = line.substring("RESULT ".length());
                }
            }
        }
        if (process.waitFor() != 0 || result == null) {
            throw new IllegalStateException("child " + mode + " failed");
        }
        return Arrays.stream(result.split(" ")).mapToDouble(Double::parseDouble).toArray();
    }

    private static void child(String mode) {
        long before = heapAfterGc();
        long cpuBefore = processCpuNanos();
        long started = System.nanoTime();
        Object parser =
                switch (mode) {
                    case "all" ->
                        UserAgentAnalyzer.newBuilder()
                                .hideMatcherLoadStats()
                                .dropTests()
                                .withCache(YauaaUserAgentParser.CACHE_SIZE)
                                .immediateInitialization()
                                .build();
                    case "tests" ->
                        UserAgentAnalyzer.newBuilder()
                                .hideMatcherLoadStats()
                                .withField(UserAgent.AGENT_NAME)
                                .withField(UserAgent.OPERATING_SYSTEM_NAME)
                                .withField(UserAgent.DEVICE_CLASS)
                                .keepTests()
                                .withCache(YauaaUserAgentParser.CACHE_SIZE)
                                .immediateInitialization()
                                .build();
                    default -> YauaaUserAgentParser.create();
                };
        double builtMs = (System.nanoTime() - started) / 1e6;
        double cpuMs = (processCpuNanos() - cpuBefore) / 1e6;
        double keptMb = (heapAfterGc() - before) / 1e6;
        long first = System.nanoTime();
        parse(parser, CHROME);
        double firstUs = (System.nanoTime() - first) / 1e3;
        long second = System.nanoTime();
        parse(parser, UserAgentParserBenchmark.AGENTS.get(6));
        double secondUs = (System.nanoTime() - second) / 1e3;
        System.out.println("RESULT " + builtMs + " " + keptMb + " " + firstUs + " " + secondUs + " " + cpuMs);
    }

    private static void parse(Object parser, String agent) {
        if (parser instanceof YauaaUserAgentParser ours) {
            ours.parse(agent);
        } else {
            ((UserAgentAnalyzer) parser).parse(agent);
        }
    }

    /** CPU time of the whole process (JIT and GC threads included): what a busier or smaller machine also pays. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static double median(List<double[]> results, int index) {
        double[] values = results.stream().mapToDouble(r -> r[index]).sorted().toArray();
        return values[values.length / 2];
    }
}
