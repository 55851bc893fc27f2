package io.liveinsight.load.simulations;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.CoreDsl;
import io.gatling.javaapi.http.HttpDsl;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.util.List;

/** The simulations' settings, from system properties the pom passes to Gatling's JVM (see the module README). */
final class Knobs {

    private Knobs() {}

    static String baseUrl() {
        return System.getProperty("baseUrl", "http://127.0.0.1:8080");
    }

    static double number(String name, double fallback) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? fallback : Double.parseDouble(value);
    }

    static int integer(String name, int fallback) {
        return (int) number(name, fallback);
    }

    static HttpProtocolBuilder http() {
        return HttpDsl.http
                .baseUrl(baseUrl())
                .userAgentHeader("liveinsight-gatling")
                .acceptHeader("application/json")
                .shareConnections();
    }

    /** Error rate and p99 for every simulation: {@code -DmaxErrorPct} (1) and {@code -Dp99Ms} (1000). */
    static List<Assertion> assertions() {
        return List.of(
                CoreDsl.global().failedRequests().percent().lte(number("maxErrorPct", 1.0)),
                CoreDsl.global().responseTime().percentile(99.0).lte(integer("p99Ms", 1000)));
    }
}
