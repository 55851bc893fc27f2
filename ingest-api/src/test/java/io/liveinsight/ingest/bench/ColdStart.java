package io.liveinsight.ingest.bench;

import io.liveinsight.local.engines.KinesisMockEngine;
import io.liveinsight.local.engines.LiveInsightResources;
import io.liveinsight.local.engines.LocalAwsClients;
import io.liveinsight.local.engines.LocalCredentials;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Cold start proxy: starts kinesis-mock, then launches fresh JVMs on the Lambda jar (plus {@link FirstRequest}),
 * each timed from process start to its first handled request (a 10-event beacon stored in the stream). Prints the
 * median and range over the runs, unprimed and primed (the first request after SnapStart priming).
 *
 * <p>Arguments: the Lambda jar, the number of runs.
 */
public final class ColdStart {

    private ColdStart() {}

    public static void main(String[] args) throws Exception {
        Path lambdaJar = Path.of(args[0]);
        int runs = Integer.parseInt(args[1]);
        String testClasses = Path.of(ColdStart.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI())
                .toString();
        try (KinesisMockEngine kinesisMock = KinesisMockEngine.start(0);
                KinesisClient kinesis = LocalAwsClients.kinesis(kinesisMock.endpoint())) {
            LiveInsightResources.createStream(kinesis, "coldstart", 1);
            Map<String, String> env = Map.of(
                    "STREAM_NAME",
                    "coldstart",
                    "AWS_ENDPOINT_URL_KINESIS",
                    kinesisMock.endpoint().toString(),
                    "AWS_REGION",
                    LocalCredentials.REGION.id(),
                    "AWS_ACCESS_KEY_ID",
                    LocalCredentials.ACCESS_KEY_ID,
                    "AWS_SECRET_ACCESS_KEY",
                    LocalCredentials.SECRET_ACCESS_KEY,
                    "AWS_EMF_ENVIRONMENT",
                    "Local",
                    "ALLOWED_ORIGINS",
                    "https://shop.example.com", // the beacon's origin: other origins are refused unread
                    "DEFAULT_SITE",
                    "on", // the beacon names no site
                    // No DynamoDB here: the deployment ceiling's lease call is refused at once and the edge admits
                    // from its local share (docs/contract/sites.md#shared-budgets), so the figure holds the DynamoDB
                    // client's start and one refused connection, not a lease round trip.
                    "AWS_ENDPOINT_URL_DYNAMODB",
                    "http://127.0.0.1:9");
            String classpath = lambdaJar + java.io.File.pathSeparator + testClasses;
            for (String mode : List.of("unprimed", "primed")) {
                List<Double> total = new ArrayList<>();
                List<Double> init = new ArrayList<>();
                List<Double> first = new ArrayList<>();
                List<Double> second = new ArrayList<>();
                for (int run = 0; run < runs; run++) {
                    double[] timing = launch(classpath, env, mode);
                    total.add(timing[0]);
                    init.add(timing[1]);
                    first.add(timing[2]);
                    second.add(timing[3]);
                }
                System.out.printf(
                        "cold start (%s, %d runs): JVM start to first handled request median %.0f ms (min %.0f, max %.0f);"
                                + " init median %.0f ms; first request median %.1f ms (min %.1f, max %.1f);"
                                + " second request median %.1f ms%n",
                        mode,
                        runs,
                        median(total),
                        Collections.min(total),
                        Collections.max(total),
                        median(init),
                        median(first),
                        Collections.min(first),
                        Collections.max(first),
                        median(second));
            }
        }
    }

    /** {total ms from process start, init ms, first request ms, second request ms}. */
    private static double[] launch(String classpath, Map<String, String> env, String mode) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(
                        java,
                        "-XX:+UseSerialGC",
                        "-XX:TieredStopAtLevel=1",
                        "-cp",
                        classpath,
                        FirstRequest.class.getName(),
                        mode)
                .redirectErrorStream(true);
        builder.environment().putAll(env);
        long started = System.nanoTime();
        Process process = builder.start();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            StringBuilder output = new StringBuilder();
            while ((line = out.readLine()) != null) {
                output.append(line).append('\n');
                if (line.startsWith("FIRST ")) {
                    double total = (System.nanoTime() - started) / 1e6;
                    String[] parts = line.split(" ");
                    if (!parts[1].equals("200")) {
                        throw new IllegalStateException("first request answered " + parts[1]);
                    }
                    String second = out.readLine();
                    while (second != null && !second.startsWith("SECOND ")) {
                        second = out.readLine();
                    }
                    process.waitFor();
                    return new double[] {
                        total,
                        Double.parseDouble(parts[2]),
                        Double.parseDouble(parts[3]),
                        second == null ? Double.NaN : Double.parseDouble(second.split(" ")[1])
                    };
                }
            }
            throw new IllegalStateException(
                    "child exited with " + process.waitFor() + " before its first request:\n" + output);
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
