package io.liveinsight.infra;

import java.util.Map;
import java.util.TreeMap;

/** What both processor modes share: the KCL application name and the environment of {@code stream-processor}. */
final class Processor {

    private Processor() {}

    /** Names the KCL lease table (and its {@code -WorkerMetricStats}, {@code -CoordinatorState} tables). */
    static String applicationName(InfraConfig config) {
        return config.name("StreamProcessor");
    }

    /** {@code stream-processor}'s settings (see its README); tables are {@code <TABLE_PREFIX>-Events}... */
    static Map<String, String> environment(InfraConfig config, StreamConstruct streams) {
        Map<String, String> env = new TreeMap<>();
        env.put("STREAM_NAME", streams.events().getStreamName());
        env.put("DEAD_LETTER_STREAM", streams.deadLetters().getStreamName());
        env.put("TABLE_PREFIX", config.prefix());
        env.put("KCL_APPLICATION_NAME", applicationName(config));
        env.put(Metrics.STAGE_VARIABLE, config.stage().id());
        return env;
    }
}
