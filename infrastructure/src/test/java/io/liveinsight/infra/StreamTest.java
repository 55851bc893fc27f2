package io.liveinsight.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/** The events stream (on-demand or provisioned, encrypted) and the dead-letter stream. */
class StreamTest {

    private static final Map<String, Object> MANAGED_KEY =
            Map.of("EncryptionType", "KMS", "KeyId", "alias/aws/kinesis");

    @Test
    void eventsStream_isOnDemandAndEncrypted_byDefault() {
        Synth.dev()
                .template()
                .hasResourceProperties(
                        "AWS::Kinesis::Stream",
                        Map.of(
                                "Name",
                                "dev-LiveInsight-Events",
                                "StreamModeDetails",
                                Map.of("StreamMode", "ON_DEMAND"),
                                "StreamEncryption",
                                MANAGED_KEY,
                                "RetentionPeriodHours",
                                168));
        TemplateView view = new TemplateView(Synth.dev().template());
        assertThat(view.properties(view.id("AWS::Kinesis::Stream", "Name", "dev-LiveInsight-Events")))
                .doesNotContainKey("ShardCount");
    }

    @Test
    void eventsStream_takesProvisionedShards_asASetting() {
        Synth.variant()
                .template()
                .hasResourceProperties(
                        "AWS::Kinesis::Stream",
                        Map.of(
                                "Name",
                                "dev-LiveInsight-Events",
                                "StreamModeDetails",
                                Map.of("StreamMode", "PROVISIONED"),
                                "ShardCount",
                                4,
                                "StreamEncryption",
                                MANAGED_KEY));
    }

    @Test
    void deadLetterStream_isEncrypted_andNamedByStage() {
        Template prod = Synth.prod().template();
        prod.resourceCountIs("AWS::Kinesis::Stream", 2);
        prod.hasResourceProperties(
                "AWS::Kinesis::Stream",
                Map.of(
                        "Name",
                        "prod-LiveInsight-DeadLetters",
                        "StreamModeDetails",
                        Map.of("StreamMode", "ON_DEMAND"),
                        "StreamEncryption",
                        MANAGED_KEY));
        TemplateView view = new TemplateView(prod);
        for (String stream : view.ids("AWS::Kinesis::Stream")) {
            assertThat(view.resources().get(stream)).containsEntry("DeletionPolicy", "Retain");
        }
    }
}
