package io.liveinsight.processor.consumer;

import io.liveinsight.event.TableNames;
import io.liveinsight.processor.archive.ArchivePolicy;
import io.liveinsight.processor.archive.ArchiveStatus;
import io.liveinsight.processor.config.ArchiveConfig;
import io.liveinsight.processor.config.ProcessorConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The archiver in a JVM of its own, for {@link KclArchiverTest} to kill hard ({@code destroyForcibly}, SIGKILL: no
 * shutdown, no flush, no lease released). Arguments: stream, application, folder, Kinesis endpoint, DynamoDB
 * endpoint, buffer bytes, flush age in ms. Prints {@code status <written> <oldest unwritten ms> <processing>} every
 * 100 ms; exits when its standard input closes, so it never outlives the test JVM.
 */
public final class ArchiverChild {

    private ArchiverChild() {}

    public static void main(String[] args) throws Exception {
        ProcessorConfig stream = ProcessorConfig.local(
                args[0], args[1], TableNames.withPrefix("Unused"), URI.create(args[3]), URI.create(args[4]), "unused");
        ArchivePolicy policy = new ArchivePolicy(Long.parseLong(args[5]), Duration.ofMillis(Long.parseLong(args[6])));
        ArchiveConfig config = ArchiveConfig.local(Path.of(args[2]), "unused", Duration.ofSeconds(60))
                .withPolicy(policy);
        config = new ArchiveConfig(
                config.directory(), args[1], config.policy(), config.pollInterval(), config.stuckAfter());
        KclArchiver archiver = KclArchiver.start(stream, config);
        Thread status = new Thread(() -> {
            while (true) {
                ArchiveStatus now = archiver.status();
                System.out.println("status " + now.recordsWritten() + " " + now.oldestUnwrittenRecordMillis() + " "
                        + now.processing());
                System.out.flush();
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        status.setDaemon(true);
        status.start();
        while (System.in.read() != -1) {
            // wait for the parent to go away
        }
        archiver.close();
        System.exit(0);
    }
}
