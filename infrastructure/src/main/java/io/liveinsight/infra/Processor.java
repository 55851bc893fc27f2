package io.liveinsight.infra;

import java.util.Map;
import java.util.TreeMap;
import software.amazon.awscdk.Stack;

/** What both processor modes share: the KCL application name and the environment of {@code stream-processor}. */
final class Processor {

    private Processor() {}

    /** Names the KCL lease table (and its {@code -WorkerMetricStats}, {@code -CoordinatorState} tables). */
    static String applicationName(InfraConfig config) {
        return config.name("StreamProcessor");
    }

    static Map<String, String> environment(
            InfraConfig config, StreamConstruct streams, String applicationName, Stack stack) {
        Map<String, String> env = new TreeMap<>();
        env.put("STREAM_NAME", streams.events().getStreamName());
        env.put("DEAD_LETTER_STREAM", streams.deadLetters().getStreamName());
        env.put("TABLE_PREFIX", config.prefix());
        env.put("KCL_APPLICATION_NAME", applicationName);
        if (stack != null) {
            env.put("AWS_REGION", stack.getRegion());
        }
        return env;
    }
}
