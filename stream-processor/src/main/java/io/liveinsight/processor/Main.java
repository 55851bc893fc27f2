package io.liveinsight.processor;

import io.liveinsight.processor.config.ProcessorConfig;
import io.liveinsight.processor.consumer.KclConsumer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The KCL application as a process (the ECS Fargate task of {@code infrastructure}): configuration from the
 * environment, a graceful stop on SIGTERM (leases handed over, checkpoints kept), and exit status 1 if the scheduler
 * ends by itself, so the orchestrator replaces the task.
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) throws InterruptedException {
        KclConsumer consumer = KclConsumer.start(ProcessorConfig.fromEnvironment(System.getenv()));
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean stopping = new AtomicBoolean();
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            stopping.set(true);
                            consumer.close();
                            stopped.countDown();
                        },
                        "shutdown"));
        while (!stopped.await(5, TimeUnit.SECONDS)) {
            if (!consumer.isRunning() && !stopping.get()) {
                System.err.println("KCL scheduler stopped unexpectedly; exiting");
                System.exit(1);
            }
        }
    }
}
