package io.liveinsight.ingest.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.liveinsight.event.replay.ReplayKey;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IngestConfigTest {

    @Test
    void fromEnvironment_whenEmpty_usesDefaults() {
        IngestConfig config = IngestConfig.fromEnvironment(Map.of());

        assertThat(config.streamName()).isEqualTo("LiveInsight-Events");
        assertThat(config.publishBudget()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.allowedOrigins()).isEmpty();
        assertThat(config.anonymizeIp()).isTrue();
        assertThat(config.trustedProxyHops()).isZero();
        assertThat(config.retryAfterSeconds()).isEqualTo(1);
        assertThat(config.kinesisEndpointOverride()).isEmpty();
        assertThat(config.stage()).isEqualTo("local");
        assertThat(config.replayKey()).isEmpty();
    }

    @Test
    void fromEnvironment_whenSet_readsEveryVariable() {
        IngestConfig config = IngestConfig.fromEnvironment(Map.of(
                "STREAM_NAME", "x",
                "AWS_ENDPOINT_URL", "http://localhost:4566",
                "PUBLISH_BUDGET_MS", "1500",
                "ALLOWED_ORIGINS", "https://a.example.com, https://*.shop.example",
                "ANONYMIZE_IP", "false",
                "TRUSTED_PROXY_HOPS", "1",
                "RETRY_AFTER_SECONDS", "5",
                "STAGE", "prod"));

        assertThat(config.kinesisEndpoint()).isEqualTo(URI.create("http://localhost:4566"));
        assertThat(config.publishBudget()).isEqualTo(Duration.ofMillis(1500));
        assertThat(config.allowedOrigins()).containsExactly("https://a.example.com", "https://*.shop.example");
        assertThat(config.anonymizeIp()).isFalse();
        assertThat(config.trustedProxyHops()).isEqualTo(1);
        assertThat(config.retryAfterSeconds()).isEqualTo(5);
        assertThat(config.stage()).isEqualTo("prod");
    }

    @Test
    void fromEnvironment_whenAnyOriginOutsideLocalDevelopment_failsFast() {
        assertThatThrownBy(() -> IngestConfig.fromEnvironment(Map.of("ALLOWED_ORIGINS", "*")))
                .hasMessageContaining("local development only");
        assertThat(IngestConfig.fromEnvironment(Map.of("ALLOWED_ORIGINS", "*", "LIVEINSIGHT_LOCAL_DEV", "true"))
                        .corsPolicy()
                        .allows("https://any-site.example.net"))
                .isTrue();
        assertThat(IngestConfig.localDevelopment("s", "us-east-1", null).allowedOrigins())
                .containsExactly("*");
    }

    @Test
    void fromEnvironment_whenValuesMalformed_failsFastNamingTheVariable() {
        assertThatThrownBy(() -> IngestConfig.fromEnvironment(Map.of("PUBLISH_BUDGET_MS", "soon")))
                .hasMessageContaining("PUBLISH_BUDGET_MS");
        assertThatThrownBy(() -> IngestConfig.fromEnvironment(Map.of("ANONYMIZE_IP", "maybe")))
                .hasMessageContaining("ANONYMIZE_IP");
        assertThatThrownBy(() -> IngestConfig.fromEnvironment(Map.of("ALLOWED_ORIGINS", "shop.example.com")))
                .hasMessageContaining("ALLOWED_ORIGINS");
        assertThatThrownBy(() -> new IngestConfig("s", "r", null, Duration.ZERO))
                .hasMessageContaining("PUBLISH_BUDGET_MS");
        assertThatThrownBy(() -> IngestConfig.fromEnvironment(Map.of("STAGE", " ")))
                .hasMessageContaining("STAGE");
        assertThatThrownBy(() -> IngestConfig.fromEnvironment(Map.of("STAGE", "dev/prod")))
                .hasMessageContaining("STAGE");
    }

    @Test
    void fromEnvironment_whenReplayKeyDigestSet_opensTheLaneToThatKeyOnly() {
        String digest = ReplayKey.of("a-replay-key-0123456789").sha256Hex();

        IngestConfig config =
                IngestConfig.fromEnvironment(Map.of("REPLAY_KEY_SHA256", " " + digest.toUpperCase() + "\n"));

        assertThat(config.replayKey()).get().satisfies(key -> {
            assertThat(key.matches("a-replay-key-0123456789")).isTrue();
            assertThat(key.matches("another-key-0123456789")).isFalse();
        });
        assertThat(IngestConfig.fromEnvironment(Map.of("REPLAY_KEY_SHA256", "  "))
                        .replayKey())
                .isEmpty();
        assertThat(IngestConfig.localDevelopment("s", "us-east-1", null)
                        .withReplayKeySha256(digest)
                        .replayKey())
                .isPresent();
    }

    @Test
    void fromEnvironment_whenReplayKeyDigestIsNotADigest_failsFastWithoutEchoingIt() {
        for (String wrong : new String[] {"a-replay-key-0123456789", "abc", "g".repeat(64), "a".repeat(65)}) {
            assertThatThrownBy(() -> IngestConfig.fromEnvironment(Map.of("REPLAY_KEY_SHA256", wrong)))
                    .hasMessageContaining("REPLAY_KEY_SHA256")
                    .hasMessageNotContaining(wrong);
        }
    }

    @Test
    void toString_whenReplayKeySet_showsTheLaneButNotTheDigest() {
        String digest = ReplayKey.of("a-replay-key-0123456789").sha256Hex();

        String shown = IngestConfig.fromEnvironment(Map.of("REPLAY_KEY_SHA256", digest))
                .toString();

        assertThat(shown).contains("replayLane=on").doesNotContain(digest).doesNotContain(digest.substring(0, 16));
        assertThat(IngestConfig.fromEnvironment(Map.of()).toString()).contains("replayLane=off");
    }

    @Test
    void sites_fromTheEnvironment_defaultSiteOffInAws_onInTheLocalStack_andTheTableFollowsThePrefix() {
        SiteSettings unset = IngestConfig.fromEnvironment(Map.of()).sites();
        SiteSettings set = IngestConfig.fromEnvironment(Map.of(
                        "DEFAULT_SITE", " ON ",
                        "TABLE_PREFIX", "prod-LiveInsight",
                        "SITE_CACHE_SECONDS", "5",
                        "DEPLOYMENT_EVENTS_PER_S", "900",
                        "DEPLOYMENT_BURST", "1800"))
                .sites();

        assertThat(unset).isEqualTo(SiteSettings.DEFAULTS);
        assertThat(unset.defaultSite()).isFalse();
        assertThat(unset.sitesTable()).isEqualTo("LiveInsight-Sites");
        assertThat(set).isEqualTo(new SiteSettings(true, "prod-LiveInsight-Sites", Duration.ofSeconds(5), 900, 1800));
        assertThat(IngestConfig.fromEnvironment(Map.of("SITES_TABLE_NAME", "MySites"))
                        .sites()
                        .sitesTable())
                .isEqualTo("MySites");
        assertThat(IngestConfig.localDevelopment("s", "us-east-1", null).sites().defaultSite())
                .isTrue();
    }

    @Test
    void sites_whenBad_failAtStartUp() {
        assertThatThrownBy(() -> IngestConfig.fromEnvironment(Map.of("DEFAULT_SITE", "maybe")))
                .hasMessageContaining("DEFAULT_SITE must be on or off");
        assertThatThrownBy(() -> IngestConfig.fromEnvironment(Map.of("DEPLOYMENT_EVENTS_PER_S", "0")))
                .hasMessageContaining("DEPLOYMENT_EVENTS_PER_S");
        assertThatThrownBy(() -> IngestConfig.fromEnvironment(Map.of("SITE_CACHE_SECONDS", "-1")))
                .hasMessageContaining("SITE_CACHE_SECONDS");
    }
}
