package io.liveinsight.processor;

import io.liveinsight.processor.config.HealthServerConfig;
import io.liveinsight.processor.config.ProcessorConfig;
import io.liveinsight.processor.consumer.KclConsumer;
import io.liveinsight.processor.health.HealthServer;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The KCL application as a process (the ECS Fargate task of {@code infrastructure}): configuration from the
 * environment, an optional health server ({@code HEALTH_PORT}), a graceful stop on SIGTERM (leases handed over,
 * checkpoints kept), and exit status 1 if the consumer ends by itself, so the orchestrator replaces the task. It
 * starts whether or not Kinesis and DynamoDB answer, and waits for them (see {@link KclConsumer}).
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> env = System.getenv();
        ProcessorConfig config;
        HealthServerConfig healthConfig;
        try {
            config = ProcessorConfig.fromEnvironment(env);
            healthConfig = HealthServerConfig.fromEnvironment(env);
        } catch (IllegalArgumentException e) {
            System.err.println("stream-processor: " + e.getMessage());
            System.exit(2);
            return;
        }
        KclConsumer consumer = KclConsumer.start(config);
        HealthServer health = null;
        if (healthConfig.enabledPort().isPresent()) {
            try {
                health = HealthServer.start(
                        healthConfig.host(),
                        healthConfig.enabledPort().get(),
                        consumer::health,
                        consumer::isRunning,
                        consumer::metrics);
                System.out.println("health server on " + health.address() + " (GET /health, /health/live, /metrics)");
            } catch (IOException e) {
                System.err.println("stream-processor: cannot serve health on " + healthConfig.host() + ":"
                        + healthConfig.port() + ": " + e.getMessage());
                consumer.close();
                System.exit(2);
                return;
            }
        }
        HealthServer healthToStop = health;
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean stopping = new AtomicBoolean();
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            stopping.set(true);
                            consumer.close();
                            if (healthToStop != null) {
                                healthToStop.close();
                            }
                            stopped.countDown();
                        },
                        "shutdown"));
        while (!stopped.await(5, TimeUnit.SECONDS)) {
            if (!consumer.isRunning() && !stopping.get()) {
                System.err.println("KCL consumer stopped unexpectedly; exiting");
                System.exit(1);
            }
        }
    }
}
