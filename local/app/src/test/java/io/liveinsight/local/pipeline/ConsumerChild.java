package io.liveinsight.local.pipeline;

import io.liveinsight.event.TableNames;
import io.liveinsight.processor.config.ProcessorConfig;
import io.liveinsight.processor.consumer.KclConsumer;
import java.io.IOException;
import java.net.URI;

/**
 * The KCL consumer in a JVM of its own, for {@link WorkerKilledTest} to kill hard ({@code destroyForcibly}, SIGKILL).
 * Arguments: stream, application, table prefix, Kinesis endpoint, DynamoDB endpoint, dead-letter stream. It exits
 * when its standard input closes, so it never outlives the test JVM.
 */
public final class ConsumerChild {

    private ConsumerChild() {}

    public static void main(String[] args) throws IOException {
        KclConsumer consumer = KclConsumer.start(ProcessorConfig.local(
                args[0], args[1], TableNames.withPrefix(args[2]), URI.create(args[3]), URI.create(args[4]), args[5]));
        System.out.println("started");
        System.out.flush();
        while (System.in.read() != -1) {
            // wait for the parent to go away
        }
        consumer.close();
        System.exit(0);
    }
}
