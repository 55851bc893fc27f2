package io.liveinsight.processor.config;

import java.util.Map;
import java.util.Optional;

/**
 * The consumer process's optional health server ({@code GET /health}, {@code /health/live}, {@code /metrics}).
 *
 * @param host the address it binds ({@code HEALTH_HOST}, default {@value #DEFAULT_HOST}: reachable from inside the
 *     container or host only, which is where ECS runs its container health check; set {@code 0.0.0.0} for probes
 *     from outside)
 * @param port {@code HEALTH_PORT}: unset or blank, no server; 0, any free port (the address is printed)
 */
public record HealthServerConfig(String host, Integer port) {

    public static final String DEFAULT_HOST = "127.0.0.1";

    public HealthServerConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("HEALTH_HOST must not be blank");
        }
        if (port != null && (port < 0 || port > 65_535)) {
            throw new IllegalArgumentException("HEALTH_PORT out of range: " + port);
        }
    }

    public static HealthServerConfig fromEnvironment(Map<String, String> env) {
        String port = env.get("HEALTH_PORT");
        Integer parsed;
        try {
            parsed = port == null || port.isBlank() ? null : Integer.valueOf(port.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("HEALTH_PORT must be a number, was '" + port + "'", e);
        }
        String host = env.get("HEALTH_HOST");
        return new HealthServerConfig(host == null || host.isBlank() ? DEFAULT_HOST : host.strip(), parsed);
    }

    /** The port to serve on, if the server is wanted. */
    public Optional<Integer> enabledPort() {
        return Optional.ofNullable(port);
    }
}
