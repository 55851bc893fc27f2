package io.liveinsight.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.liveinsight.event.contract.TableSchema;
import io.liveinsight.event.contract.Tables;
import io.liveinsight.local.engines.AwsEndpoints;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalMainTest {

    @Test
    void busyPorts_whenDynamoDbPortTaken_namesItAndItsEngine() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            LocalConfig config = LocalConfig.fromEnvironment(Map.of(
                    "LIVEINSIGHT_PORT",
                    "0",
                    "DYNAMODB_PORT",
                    Integer.toString(taken.getLocalPort()),
                    "KINESIS_PORT",
                    "0"));

            assertThat(LocalMain.busyPorts(config)).isEqualTo("port " + taken.getLocalPort() + " (DynamoDB Local)");
        }
    }

    @Test
    void busyPorts_whenExternalEnginesUsed_ignoresEnginePorts() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            LocalConfig config = LocalConfig.fromEnvironment(Map.of(
                    "LIVEINSIGHT_PORT", "0",
                    "DYNAMODB_PORT", Integer.toString(taken.getLocalPort()),
                    "AWS_ENDPOINT_URL", "http://localhost:4566"));

            assertThat(LocalMain.busyPorts(config)).isEmpty();
        }
    }

    @Test
    void banner_namesEveryTableOfTheContract() {
        LocalConfig config = LocalConfig.fromEnvironment(Map.of("TABLE_PREFIX", "Shop"));

        String banner = LocalMain.banner(
                config,
                AwsEndpoints.same(URI.create("http://127.0.0.1:8000")),
                URI.create("http://127.0.0.1:8080"),
                12);

        for (TableSchema table : Tables.all()) {
            assertThat(banner).contains(config.tables().of(table));
        }
        assertThat(banner).contains("tables Shop-Events, Shop-Sessions, Shop-ActiveSessions, Shop-Stats, Shop-Sites");
        assertThat(banner).contains("replay key: local-replay-key-0123456789 (local only)");
        assertThat(banner)
                .contains("WARNING default site on: requests without a site key are accepted as site \"default\"");
    }

    @Test
    void fromEnvironment_whenPortNotANumber_saysWhichVariable() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> LocalConfig.fromEnvironment(Map.of("DYNAMODB_PORT", "eight thousand")))
                .hasMessageContaining("DYNAMODB_PORT must be a number");
    }
}
